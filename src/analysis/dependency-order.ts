/**
 * The clause graph renumbered in dependency order for the bit-parallel blast pass: position 0 is
 * a service that depends on nothing, and every service comes after the services it depends on,
 * except inside a cycle (a component's members are contiguous, in DFS postorder so a wave crosses
 * the loop in one sweep). With this numbering the sweep writes its state in ascending memory order
 * and a batch of consecutive positions reaches only later positions — which is what lets it skip
 * everything before the batch and visit only what the batch's failures reach.
 */
import { dependencyCsr, type Index } from './graph.js';
import { postorderWithin, selfLoop } from './postorder.js';
import { stronglyConnected } from './scc.js';

export interface DependencyOrder {
  readonly n: number;
  /** node[p]: the service at position p; at[v]: the position of service v. */
  readonly node: Int32Array;
  readonly at: Int32Array;
  /** Clauses of position p: clauseStart[p] … clauseStart[p+1]−1 (kinds as in graph.ts KIND). */
  readonly clauseStart: Int32Array;
  readonly clauseKind: Uint8Array;
  /** Target positions of clause c: targets[targetStart[c] … targetStart[c+1]−1]. */
  readonly targetStart: Int32Array;
  readonly targets: Int32Array;
  /** Distinct positions whose clauses name p: dependents[dependentStart[p] … dependentStart[p+1]−1]. */
  readonly dependentStart: Int32Array;
  readonly dependents: Int32Array;
  /** The component of p spans positions compStart[p] … compEnd[p]−1; loop[p]: it has a cycle. */
  readonly compStart: Int32Array;
  readonly compEnd: Int32Array;
  readonly loop: Uint8Array;
}

export function dependencyOrder(ix: Index): DependencyOrder {
  const n = ix.n;
  const sccs = stronglyConnected(dependencyCsr(ix, () => true));
  const node = postorderWithin(ix, sccs);
  const at = new Int32Array(n);
  for (let p = 0; p < n; p++) at[node[p]!] = p;
  const compStart = new Int32Array(n);
  const compEnd = new Int32Array(n);
  const loop = new Uint8Array(n);
  for (let k = 0; k < sccs.count; k++) {
    const a = sccs.memberStart[k]!;
    const b = sccs.memberStart[k + 1]!;
    const cyclic = b - a > 1 || selfLoop(ix, node[a]!) ? 1 : 0;
    compStart.fill(a, a, b);
    compEnd.fill(b, a, b);
    loop.fill(cyclic, a, b);
  }
  return { n, node, at, ...clausesByPosition(ix, node, at), ...dependentsByPosition(ix, node, at), compStart, compEnd, loop };
}

/** The clauses of each position, with targets as positions (same clause order per service). */
function clausesByPosition(ix: Index, node: Int32Array, at: Int32Array) {
  const n = ix.n;
  const clauses = ix.clauseOwner.length;
  const clauseStart = new Int32Array(n + 1);
  const clauseKind = new Uint8Array(clauses);
  const targetStart = new Int32Array(clauses + 1);
  const targets = new Int32Array(ix.targets.length);
  let c = 0;
  let t = 0;
  for (let p = 0; p < n; p++) {
    const v = node[p]!;
    clauseStart[p] = c;
    for (let old = ix.clauseStart[v]!; old < ix.clauseStart[v + 1]!; old++) {
      clauseKind[c] = ix.clauseKind[old]!;
      targetStart[c] = t;
      for (let k = ix.targetStart[old]!; k < ix.targetStart[old + 1]!; k++) targets[t++] = at[ix.targets[k]!]!;
      c++;
    }
  }
  clauseStart[n] = c;
  targetStart[c] = t;
  return { clauseStart, clauseKind, targetStart, targets };
}

/** For each position, the distinct positions of the services with a clause naming it. */
function dependentsByPosition(ix: Index, node: Int32Array, at: Int32Array) {
  const n = ix.n;
  const dependentStart = new Int32Array(n + 1);
  const dependents = new Int32Array(ix.revClauses.length);
  const mark = new Int32Array(n).fill(-1);
  let d = 0;
  for (let p = 0; p < n; p++) {
    const v = node[p]!;
    dependentStart[p] = d;
    for (let r = ix.revStart[v]!; r < ix.revStart[v + 1]!; r++) {
      const o = at[ix.clauseOwner[ix.revClauses[r]!]!]!;
      if (mark[o] === p) continue;
      mark[o] = p;
      dependents[d++] = o;
    }
  }
  dependentStart[n] = d;
  return { dependentStart, dependents: dependents.subarray(0, d) };
}
