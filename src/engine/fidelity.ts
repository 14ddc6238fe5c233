/**
 * How well a replay reproduces the observed timeline (docs/semantics.md#fidelity). Per service, observations (in observed
 * order) are matched to its transitions into the same state, order kept, globally: the most
 * observations matched, then the least total error (`matchInOrder`); the rest are unmatched, so an
 * observation the engine cannot produce does not take the transition of the next one. An observation whose matched transition
 * happens at a scenario event's instant and rests, through same-instant links only, on a cause of
 * kind `event` is an input (the scenario did it), not a prediction: it is left out of the score.
 * A reaction (an event with `when`, `delay` or `waitsFor`) happens at a time the model predicts, so
 * what it causes is scored. Milestone observations (`detected`, `communicated`) are matched to the
 * replay's detection and first status-page post: always predictions.
 */
import type { Observation } from '../model/types.js';
import type { Fidelity, ObservationMatch, Replay, Transition } from './types.js';
import { maxOf, minOf } from '../model/arrays.js';
import { Operators } from './operators.js';
import { EPS } from '../model/numbers.js';
import { assumedNumbers, movedModel } from './assumptions.js';
import { replay as replay_ } from './simulate.js';

/** Above this many x-assumed numbers, what predictions rest on is not computed. */
export const MAX_ASSUMED = 200;

/** How a milestone observation is named in the fidelity table (its `service` column). */
export const MILESTONE_LABEL = { detected: '(detected)', communicated: '(first status post)' } as const;

/** `restsOn: false` skips computing what each prediction rests on (two replays per assumed number). */
export function fidelity(replay: Replay, options: { readonly restsOn?: boolean } = {}): Fidelity {
  const matches = score(replay);
  const rests = options.restsOn === false ? matches.map((): string[] => []) : restsOn(replay, matches);
  const all = matches.map((m, k) => (rests[k]!.length > 0 ? { ...m, restsOn: rests[k]! } : m));
  // In file order: milestones sit among the state observations where the graph lists them.
  all.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
  const scored = all.filter((m) => m.predictedMin !== undefined && !m.input);
  const errors = scored.map((m) => Math.abs(m.errorMin!));
  return {
    matched: scored.length,
    total: all.length,
    inputs: all.filter((m) => m.input).length,
    maxErrorMinutes: errors.length ? maxOf(errors) : 0,
    meanErrorMinutes: errors.length ? Math.round((errors.reduce((a, b) => a + b, 0) / errors.length) * 10) / 10 : 0,
    orderAgrees: orderAgrees(scored),
    unmatched: all.filter((m) => m.predictedMin === undefined),
    observations: all,
  };
}

/** Every observation matched against the replay: the state ones in file order, then the milestones. */
function score(replay: Replay): ObservationMatch[] {
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
  const matches: ObservationMatch[] = new Array(scenario.observed.length);
  const observedServices = byService(scenario.observed);
  const transitionsOf = new Map<string, number[]>([...observedServices.keys()].map((id) => [id, []]));
  timeline.forEach((t, k) => { if (t.from !== t.state) transitionsOf.get(t.service)?.push(k); });
  for (const [service, obs] of observedServices) {
    const candidates = transitionsOf.get(service)!;
    const assigned = matchInOrder(obs.map(({ o }) => o), candidates.map((k) => timeline[k]!));
    obs.forEach(({ o, i }, n) => {
      const base = { service: o.service, state: o.state, observedMin: o.atMin, ...(o.note !== undefined ? { note: o.note } : {}), loc: o.loc };
      const j = assigned[n]!;
      if (j < 0) { matches[i] = { ...base, input: false }; return; }
      const found = candidates[j]!;
      const predictedMin = timeline[found]!.atMin;
      matches[i] = { ...base, predictedMin, errorMin: Math.round((predictedMin - o.atMin) * 10) / 10, input: isInput(found) };
    });
  }
  for (const o of scenario.milestones ?? []) {
    const predictedMin = o.milestone === 'detected' ? replay.detectedAt : replay.communicatedAt;
    const base = { service: MILESTONE_LABEL[o.milestone], state: 'ok' as const, milestone: o.milestone, observedMin: o.atMin, ...(o.note !== undefined ? { note: o.note } : {}), loc: o.loc, input: false };
    matches.push(predictedMin === undefined ? base : { ...base, predictedMin, errorMin: Math.round((predictedMin - o.atMin) * 10) / 10 });
  }
  return matches;
}

