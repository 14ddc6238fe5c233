/** The service list: which services show (filter), in which order (sort), and the counts. */
import type { BlastRadius } from '../analysis/types.js';
import { STATES, type Service, type State } from '../model/types.js';

export const SORTS = ['name', 'state', 'blast'] as const;
export type SortKey = (typeof SORTS)[number];

/** The services of a `--focus` neighbourhood, in the list's order (all of them without one). */
export function focusServices(services: readonly Service[], members: ReadonlySet<string> | undefined): readonly Service[] {
  return members ? services.filter((s) => members.has(s.id)) : services;
}

export function filterServices(services: readonly Service[], filter: string): readonly Service[] {
  const f = filter.trim().toLowerCase();
  if (f === '') return services;
  return services.filter((s) => s.id.includes(f) || s.title.toLowerCase().includes(f));
}

const RANK: Readonly<Record<State, number>> = { down: 0, degraded: 1, ok: 2 };
const byId = (a: Service, b: Service) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function sortServices(
  services: readonly Service[], sort: SortKey, states: ReadonlyMap<string, State>, blast: ReadonlyMap<string, BlastRadius>,
): readonly Service[] {
  const out = [...services];
  if (sort === 'name') return out.sort(byId);
  if (sort === 'state') return out.sort((a, b) => RANK[states.get(a.id) ?? 'ok'] - RANK[states.get(b.id) ?? 'ok'] || byId(a, b));
  return out.sort((a, b) => (blast.get(b.id)?.score ?? 0) - (blast.get(a.id)?.score ?? 0) || byId(a, b));
}

export type Counts = Readonly<Record<State, number>>;

export function countStates(states: ReadonlyMap<string, State>): Counts {
  const c: Record<State, number> = { ok: 0, degraded: 0, down: 0 };
  for (const s of states.values()) c[s]++;
  return c;
}

export function blastIndex(list: readonly BlastRadius[]): ReadonlyMap<string, BlastRadius> {
  return new Map(list.map((b) => [b.service, b]));
}

export { STATES };
