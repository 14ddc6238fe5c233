/**
 * Minimum set of dependency entries whose change cuts every path from a tool to a set of roots.
 * Flow network: service u → clause c (each dependency entry of u) with capacity 1, clause → each
 * of its targets and each root → sink unbounded. Max flow by BFS augmenting paths (unit
 * capacities: at most one augmentation per entry of the tool), then the source side of the
 * residual graph gives the cut nearest the tool — so, between equally small cuts, the one that
 * changes the tool's own dependencies. An `anyOf` entry is treated as an edge to each alternative
 * (a path through it fails only when all alternatives do): the cut is then safe but may not be the
 * smallest possible; the remediation search re-audits every cut anyway.
 */
import type { Index } from './graph.js';

interface Net { head: Int32Array; next: number[]; to: number[]; cap: number[] }

const INF = 1 << 30;

export function minCut(ix: Index, source: number, roots: readonly number[]): number[] {
  const clauses = ix.clauseOwner.length;
  const sink = ix.n + clauses;
  const net: Net = { head: new Int32Array(sink + 1).fill(-1), next: [], to: [], cap: [] };
  const add = (u: number, v: number, cap: number) => {
    for (const [a, b, c] of [[u, v, cap], [v, u, 0]] as const) { net.to.push(b); net.cap.push(c); net.next.push(net.head[a]!); net.head[a] = net.to.length - 1; }
  };
  for (let c = 0; c < clauses; c++) {
    add(ix.clauseOwner[c]!, ix.n + c, 1);
    for (let k = ix.targetStart[c]!; k < ix.targetStart[c + 1]!; k++) add(ix.n + c, ix.targets[k]!, INF);
  }
  for (const r of roots) if (r !== source) add(r, sink, INF);
  const parentEdge = new Int32Array(sink + 1);
  while (augment(net, source, sink, parentEdge));
  const reach = reachable(net, source, sink + 1);
  const cut: number[] = [];
  for (let c = 0; c < clauses; c++) if (reach[ix.clauseOwner[c]!] && !reach[ix.n + c]) cut.push(c);
  return cut;
}

/** One BFS augmenting path of capacity 1 (the path always crosses a unit entry edge). */
function augment(net: Net, s: number, t: number, parentEdge: Int32Array): boolean {
  parentEdge.fill(-1);
  const queue = [s];
  const seen = new Uint8Array(parentEdge.length);
  seen[s] = 1;
  for (let i = 0; i < queue.length && !seen[t]; i++) {
    for (let e = net.head[queue[i]!]!; e >= 0; e = net.next[e]!) {
      const v = net.to[e]!;
      if (net.cap[e]! <= 0 || seen[v]) continue;
      seen[v] = 1;
      parentEdge[v] = e;
      queue.push(v);
    }
  }
  if (!seen[t]) return false;
  for (let v = t; v !== s;) {
    const e = parentEdge[v]!;
    net.cap[e]! -= 1;
    net.cap[e ^ 1]! += 1;
    v = net.to[e ^ 1]!;
  }
  return true;
}

function reachable(net: Net, s: number, size: number): Uint8Array {
  const seen = new Uint8Array(size);
  seen[s] = 1;
  const queue = [s];
  for (let i = 0; i < queue.length; i++) {
    for (let e = net.head[queue[i]!]!; e >= 0; e = net.next[e]!) {
      if (net.cap[e]! > 0 && !seen[net.to[e]!]) { seen[net.to[e]!] = 1; queue.push(net.to[e]!); }
    }
  }
  return seen;
}
