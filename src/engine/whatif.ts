/**
 * What-ifs: each remediation patch applied to the graph, the same scenario replayed, and the run
 * compared with the unpatched baseline over one common horizon. Ranked: prevented first, then
 * fewer tier-weighted service-minutes lost, then earlier all-ok, then id.
 */
import { InputError } from '../model/diagnostic.js';
import { patchModel } from '../model/check.js';
import { didYouMean } from '../model/suggest.js';
import { STATES, tierWeight, type Model } from '../model/types.js';
import { pickScenario, replay } from './simulate.js';
import type { Replay, WhatIfOutcome, WhatIfResult } from './types.js';
import { EPS } from '../model/numbers.js';

/** `base`: the unpatched replay of the same model and scenario when the caller already has it (not replayed again). */
export function whatIfs(model: Model, scenarioId?: string, ids?: readonly string[], base?: Replay): WhatIfResult {
  const scenario = pickScenario(model, scenarioId);
  const selected = ids === undefined ? scenario.whatIfs : ids.map((id) => {
    const found = scenario.whatIfs.find((w) => w.id === id);
    if (found) return found;
    const hint = didYouMean(id, scenario.whatIfs.map((w) => w.id));
    throw new InputError([{ ...scenario.loc, severity: 'error', message: `scenario "${scenario.id}" has no what-if "${id}"`, ...(hint ? { hint } : {}) }]);
  });
  const baseRun = base?.model === model && base.scenario.id === scenario.id ? base : replay(model, scenario.id);
  const runs = selected.map((w) => {
    const patched = patchModel(model, w.patch, w.loc);
    if (!patched.value) throw new InputError(patched.errors);
    return { id: w.id, title: w.title, run: replay(patched.value, scenario.id) };
  });
  const horizon = accountingHorizon(baseRun);
  const outcomes = runs
    .map((r) => outcome(r.id, r.title, r.run, horizon))
    .sort((a, b) => Number(b.prevented) - Number(a.prevented)
      || a.serviceMinutesLost - b.serviceMinutesLost
      || (a.allOkMin ?? Infinity) - (b.allOkMin ?? Infinity)
      || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((o, i) => ({ ...o, rank: i + 1 }));
  return { baseline: outcome('baseline', 'the scenario as it happened', baseRun, horizon), outcomes };
}

/**
 * Where every run's lost minutes stop, the same whichever what-ifs are replayed: the scenario's
 * `until`, else its last event plus the longest recovery of the unpatched replay (the longest
 * stretch any service was not ok and came back), and never before the unpatched replay ends.
 */
export function accountingHorizon(base: Replay): number {
  if (base.scenario.untilMin !== undefined) return base.scenario.untilMin;
  const lastEvent = base.scenario.events.reduce((m, e) => Math.max(m, e.atMin), 0);
  let longest = 0;
  const since = new Map<string, number>();
  for (const t of base.timeline) {
    if (t.from === t.state) continue;
    if (t.from === 'ok') since.set(t.service, t.atMin);
    else if (t.state === 'ok' && since.has(t.service)) { longest = Math.max(longest, t.atMin - since.get(t.service)!); since.delete(t.service); }
  }
  return Math.max(base.endMin, lastEvent + longest);
}

/** One run's figures, integrated from the start to `horizon` (nothing after it counts). */
export function outcome(id: string, title: string, run: Replay, horizon: number, rank = 0): WhatIfOutcome {
  const changes = run.timeline.filter((t) => t.from !== t.state);
  // "Prevented": nothing got worse except what a scenario event forced directly (a `fail`, or the
  // nodes a `corrupt` reached — not what spread from them).
  const prevented = changes.every((t) => STATES.indexOf(t.state) <= STATES.indexOf(t.from) || (t.cause.kind === 'event' && t.cause.parent === undefined));
  const affected = [...new Set(changes.filter((t) => t.state !== 'ok').map((t) => t.service))].sort();
  const stillBad = Object.values(run.final).some((s) => s !== 'ok');
  const allOkMin = stillBad ? undefined : changes.at(-1)?.atMin ?? 0;
  let lost = 0;
  const current = new Map<string, { state: string; since: number }>();
  const add = (service: string, state: string, from: number, to: number) => {
    if (state === 'ok' || to <= from) return;
    const svc = run.model.byId.get(service);
    lost += tierWeight(svc?.tier ?? 2) * (state === 'down' ? 1 : 0.5) * (to - from);
  };
  for (const t of changes) {
    const prev = current.get(t.service);
    if (prev) add(t.service, prev.state, prev.since, Math.min(t.atMin, horizon));
    current.set(t.service, { state: t.state, since: t.atMin });
  }
  for (const [service, s] of current) add(service, s.state, s.since, horizon);
  const tooling = run.model.services.filter((s) => s.supports !== undefined);
  const toolingDown = tooling.filter((s) => affected.includes(s.id)).map((s) => s.id);
  const toolingUsable = tooling.every((s) => s.role === 'monitoring' || !affected.includes(s.id));
  return {
    id, title, prevented, affected,
    ...(allOkMin !== undefined ? { allOkMin } : {}),
    serviceMinutesLost: Math.round(lost),
    toolingUsable, toolingDown,
    ...(run.detectedAt !== undefined ? { detectedAt: run.detectedAt } : {}),
    ...(run.communicatedAt !== undefined ? { communicatedAt: run.communicatedAt } : {}),
    ...loadFigures(run, horizon),
    rank,
  };
}

/** The highest load ÷ full-fleet capacity of any capacity fleet, and the minutes some fleet was overloaded. */
function loadFigures(run: Replay, horizon: number): Pick<WhatIfOutcome, 'peakLoad' | 'overloadedMinutes'> {
  let peak: { service: string; ratio: number } | undefined;
  const spans: [number, number][] = [];
  for (const [service, list] of Object.entries(run.loads ?? {})) {
    const fleet = run.model.byId.get(service)?.fleet;
    list.forEach((x, i) => {
      const full = (fleet?.nodes ?? 1) * (fleet?.capacity ?? 1);
      const ratio = Math.round((x.load / full) * 100) / 100;
      if (!peak || ratio > peak.ratio) peak = { service, ratio };
      if (x.served < 1 - EPS) spans.push([x.atMin, list[i + 1]?.atMin ?? Math.max(horizon, x.atMin)]);
    });
  }
  spans.sort((a, b) => a[0] - b[0]);
  let minutes = 0;
  let reach = -Infinity;
  for (const [a, b] of spans) {
    const from = Math.max(a, reach);
    if (b > from) minutes += b - from;
    reach = Math.max(reach, b);
  }
  return { ...(peak ? { peakLoad: peak } : {}), overloadedMinutes: Math.round(minutes) };
}
