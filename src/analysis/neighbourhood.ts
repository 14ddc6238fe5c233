/**
 * The neighbourhood of one service: its dependencies and its dependents within N hops. It only
 * limits what is *shown* (`--focus SERVICE --depth N` on audit, report and explore; `f` in the
 * terminal UI): every analysis still runs on the whole graph. Both directions are walked separately
 * (a dependency's other dependents are not neighbours), over every edge type, async included, since
 * a reader looking at a service wants every line that touches it. Iterative BFS over CSR arrays.
 */
import type { Model } from '../model/types.js';

export const DEFAULT_DEPTH = 2;

export interface Neighbourhood {
  readonly focus: string;
  readonly depth: number;
  /** The focus and every neighbour, in file order. */
  readonly members: readonly string[];
  /** Hops from the focus along dependencies (the focus itself at 0). */
  readonly dependencies: ReadonlyMap<string, number>;
  /** Hops from the focus along reverse edges: who depends on it, directly or not. */
  readonly dependents: ReadonlyMap<string, number>;
}

/** Service → dependency adjacency of every edge (async included), and its transpose. */
export interface Adjacency {
  readonly ids: readonly string[];
  readonly pos: ReadonlyMap<string, number>;
  readonly outStart: Int32Array;
  readonly out: Int32Array;
  readonly inStart: Int32Array;
  readonly into: Int32Array;
}

export function adjacency(model: Model): Adjacency {
  const ids = model.services.map((s) => s.id);
  const pos = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const outStart = new Int32Array(n + 1);
  const tmp: number[] = [];
  const mark = new Int32Array(n).fill(-1);
  model.services.forEach((s, i) => {
    outStart[i] = tmp.length;
    for (const d of s.dependsOn) {
      for (const t of d.targets) {
        const j = pos.get(t);
        if (j === undefined || j === i || mark[j] === i) continue;
        mark[j] = i;
        tmp.push(j);
      }
    }
  });
  outStart[n] = tmp.length;
  const out = Int32Array.from(tmp);
  const inStart = new Int32Array(n + 1);
  for (const t of out) inStart[t + 1]!++;
  for (let i = 0; i < n; i++) inStart[i + 1]! += inStart[i]!;
  const fill = inStart.slice(0, n);
  const into = new Int32Array(out.length);
  for (let i = 0; i < n; i++) {
    for (let k = outStart[i]!; k < outStart[i + 1]!; k++) into[fill[out[k]!]!++] = i;
  }
  return { ids, pos, outStart, out, inStart, into };
}

/** Breadth-first within `depth` hops; hop counts by service index (−1 = not reached). */
function bfs(n: number, from: number, depth: number, start: Int32Array, adj: Int32Array): Int32Array {
  const hops = new Int32Array(n).fill(-1);
  hops[from] = 0;
  let frontier = [from];
  for (let h = 1; h <= depth && frontier.length > 0; h++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (let k = start[v]!; k < start[v + 1]!; k++) {
        const w = adj[k]!;
        if (hops[w] !== -1) continue;
        hops[w] = h;
        next.push(w);
      }
    }
    frontier = next;
  }
  return hops;
}

/** undefined when `focus` is not a service of the model. `adj` may be passed to reuse it across calls. */
export function neighbourhood(model: Model, focus: string, depth: number, adj: Adjacency = adjacency(model)): Neighbourhood | undefined {
  const at = adj.pos.get(focus);
  if (at === undefined) return undefined;
  const n = adj.ids.length;
  const down = bfs(n, at, depth, adj.outStart, adj.out);
  const up = bfs(n, at, depth, adj.inStart, adj.into);
  const members: string[] = [];
  const dependencies = new Map<string, number>();
  const dependents = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (down[i]! >= 0) dependencies.set(adj.ids[i]!, down[i]!);
    if (up[i]! >= 0) dependents.set(adj.ids[i]!, up[i]!);
    if (down[i]! >= 0 || up[i]! >= 0) members.push(adj.ids[i]!);
  }
  return { focus, depth, members, dependencies, dependents };
}

/** `--depth` as given on the command line: a whole number ≥ 0, or an explanation of what is wrong. */
export function parseDepth(value: string | undefined): number | string {
  if (value === undefined) return DEFAULT_DEPTH;
  const n = Number(value);
  return /^\d+$/.test(value.trim()) && Number.isSafeInteger(n) ? n : `--depth must be a whole number ≥ 0, not "${value}"`;
}
