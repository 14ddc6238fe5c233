/** What every pane builder reads: the data, the replay under the active what-if, and the time. */
import type { BlastRadius } from '../analysis/types.js';
import { formatClock, formatDuration } from '../model/time.js';
import type { State } from '../model/types.js';
import type { ExploreData, ReplayView } from './data.js';

export interface PaneCtx {
  readonly data: ExploreData;
  readonly view: ReplayView;
  readonly states: ReadonlyMap<string, State>;
  readonly blast: ReadonlyMap<string, BlastRadius>;
  readonly timeMin: number;
  /** Columns available for text. */
  readonly width: number;
}

/**
 * `07:01` in the scenario's own offset, to the nearest minute (the engine's instants are
 * fractional: 07:00:56 reads as 07:01, like the observed timelines it is compared with).
 */
export function clock(ctx: Pick<PaneCtx, 'data'>, atMin: number): string {
  const start = ctx.data.scenario?.start;
  return start ? formatClock(atMin, start) : `+${formatDuration(Math.round(atMin))}`;
}

export function stateOf(ctx: Pick<PaneCtx, 'states'>, id: string): State {
  return ctx.states.get(id) ?? 'ok';
}

/** Word-wraps plain text to `width`, each continuation line indented like the first. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const room = Math.max(8, width - indent.length);
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (cur && cur.length + 1 + word.length > room) { out.push(indent + cur); cur = ''; }
    let w = word;
    while (w.length > room) { if (cur) { out.push(indent + cur); cur = ''; } out.push(indent + w.slice(0, room)); w = w.slice(room); }
    cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) out.push(indent + cur);
  return out;
}

export { num } from '../model/numbers.js';
