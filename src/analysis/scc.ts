/**
 * Strongly connected components: Tarjan's algorithm (1972), iterative with an explicit stack so a
 * 100,000-deep chain cannot overflow the call stack. Components are numbered in completion order,
 * which is a reverse topological order of the condensation: with edges pointing from a service to
 * its dependencies, every component comes after all the components it depends on.
 */
import type { Csr } from './graph.js';

export interface Sccs {
  /** Component of each node. */
  readonly comp: Int32Array;
  readonly count: number;
  /** Members of component k: members[memberStart[k] … memberStart[k+1]−1], ascending. */
  readonly memberStart: Int32Array;
  readonly members: Int32Array;
}

export function stronglyConnected(g: Csr): Sccs {
  const n = g.n;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let sp = 0;
  let next = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = g.start[root]!;
    index[root] = low[root] = next++;
    stack[sp++] = root;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const e = callEdge[depth]!;
      if (e < g.start[v + 1]!) {
        callEdge[depth] = e + 1;
        const w = g.adj[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = g.start[w]!;
        } else if (comp[w] === -1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  const memberStart = new Int32Array(count + 1);
  for (let v = 0; v < n; v++) memberStart[comp[v]! + 1]!++;
  for (let k = 0; k < count; k++) memberStart[k + 1]! += memberStart[k]!;
  const fill = memberStart.slice(0, count);
  const members = new Int32Array(n);
  for (let v = 0; v < n; v++) members[fill[comp[v]!]!++] = v;
  return { comp, count, memberStart, members };
}

/** Whether node v has an edge to itself. */
export function hasSelfLoop(g: Csr, v: number): boolean {
  for (let e = g.start[v]!; e < g.start[v + 1]!; e++) if (g.adj[e] === v) return true;
  return false;
}
