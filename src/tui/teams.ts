/**
 * The group-by-team list (`t`): each team is a header row with its aggregated state (worst member,
 * counts down and degraded), followed by its services unless collapsed. A team row's key is
 * `team:NAME` (`:` never appears in a service id, so keys and ids cannot clash).
 */
import { cmp } from '../model/order.js';
import type { Service, State } from '../model/types.js';

export const NO_TEAM = '(no team)';
const PREFIX = 'team:';

export const teamKey = (team: string): string => PREFIX + team;
export const isTeamKey = (key: string): boolean => key.startsWith(PREFIX);
export const teamOfKey = (key: string): string => key.slice(PREFIX.length);
export const teamOf = (s: Service): string => s.team ?? NO_TEAM;

export interface TeamRow {
  readonly kind: 'team';
  readonly key: string;
  readonly team: string;
  readonly members: readonly Service[];
  readonly down: number;
  readonly degraded: number;
  /** The worst state among the members (undefined while the replay is being computed). */
  readonly state?: State;
  readonly collapsed: boolean;
}
export interface ServiceRow { readonly kind: 'service'; readonly key: string; readonly service: Service; readonly inTeam: boolean }
export type ListRow = TeamRow | ServiceRow;

/** Whether `team` is collapsed: everything follows `all`, except the teams toggled one by one. */
export function isCollapsed(team: string, all: boolean, toggled: readonly string[]): boolean {
  return all !== toggled.includes(team);
}

export const flatRows = (services: readonly Service[]): ListRow[] => services.map((s) => ({ kind: 'service', key: s.id, service: s, inTeam: false }));

/**
 * Teams in name order (sorted by state: most down, then most degraded, first), members in the
 * order given. `states` undefined: the replay is not computed yet, no aggregate state is shown.
 */
export function teamRows(
  services: readonly Service[], states: ReadonlyMap<string, State> | undefined, byState: boolean,
  collapsedAll: boolean, toggled: readonly string[],
): ListRow[] {
  const teams = new Map<string, Service[]>();
  for (const s of services) {
    const list = teams.get(teamOf(s));
    if (list) list.push(s);
    else teams.set(teamOf(s), [s]);
  }
  const heads = [...teams].map(([team, members]) => head(team, members, states, isCollapsed(team, collapsedAll, toggled)));
  heads.sort((a, b) => (byState ? b.down - a.down || b.degraded - a.degraded : 0) || cmp(a.team, b.team));
  const out: ListRow[] = [];
  for (const h of heads) {
    out.push(h);
    if (!h.collapsed) for (const s of h.members) out.push({ kind: 'service', key: s.id, service: s, inTeam: true });
  }
  return out;
}

function head(team: string, members: readonly Service[], states: ReadonlyMap<string, State> | undefined, collapsed: boolean): TeamRow {
  let down = 0, degraded = 0;
  for (const m of members) {
    const st = states?.get(m.id);
    if (st === 'down') down++;
    else if (st === 'degraded') degraded++;
  }
  const state: State | undefined = states === undefined ? undefined : down > 0 ? 'down' : degraded > 0 ? 'degraded' : 'ok';
  return { kind: 'team', key: teamKey(team), team, members, down, degraded, collapsed, ...(state ? { state } : {}) };
}
