/**
 * The timeline bar: the replay span, a marker per event instant, the current time, and `●` where
 * the selected service's state changed (what N/P jump to).
 */
import { describeEvent } from '../model/describe-event.js';
import { SYMBOL } from './theme.js';
import { clock, type PaneCtx } from './context.js';
import { line, seg, type Line, type Seg } from './lines.js';
import { SPEEDS } from './state.js';
import { EPS } from '../model/numbers.js';

export function barLine(times: readonly number[], endMin: number, t: number, width: number, changes: readonly number[] = []): Line {
  const w = Math.max(10, width);
  const pos = (x: number) => (endMin <= 0 ? 0 : Math.round((Math.min(x, endMin) / endMin) * (w - 1)));
  const cells = Array.from({ length: w }, () => '─');
  for (const x of times) cells[pos(x)] = '┼';
  for (const x of changes) cells[pos(x)] = '●';
  const at = pos(t);
  return line([seg(cells.slice(0, at).join(''), 'accent'), seg('◆', 'title', true), seg(cells.slice(at + 1).join(''), 'muted')]);
}

/** What changed at exactly this instant, e.g. `auth → ✖ down  +2 more`. */
export function changesAt(ctx: PaneCtx, t: number): Seg[] {
  const tl = ctx.view.replay?.timeline ?? [];
  let lo = 0, hi = tl.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (tl[mid]!.atMin < t - EPS) lo = mid + 1; else hi = mid; }
  const here = [];
  for (let i = lo; i < tl.length && tl[i]!.atMin <= t + EPS; i++) here.push(tl[i]!);
  // A reaction is marked when it happened in the replay, not at its scripted `at` (never: not at all).
  const happened = ctx.view.replay?.eventTimes;
  const events = ctx.data.scenario?.events.filter((e, i) => Math.abs((happened ? happened[i] ?? NaN : e.atMin) - t) < EPS) ?? [];
  const out: Seg[] = events.map((e) => seg(`⚑ ${describeEvent(e.action)}  `, 'accent'));
  for (const x of here.slice(0, 2)) out.push(seg(`${x.service} → `), seg(`${SYMBOL[x.state]} ${x.state}  `, x.state));
  if (here.length > 2) out.push(seg(`+${here.length - 2} more`, 'muted'));
  return out;
}

export function statusLine(ctx: PaneCtx, playing: boolean, speed: number, width: number): Line {
  if (!ctx.data.scenario) return line([seg('no scenario in this graph: nothing to replay', 'muted')]);
  const times = ctx.view.eventTimes;
  const idx = times.filter((x) => x <= ctx.timeMin + EPS).length;
  const head = `${playing ? '▶' : '⏸'} ${clock(ctx, ctx.timeMin)} ${SPEEDS[speed]}m/s  ${idx}/${times.length}  `;
  const tail = ` ${clock(ctx, 0)}–${clock(ctx, ctx.view.endMin)}`;
  const changes = changesAt(ctx, ctx.timeMin);
  const room = width - head.length - tail.length;
  const used = changes.reduce((n, s) => n + s.text.length, 0);
  return line([seg(head, playing ? 'accent' : undefined, true), ...changes, seg(' '.repeat(Math.max(0, room - used))), seg(tail, 'muted')]);
}
