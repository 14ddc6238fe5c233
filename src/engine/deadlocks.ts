/**
 * Recovery deadlocks: among the services held down this instant (they would come back, but a hard
 * dependency is down or waiting too), who each waits for, and the sets that wait on each other.
 * A service waits for the held targets of each hard group that blocks it (every alternative held or
 * down). One record per strongly connected set of that waits-for graph — a property of the graph,
 * not of how ids are spelt — with its members and one concrete cycle: the shortest through its
 * smallest id (BFS, neighbours in id order), so the same deadlock always reads the same way.
 */
import { cmp } from '../model/order.js';
import type { Graph } from './compile.js';
import type { Level } from './levels.js';

export interface Waits {
  /** The held service `s` waits for (smallest id among its blocking groups' held targets). */
  readonly next: (s: number) => number | undefined;
  /** Held services in a set that waits on itself, with that set's concrete cycle. */
  readonly onCycle: ReadonlyMap<number, readonly number[]>;
  /** New deadlocks (sets with a fresh member): members in id order and the concrete cycle. */
  readonly cycles: readonly { readonly members: readonly number[]; readonly cycle: readonly number[] }[];
}

export function waits(graph: Graph, state: readonly Level[], held: ReadonlySet<number>, fresh: readonly number[], ids: readonly string[]): Waits {
  const byId = (a: number, b: number) => cmp(ids[a]!, ids[b]!);
  const edges = new Map<number, number[]>();
  for (const s of [...held].sort(byId)) {
    const out = new Set<number>();
    for (const g of graph.groups[s]!) {
      if (g.type !== 'hard' || !g.targets.every((x) => held.has(x) || state[x] === 2)) continue;
      for (const x of g.targets) if (held.has(x)) out.add(x);
    }
    edges.set(s, [...out].sort(byId));
  }
  const onCycle = new Map<number, readonly number[]>();
  const cycles: { members: number[]; cycle: number[] }[] = [];
  const isFresh = new Set(fresh);
  for (const comp of components(edges)) {
    if (comp.length < 2) continue;
    const members = comp.sort(byId);
    const cycle = shortestCycle(members[0]!, new Set(members), edges);
    for (const x of members) onCycle.set(x, cycle);
    if (members.some((x) => isFresh.has(x))) cycles.push({ members, cycle });
  }
  cycles.sort((a, b) => byId(a.members[0]!, b.members[0]!));
  return { next: (s) => edges.get(s)?.[0], onCycle, cycles };
}

/** Strongly connected components (iterative Tarjan). */
function components(edges: ReadonlyMap<number, readonly number[]>): number[][] {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  const out: number[][] = [];
  let counter = 0;
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: { v: number; i: number }[] = [{ v: root, i: 0 }];
    index.set(root, counter); low.set(root, counter++); stack.push(root); onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const next = edges.get(top.v)!;
      if (top.i < next.length) {
        const w = next[top.i++]!;
        if (!index.has(w)) {
          index.set(w, counter); low.set(w, counter++); stack.push(w); onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) { const p = work[work.length - 1]!.v; low.set(p, Math.min(low.get(p)!, low.get(top.v)!)); }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: number[] = [];
        let x: number;
        do { x = stack.pop()!; onStack.delete(x); comp.push(x); } while (x !== top.v);
        out.push(comp);
      }
    }
  }
  return out;
}

/** The shortest cycle from `start` back to it inside `within`, in order, without repeating `start`. */
function shortestCycle(start: number, within: ReadonlySet<number>, edges: ReadonlyMap<number, readonly number[]>): number[] {
  const parent = new Map<number, number>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of edges.get(v)!) {
      if (!within.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[path.length - 1] !== start) path.push(parent.get(path[path.length - 1]!)!);
        return path.reverse();
      }
      if (parent.has(w)) continue;
      parent.set(w, v);
      queue.push(w);
    }
  }
  return [start];
}
