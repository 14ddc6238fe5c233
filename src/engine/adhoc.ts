/**
 * The implicit scenario of `faultline replay FILE --fail SERVICE[@TIME] … [--for DURATION]`: ad-hoc
 * questions ("what if the database fails?") without writing a timed scenario. It has no observed
 * timeline, so its fidelity is not applicable, and no what-ifs.
 */
import { formatClock, parseDuration, parseIsoStart, parseTime } from '../model/time.js';
import { didYouMean } from '../model/suggest.js';
import type { Model, Scenario, ScenarioEvent } from '../model/types.js';

/** A fixed, neutral start: clock times read as time since the failure (00:00, 00:30, +1d 02:00). */
const START = parseIsoStart('2000-01-01T00:00:00Z')!;
export const ADHOC_ID = 'ad-hoc';

export type AdhocResult = { readonly scenario: Scenario; readonly error?: undefined } | { readonly error: string; readonly scenario?: undefined };

/** `SERVICE` or `SERVICE@TIME` (TIME as in graph files: `00:30`, `+2h`, `+1d 02:00`). */
function parseFail(spec: string, model: Model): { service: string; atMin: number } | string {
  const at = spec.indexOf('@');
  const service = at < 0 ? spec : spec.slice(0, at);
  if (!model.byId.has(service)) {
    const hint = didYouMean(service, model.byId.keys());
    return `--fail: no service "${service}" in this graph${hint ? ` (${hint})` : ''}`;
  }
  const atMin = at < 0 ? 0 : parseTime(spec.slice(at + 1), START);
  if (atMin === undefined || atMin < 0) return `--fail ${spec}: malformed time "${spec.slice(at + 1)}" (use "00:30", "+2h" or "+1d 02:00" after the start at 00:00)`;
  return { service, atMin };
}

export function adhocScenario(model: Model, fails: readonly string[], forText?: string): AdhocResult {
  const forMin = forText === undefined ? undefined : parseDuration(forText);
  if (forText !== undefined && (forMin === undefined || forMin <= 0)) return { error: `--for: malformed duration "${forText}" (e.g. 45m, 2h, 1h30m)` };
  const loc = { file: model.file, line: 1, column: 1 };
  const events: ScenarioEvent[] = [];
  const parts: string[] = [];
  for (const spec of fails) {
    const f = parseFail(spec, model);
    if (typeof f === 'string') return { error: f };
    events.push({ atMin: f.atMin, action: { kind: 'fail', service: f.service, state: 'down' }, note: `--fail ${spec}`, loc });
    if (forMin !== undefined) events.push({ atMin: f.atMin + forMin, action: { kind: 'recover', service: f.service }, note: `--for ${forText}`, loc });
    parts.push(`${f.service} fails at ${formatClock(f.atMin, START)}`);
  }
  events.sort((a, b) => a.atMin - b.atMin);
  const title = `${parts.join(', ')}${forMin === undefined ? ', for good' : `, ${fails.length > 1 ? 'each ' : ''}for ${forText}`}`;
  return { scenario: { id: ADHOC_ID, title, start: START, events, observed: [], whatIfs: [], loc } };
}

/** The model with the implicit scenario first, so the engine replays it by default. */
export function withScenario(model: Model, scenario: Scenario): Model {
  return { ...model, scenarios: [scenario, ...model.scenarios.filter((s) => s.id !== scenario.id)] };
}
