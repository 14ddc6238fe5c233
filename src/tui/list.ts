/**
 * The service list as the screen shows it: the focus (`f`/`--focus`) picks the services, the sort
 * orders them once, the filter keeps the matches, and grouping (`t`) puts them under their teams.
 * Each step is memoised on what it reads, so a cursor move recomputes none of them.
 */
import { useCallback, useMemo } from 'react';
import type { BlastRadius } from '../analysis/types.js';
import type { State } from '../model/types.js';
import type { ExploreData, ReplayView } from './data.js';
import { filterServices, focusServices, sortServices } from './rows.js';
import type { UiState } from './state.js';
import { flatRows, isTeamKey, NO_TEAM, teamKey, teamOf, teamRows, type ListRow } from './teams.js';

export interface ServiceList {
  readonly rows: readonly ListRow[];
  readonly keys: readonly string[];
  /** The selected row's index, and the row. */
  readonly at: number;
  readonly row?: ListRow;
  /** Services in the focus (all without one), and those of them the filter keeps. */
  readonly services: number;
  readonly matching: number;
  /** Whether a service passes the focus and the filter; its team. */
  listed(id: string): boolean;
  teamOf(id: string): string;
}

const EMPTY = new Map<never, never>();

export function useServiceList(
  data: ExploreData, view: ReplayView, s: UiState, states: ReadonlyMap<string, State> | undefined, blast: ReadonlyMap<string, BlastRadius> | undefined,
): ServiceList {
  const { near, sort, filter, group, collapsedAll, toggled, selected } = s;
  const members = useMemo(() => {
    const nb = near ? data.near(near.id, near.depth) : undefined;
    return nb ? new Set(nb.members) : undefined;
  }, [data, near]);
  const focused = useMemo(() => focusServices(view.model.services, members), [view, members]);
  // Sort everything once, then filter the sorted list: typing a filter never re-sorts 10,000 rows.
  const sortStates = sort === 'state' ? states : undefined;
  const sortBlast = sort === 'blast' ? blast : undefined;
  const sorted = useMemo(() => sortServices(focused, sort, sortStates ?? EMPTY, sortBlast ?? EMPTY), [focused, sort, sortStates, sortBlast]);
  const matching = useMemo(() => filterServices(sorted, filter), [sorted, filter]);
  const groupStates = group ? states : undefined;
  const rows = useMemo(() => (group ? teamRows(matching, groupStates, sort === 'state', collapsedAll, toggled) : flatRows(matching)),
    [group, matching, groupStates, sort, collapsedAll, toggled]);
  const keys = useMemo(() => rows.map((r) => r.key), [rows]);
  const shown = useMemo(() => new Set(matching.map((x) => x.id)), [matching]);
  const listed = useCallback((id: string) => shown.has(id), [shown]);
  const teamOfId = useCallback((id: string) => {
    const svc = view.model.byId.get(id);
    return svc ? teamOf(svc) : NO_TEAM;
  }, [view]);
  // A service hidden in a collapsed team selects its team's row.
  let at = selected === undefined ? 0 : keys.indexOf(selected);
  if (at < 0 && selected !== undefined && group && !isTeamKey(selected)) at = keys.indexOf(teamKey(teamOfId(selected)));
  at = Math.max(0, at);
  const row = rows[at];
  return { rows, keys, at, ...(row ? { row } : {}), services: focused.length, matching: matching.length, listed, teamOf: teamOfId };
}
