/**
 * The visible window of the service list as lines: state symbol, id, tier, blast-radius size; when
 * grouped by team, a team's row shows ▸/▾ (collapsed/expanded), its size and its aggregated state.
 * While the replay or the audit is still being computed, `·` and `…` stand where they will show.
 */
import type { BlastRadius } from '../analysis/types.js';
import type { State } from '../model/types.js';
import { num } from './context.js';
import { fit, line, seg, text, type Line } from './lines.js';
import { windowStart } from './line-list.js';
import { clean } from './sanitize.js';
import type { ListRow, TeamRow } from './teams.js';
import { SYMBOL } from './theme.js';

/** `states`/`blast` undefined: not computed yet. */
export interface ListFacts {
  readonly states?: ReadonlyMap<string, State>;
  readonly blast?: ReadonlyMap<string, BlastRadius>;
}

/** Builds only the rows that show; `cursor` is the selected row's index within them. */
export function serviceLines(rows: readonly ListRow[], at: number, height: number, width: number, facts: ListFacts): { lines: Line[]; cursor: number } {
  const start = windowStart(rows.length, height, at);
  const lines = rows.slice(start, start + height).map((r) => (r.kind === 'team' ? teamLine(r, width) : serviceLine(r.service.id, r.service.tier, r.inTeam, width, facts)));
  return { lines, cursor: at - start };
}

function serviceLine(id: string, tier: number, indent: boolean, width: number, { states, blast }: ListFacts): Line {
  const st = states?.get(id) ?? 'ok';
  const b = blast?.get(id);
  const size = b ? b.downCount + b.degradedCount : 0;
  const idW = Math.max(6, width - 2 - 4 - 6 - (indent ? 2 : 0));
  return line([
    seg(indent ? '  ' : ''), states ? seg(`${SYMBOL[st]} `, st) : seg('· ', 'muted'), seg(fit(id, idW), st === 'ok' ? undefined : st), seg(` T${tier} `, 'muted'),
    blast ? seg(num(size).padStart(5), size > 0 ? 'warn' : 'muted') : seg('…'.padStart(5), 'muted'),
  ], id);
}

function teamLine(t: TeamRow, width: number): Line {
  const counts = t.state === undefined ? ' …' : `${t.down > 0 ? ` ${SYMBOL.down}${num(t.down)}` : ''}${t.degraded > 0 ? ` ${SYMBOL.degraded}${num(t.degraded)}` : ''}`;
  const size = ` (${num(t.members.length)})`;
  const nameW = Math.max(6, width - 4 - size.length - counts.length);
  return line([
    seg(t.collapsed ? '▸ ' : '▾ ', 'accent'), t.state ? seg(`${SYMBOL[t.state]} `, t.state) : seg('· ', 'muted'),
    seg(fit(clean(t.team), nameW).trimEnd(), 'title', true), seg(size, 'muted'), seg(counts, t.state === 'ok' ? 'muted' : t.state),
  ], t.key);
}

/** The detail pane on a team row: its aggregated state and its members, worst first. */
export function teamDetail(t: TeamRow, states: ReadonlyMap<string, State> | undefined): Line[] {
  const out: Line[] = [
    line([seg('team ', 'muted'), seg(clean(t.team), 'title', true), seg(` · ${num(t.members.length)} services`)]),
    states === undefined ? text('computing the replay…', 'muted')
      : line([seg(`${SYMBOL.down} ${num(t.down)} down`, 'down'), seg('  '), seg(`${SYMBOL.degraded} ${num(t.degraded)} degraded`, 'degraded'), seg('  '),
        seg(`${SYMBOL.ok} ${num(t.members.length - t.down - t.degraded)} ok`, 'ok')]),
    text(t.collapsed ? '⏎ expands the team in the list' : '⏎ collapses the team', 'muted'),
  ];
  const rank: Readonly<Record<State, number>> = { down: 0, degraded: 1, ok: 2 };
  const members = [...t.members].sort((a, b) => rank[states?.get(a.id) ?? 'ok'] - rank[states?.get(b.id) ?? 'ok']);
  for (const m of members) {
    const st = states?.get(m.id) ?? 'ok';
    out.push(line([states ? seg(`${SYMBOL[st]} `, st) : seg('· ', 'muted'), seg(m.id, st === 'ok' ? undefined : st), seg(` ${clean(m.title)}`, 'muted')], m.id));
  }
  return out;
}
