/**
 * Recovery deadlocks: among the services held down this instant (they would come back, but a hard
 * dependency is down or waiting too), find who each waits for and the cycles they wait in. Each
 * cycle is rotated to start at its smallest id, so the same deadlock always reads the same way.
 */
import { cmp } from '../model/order.js';
import type { Graph } from './compile.js';
import type { Level } from './levels.js';

export interface Waits {
  /** The held service `s` waits for (smallest id among its blocking group's held targets). */
  readonly next: (s: number) => number | undefined;
  /** Held services on a cycle, with their cycle. */
  readonly onCycle: ReadonlyMap<number, readonly number[]>;
  /** New cycles, in the order found. */
  readonly cycles: readonly (readonly number[])[];
}

export function waits(graph: Graph, state: readonly Level[], held: ReadonlySet<number>, fresh: readonly number[], ids: readonly string[]): Waits {
  const next = (s: number): number | undefined => {
    for (const g of graph.groups[s]!) {
      if (g.type !== 'hard') continue;
      const waiting = g.targets.filter((x) => held.has(x)).sort((a, b) => cmp(ids[a]!, ids[b]!));
      if (waiting.length > 0 && g.targets.every((x) => held.has(x) || state[x] === 2)) return waiting[0];
    }
    return undefined;
  };
  const onCycle = new Map<number, readonly number[]>();
  const cycles: number[][] = [];
  for (const s of fresh) {
    const path: number[] = [];
    const pos = new Map<number, number>();
    let cur: number | undefined = s;
    while (cur !== undefined && !pos.has(cur) && !onCycle.has(cur)) {
      pos.set(cur, path.length);
      path.push(cur);
      cur = next(cur);
    }
    if (cur === undefined || !pos.has(cur)) continue;
    const cycle = path.slice(pos.get(cur));
    const start = cycle.reduce((m, x, i) => (cmp(ids[x]!, ids[cycle[m]!]!) < 0 ? i : m), 0);
    const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
    for (const x of rotated) onCycle.set(x, rotated);
    cycles.push(rotated);
  }
  return { next, onCycle, cycles };
}