/**
 * Per observation (score's order), the assumed numbers its prediction rests on (assumptions.ts):
 * each is moved down and up and the scenario replayed; the observation rests on it when its
 * predicted time moves or it stops (or starts) being matched. Inputs rest on nothing.
 */
function restsOn(replay: Replay, matches: readonly ObservationMatch[]): string[][] {
  const out = matches.map((): string[] => []);
  const { model, scenario } = replay;
  if (matches.length === 0 || !Object.hasOwn((model.doc.scenarios ?? {}) as object, scenario.id)) return out;
  const assumed = assumedNumbers(model.doc, scenario.id);
  // Two replays per number: a graph with more than this many gets no lists (docs/semantics.md).
  if (assumed.length > MAX_ASSUMED) return out;
  for (const a of assumed) {
    const moved = new Set<number>();
    for (const sign of [-1, 1] as const) {
      const m = movedModel(model, a, sign, scenario.start);
      if (!m) continue;
      let other: ObservationMatch[];
      try { other = score(replay_(m, scenario.id)); } catch { continue; }
      matches.forEach((x, k) => {
        const y = other[k];
        if (x.input || !y) return;
        if ((x.predictedMin === undefined) !== (y.predictedMin === undefined) || Math.abs((x.predictedMin ?? 0) - (y.predictedMin ?? 0)) > 1e-6) moved.add(k);
      });
    }
    for (const k of moved) out[k]!.push(a.label);
  }
  return out;
}

/** A service's observations in observed order (file order on ties), with their index in the file. */
function byService(observed: readonly Observation[]): Map<string, { o: Observation; i: number }[]> {
  const out = new Map<string, { o: Observation; i: number }[]>();
  observed.map((o, i) => ({ o, i })).sort((a, b) => a.o.atMin - b.o.atMin || a.i - b.i).forEach((x) => {
    let list = out.get(x.o.service);
    if (!list) out.set(x.o.service, (list = []));
    list.push(x);
  });
  return out;
}

/**
 * Assigns one service's observations (observed order) to its transitions (timeline order), order
 * kept on both sides, each observation to a transition into its state or to none: the most
 * observations matched, then the least total |error|. Dynamic programming over (observation,
 * transition) prefixes; ties prefer the earlier transition. Returns, per observation, the index
 * into `transitions`, or −1.
 */
export function matchInOrder(obs: readonly Observation[], transitions: readonly Transition[]): number[] {
  const m = obs.length;
  const k = transitions.length;
  const width = k + 1;
  // best[i][j]: observations i… against transitions j…: [matched, total error].
  const matched = new Int32Array((m + 1) * width);
  const error = new Float64Array((m + 1) * width);
  const choice = new Int8Array((m + 1) * width); // 0 skip observation, 1 skip transition, 2 match
  const better = (a: number, ea: number, b: number, eb: number) => a > b || (a === b && ea < eb - EPS);
  for (let i = m - 1; i >= 0; i--) {
    for (let j = k; j >= 0; j--) {
      const at = i * width + j;
      let bm = matched[at + width]!;
      let be = error[at + width]!;
      let c = 0;
      if (j < k) {
        if (!better(bm, be, matched[at + 1]!, error[at + 1]!)) { bm = matched[at + 1]!; be = error[at + 1]!; c = 1; }
        const t = transitions[j]!;
        if (t.state === obs[i]!.state) {
          const mm = matched[at + width + 1]! + 1;
          const me = error[at + width + 1]! + Math.abs(t.atMin - obs[i]!.atMin);
          if (!better(bm, be, mm, me)) { bm = mm; be = me; c = 2; }
        }
      }
      matched[at] = bm;
      error[at] = be;
      choice[at] = c;
    }
  }
  const out: number[] = new Array(m).fill(-1);
  for (let i = 0, j = 0; i < m;) {
    const c = choice[i * width + j]!;
    if (c === 2) { out[i] = j; i++; j++; } else if (c === 1) j++; else i++;
  }
  return out;
}

/** Predicted order follows observed order; observations at the same observed time may come in any order. */
function orderAgrees(scored: readonly ObservationMatch[]): boolean {
  const byObserved = [...scored].sort((a, b) => a.observedMin - b.observedMin);
  let maxBefore = -Infinity;
  for (let i = 0; i < byObserved.length;) {
    let j = i;
    while (j < byObserved.length && byObserved[j]!.observedMin === byObserved[i]!.observedMin) j++;
    const group = byObserved.slice(i, j).map((m) => m.predictedMin!);
    if (minOf(group) < maxBefore - EPS) return false;
    maxBefore = maxOf(group, maxBefore);
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
