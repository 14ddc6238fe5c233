/** The visible window of the service list as lines: state symbol, id, tier, blast-radius size. */
import type { BlastRadius } from '../analysis/types.js';
import type { Service, State } from '../model/types.js';
import { num } from './context.js';
import { fit, line, seg, type Line } from './lines.js';
import { windowStart } from './line-list.js';
import { SYMBOL } from './theme.js';

/** Builds only the rows that show; `cursor` is the selected row's index within them. */
export function serviceLines(
  rows: readonly Service[], at: number, height: number, width: number,
  states: ReadonlyMap<string, State>, blast: ReadonlyMap<string, BlastRadius>,
): { lines: Line[]; cursor: number } {
  const start = windowStart(rows.length, height, at);
  const idW = Math.max(6, width - 2 - 4 - 6);
  const lines = rows.slice(start, start + height).map((s) => {
    const st = states.get(s.id) ?? 'ok';
    const b = blast.get(s.id);
    const size = b ? b.downCount + b.degradedCount : 0;
    return line([seg(`${SYMBOL[st]} `, st), seg(fit(s.id, idW), st === 'ok' ? undefined : st), seg(` T${s.tier} `, 'muted'), seg(num(size).padStart(5), size > 0 ? 'warn' : 'muted')], s.id);
  });
  return { lines, cursor: at - start };
}
