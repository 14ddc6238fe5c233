/** The detail pane's content: who the selected service is, the tab bar, and the tab's lines. */
import type { Service } from '../model/types.js';
import { clock, stateOf, type PaneCtx } from './context.js';
import { blastLines, cycleLines, fleetLines, whyLines } from './facts.js';
import { line, seg, type Line } from './lines.js';
import { clean } from './sanitize.js';
import { TABS, type Tab } from './state.js';
import { SYMBOL } from './theme.js';
import { dependencyTree, dependentTree } from './trees.js';

/** `known` false: the replay is still being computed, the state is not shown yet. */
export function detailHeader(ctx: PaneCtx, s: Service, known = true): Line[] {
  const st = stateOf(ctx, s.id);
  const state = known ? [seg(`${SYMBOL[st]} `, st), seg(s.id, st === 'ok' ? 'title' : st, true), seg(` ${st}`, st)] : [seg('· ', 'muted'), seg(s.id, 'title', true), seg(' computing…', 'muted')];
  return [
    line([...state, seg(ctx.data.scenario ? ` at ${clock(ctx, ctx.timeMin)}` : '', 'muted')]),
    line([seg(`${clean(s.title)} · ${s.role} · tier ${s.tier}${s.team ? ` · ${clean(s.team)}` : ''}${s.entrypoint ? ' · entrypoint' : ''}`, 'muted')]),
  ];
}

export function tabBar(active: Tab): Line {
  return line(TABS.flatMap((t, i) => [seg(i === 0 ? '' : ' '), t === active ? { text: `${i + 1}${t}`, tone: 'accent', bold: true, inverse: true } : seg(`${i + 1}${t}`, 'muted')]));
}

export function tabLines(ctx: PaneCtx, s: Service, tab: Tab): Line[] {
  switch (tab) {
    case 'why': return whyLines(ctx, s);
    case 'deps': return dependencyTree(ctx, s);
    case 'dependents': return dependentTree(ctx, s);
    case 'blast': return blastLines(ctx, s);
    case 'cycles': return cycleLines(ctx, s);
    case 'fleet': return fleetLines(ctx, s);
  }
}
