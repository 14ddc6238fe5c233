/**
 * How well a replay reproduces the observed timeline (§4). Each observation is matched to the
 * first transition of that service into that state after the previous match for the same service
 * (observations of a service are taken in observed order). An observation whose matched transition
 * happens at a scenario event's instant and rests, through same-instant links only, on a cause of
 * kind `event` is an input (the scenario did it), not a prediction: it is left out of the score.
 * A reaction (an event with `when`, `delay` or `waitsFor`) happens at a time the model predicts, so
 * what it causes is scored. Milestone observations (`detected`, `communicated`) are matched to the
 * replay's detection and first status-page post: always predictions.
 */
import type { Fidelity, ObservationMatch, Replay } from './types.js';
import { Operators } from './operators.js';

/** How a milestone observation is named in the fidelity table (its `service` column). */
export const MILESTONE_LABEL = { detected: '(detected)', communicated: '(first status post)' } as const;

export function fidelity(replay: Replay): Fidelity {
  const { timeline, scenario } = replay;
  const eventAt = new Set(scenario.events.filter((e) => !Operators.reacts(e)).map((e) => e.atMin));
  const isInput = (i: number): boolean => {
    let t = timeline[i]!;
    if (!eventAt.has(t.atMin)) return false;
    for (let hops = 0; hops < timeline.length; hops++) {
      if (t.cause.kind === 'event') return true;
      const p = t.cause.parent;
      if (p === undefined || timeline[p]!.atMin !== t.atMin) return false;
      t = timeline[p]!;
    }
    return false;
  };
  const cursor = new Map<string, number>();
  const order = scenario.observed.map((o, i) => ({ o, i })).sort((a, b) => a.o.atMin - b.o.atMin || a.i - b.i);
  const matches: ObservationMatch[] = new Array(scenario.observed.length);
  for (const { o, i } of order) {
    const after = cursor.get(o.service) ?? -1;
    let found = -1;
    for (let k = after + 1; k < timeline.length; k++) {
      const t = timeline[k]!;
      if (t.service === o.service && t.state === o.state && t.from !== t.state) { found = k; break; }
    }
    const base = { service: o.service, state: o.state, observedMin: o.atMin, ...(o.note !== undefined ? { note: o.note } : {}), ...(o.fitted ? { fitted: o.fitted } : {}), loc: o.loc };
    if (found < 0) {
      matches[i] = { ...base, input: false };
      continue;
    }
    cursor.set(o.service, found);
    const predictedMin = timeline[found]!.atMin;
    matches[i] = { ...base, predictedMin, errorMin: Math.round((predictedMin - o.atMin) * 10) / 10, input: isInput(found) };
  }
  for (const o of scenario.milestones ?? []) {
    const predictedMin = o.milestone === 'detected' ? replay.detectedAt : replay.communicatedAt;
    const base = { service: MILESTONE_LABEL[o.milestone], state: 'ok' as const, milestone: o.milestone, observedMin: o.atMin, ...(o.note !== undefined ? { note: o.note } : {}), ...(o.fitted ? { fitted: o.fitted } : {}), loc: o.loc, input: false };
    matches.push(predictedMin === undefined ? base : { ...base, predictedMin, errorMin: Math.round((predictedMin - o.atMin) * 10) / 10 });
  }
  // In file order: milestones sit among the state observations where the graph lists them.
  matches.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
  const scored = matches.filter((m) => m.predictedMin !== undefined && !m.input);
  const errors = scored.map((m) => Math.abs(m.errorMin!));
  return {
    matched: scored.length,
    total: matches.length,
    inputs: matches.filter((m) => m.input).length,
    maxErrorMinutes: errors.length ? Math.max(...errors) : 0,
    meanErrorMinutes: errors.length ? Math.round((errors.reduce((a, b) => a + b, 0) / errors.length) * 10) / 10 : 0,
    orderAgrees: orderAgrees(scored),
    unmatched: matches.filter((m) => m.predictedMin === undefined),
    observations: matches,
  };
}

/** Predicted order follows observed order; observations at the same observed time may come in any order. */
function orderAgrees(scored: readonly ObservationMatch[]): boolean {
  const byObserved = [...scored].sort((a, b) => a.observedMin - b.observedMin);
  let maxBefore = -Infinity;
  for (let i = 0; i < byObserved.length;) {
    let j = i;
    while (j < byObserved.length && byObserved[j]!.observedMin === byObserved[i]!.observedMin) j++;
    const group = byObserved.slice(i, j).map((m) => m.predictedMin!);
    if (Math.min(...group) < maxBefore - 1e-9) return false;
    maxBefore = Math.max(maxBefore, ...group);
    i = j;
  }
  return true;
}

/** Why `--check` fails: every prediction off by more than `toleranceMin`, order, unmatched. */
export function fidelityFails(f: Fidelity, toleranceMin = 15): string[] {
  const reasons: string[] = [];
  for (const m of f.observations) {
    if (m.predictedMin !== undefined && !m.input && Math.abs(m.errorMin!) > toleranceMin) {
      reasons.push(`${m.service} ${m.state}: predicted ${m.errorMin! > 0 ? '+' : ''}${m.errorMin} min off (tolerance ${toleranceMin})`);
    }
  }
  if (!f.orderAgrees) reasons.push('the predicted order of events differs from the observed order');
  for (const m of f.unmatched) reasons.push(`${m.service} ${m.state}: observed but never predicted`);
  return reasons;
}
