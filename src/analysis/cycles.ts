/**
 * Runtime cycles: strongly connected components over the dependencies a service needs to run
 * (hard and buffered; each `anyOf` alternative counts, since the loop is real while the other
 * alternatives are down). Recovery deadlocks: components over the hard clauses that keep a service
 * from starting once all they name is down (`stuckClauses`: plain hard edges, and `anyOf`s whose
 * alternatives all wait on the loop), so such a loop cannot restart on its own.
 * Each component gets a shortest concrete cycle found by BFS inside it.
 */
import type { RuntimeCycle } from './types.js';
import { KIND, dependencyCsr, type Csr, type Index } from './graph.js';
import { hasSelfLoop, stronglyConnected, type Sccs } from './scc.js';

export interface CycleResult {
  readonly cycles: readonly RuntimeCycle[];
  readonly deadlocks: readonly RuntimeCycle[];
}

/** BFS starts tried per component are capped so one huge component costs O(budget), not O(V·E). */
const BFS_BUDGET = 2_000_000;

export function findCycles(ix: Index): CycleResult {
  const runtime = dependencyCsr(ix, (c) => ix.clauseKind[c] !== KIND.soft);
  const stuck = stuckClauses(ix);
  const hard = dependencyCsr(ix, (c) => stuck[c] === 1);
  const hardSccs = stronglyConnected(hard);
  const hardCycles = cyclesOf(ix, hard, hardSccs, true);
  const deadlockComp = new Uint8Array(ix.n);
  for (const c of hardCycles) for (const id of c.members) deadlockComp[ix.pos.get(id)!] = 1;
  const cycles = cyclesOf(ix, runtime, stronglyConnected(runtime), false)
    .map((c) => ({ ...c, deadlocks: c.members.some((id) => deadlockComp[ix.pos.get(id)!] === 1) }));
  return { cycles, deadlocks: hardCycles };
}

/**
 * The hard clauses that can keep their owner from starting once everything they name is down: the
 * greatest set S of services each with a hard clause (an `anyOf` counts when every alternative is
 * in S) whose targets are all in S — start from every service with a hard clause, drop the ones
 * none of whose hard clauses lies inside the set, until nothing drops. A loop closed through an
 * `anyOf` whose alternatives all wait on the loop is a deadlock as much as a plain one (docs/semantics.md#engine: a down
 * service waits while every alternative of a hard dependency is down).
 */
export function stuckClauses(ix: Index): Uint8Array {
  const inSet = new Uint8Array(ix.n);
  const closedCount = new Int32Array(ix.n);
  const outside = new Int32Array(ix.clauseOwner.length);
  for (let c = 0; c < ix.clauseOwner.length; c++) if (ix.clauseKind[c] === KIND.hard) inSet[ix.clauseOwner[c]!] = 1;
  for (let c = 0; c < ix.clauseOwner.length; c++) {
    if (ix.clauseKind[c] !== KIND.hard) continue;
    for (let k = ix.targetStart[c]!; k < ix.targetStart[c + 1]!; k++) if (!inSet[ix.targets[k]!]) outside[c]!++;
    if (outside[c] === 0) closedCount[ix.clauseOwner[c]!]!++;
  }
  const queue: number[] = [];
  for (let v = 0; v < ix.n; v++) if (inSet[v] && closedCount[v] === 0) { inSet[v] = 0; queue.push(v); }
  while (queue.length > 0) {
    const v = queue.pop()!;
    for (let r = ix.revStart[v]!; r < ix.revStart[v + 1]!; r++) {
      const c = ix.revClauses[r]!;
      if (ix.clauseKind[c] !== KIND.hard || outside[c]!++ !== 0) continue;
      const o = ix.clauseOwner[c]!;
      if (inSet[o] && --closedCount[o]! === 0) { inSet[o] = 0; queue.push(o); }
    }
  }
  const out = new Uint8Array(ix.clauseOwner.length);
  for (let c = 0; c < out.length; c++) if (ix.clauseKind[c] === KIND.hard && outside[c] === 0 && inSet[ix.clauseOwner[c]!]) out[c] = 1;
  return out;
}

function cyclesOf(ix: Index, g: Csr, sccs: Sccs, deadlocks: boolean): RuntimeCycle[] {
  const out: RuntimeCycle[] = [];
  const scratch = newScratch(g.n);
  for (let k = 0; k < sccs.count; k++) {
    const a = sccs.memberStart[k]!;
    const b = sccs.memberStart[k + 1]!;
    if (b - a === 1 && !hasSelfLoop(g, sccs.members[a]!)) continue;
    const members = Array.from(sccs.members.subarray(a, b), (v) => ix.ids[v]!).sort();
    const path = shortestCycle(g, sccs, k, members.map((id) => ix.pos.get(id)!), scratch).map((v) => ix.ids[v]!);
    out.push({ members, path, deadlocks });
  }
  return out.sort((x, y) => (x.path[0]! < y.path[0]! ? -1 : x.path[0]! > y.path[0]! ? 1 : 0));
}

/** The shortest cycle through any of the first few starts (in id order); first id repeated at the end. */
export function shortestCycle(g: Csr, sccs: Sccs, k: number, startsById: readonly number[], scratch = newScratch(g.n)): number[] {
  let edges = 0;
  for (const v of startsById) edges += g.start[v + 1]! - g.start[v]!;
  const tries = Math.max(1, Math.min(startsById.length, Math.floor(BFS_BUDGET / Math.max(1, edges))));
  let best: number[] | undefined;
  for (let i = 0; i < tries; i++) {
    const r = startsById[i]!;
    const found = bfsBack(g, sccs.comp, k, r, scratch, ++scratch.stamp, best?.length);
    if (found && (!best || found.length < best.length)) best = found;
    if (best && best.length === 2) break;
  }
  return best ?? [startsById[0]!, startsById[0]!];
}

/**
 * BFS arrays shared by every search of one graph (allocating them per component made the audit
 * O(n · components)); `seen` holds the stamp of the search that reached a node.
 */
interface Scratch { readonly parent: Int32Array; readonly seen: Int32Array; readonly queue: Int32Array; readonly depth: Int32Array; stamp: number }

function newScratch(n: number): Scratch {
  return { parent: new Int32Array(n), seen: new Int32Array(n), queue: new Int32Array(n), depth: new Int32Array(n), stamp: 0 };
}

/** BFS from r inside component k until an edge back to r closes a cycle. */
function bfsBack(g: Csr, comp: Int32Array, k: number, r: number, { parent, seen, queue, depth }: Scratch, stamp: number,
  bound: number | undefined): number[] | undefined {
  let head = 0;
  let tail = 0;
  queue[tail++] = r;
  seen[r] = stamp;
  depth[r] = 0;
  while (head < tail) {
    const v = queue[head++]!;
    const d = depth[v]!;
    if (bound !== undefined && d + 2 >= bound) return undefined;
    for (let e = g.start[v]!; e < g.start[v + 1]!; e++) {
      const w = g.adj[e]!;
      if (comp[w] !== k) continue;
      if (w === r) {
        const path = [r];
        for (let x = v; x !== r; x = parent[x]!) path.push(x);
        path.push(r);
        return [r, ...path.slice(1, -1).reverse(), r];
      }
      if (seen[w] === stamp) continue;
      seen[w] = stamp;
      parent[w] = v;
      depth[w] = d + 1;
      queue[tail++] = w;
    }
  }
  return undefined;
}
