/**
 * When customers are told: the first status-page post. It can start at the first moment at or
 * after detection when some service of role `status-page` is usable (not down); it takes
 * `communication.posting`, twice that when the tool is degraded then (an impaired failover, a
 * slower backup path). No status-page service, or no detection: never.
 */
import { DEFAULT_DETECTION, type Model, type Scenario, type State } from '../model/types.js';
import type { Transition } from './types.js';
import { EPS } from '../model/numbers.js';

export function communicatedAt(model: Model, scenario: Scenario, timeline: readonly Transition[], detectedAt: number | undefined): number | undefined {
  if (detectedAt === undefined) return undefined;
  const tools = new Set(model.services.filter((s) => s.role === 'status-page').map((s) => s.id));
  if (tools.size === 0) return undefined;
  const state = new Map<string, State>([...tools].map((id) => [id, 'ok']));
  const best = (): State | undefined => {
    const usable = [...state.values()].filter((s) => s !== 'down');
    return usable.includes('ok') ? 'ok' : usable.length > 0 ? 'degraded' : undefined;
  };
  const post = (at: number, s: State) => at + (scenario.detection ?? DEFAULT_DETECTION).postingMin * (s === 'ok' ? 1 : 2);
  let i = 0;
  for (; i < timeline.length && timeline[i]!.atMin <= detectedAt + EPS; i++) {
    const t = timeline[i]!;
    if (tools.has(t.service)) state.set(t.service, t.state);
  }
  let now = best();
  if (now) return post(detectedAt, now);
  for (; i < timeline.length; i++) {
    const t = timeline[i]!;
    if (!tools.has(t.service)) continue;
    state.set(t.service, t.state);
    // Several changes at one instant: decide on the last of them.
    if (timeline[i + 1]?.atMin === t.atMin) continue;
    now = best();
    if (now) return post(t.atMin, now);
  }
  return undefined;
}
