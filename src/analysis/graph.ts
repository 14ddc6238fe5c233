/**
 * The compact form every analysis runs on: services as integers (file order), each dependency entry
 * as a "clause" (one target, or the alternatives of an `anyOf`), in CSR arrays. Async entries are
 * dropped: they never propagate a failure (docs/semantics.md#engine).
 */
import type { Model } from '../model/types.js';

/** How a clause passes its dependencies' state to its owner (the edge rules of docs/semantics.md#engine). */
export const KIND = { hard: 0, soft: 1, bufferedDegraded: 2, bufferedDown: 3 } as const;

export interface Index {
  readonly n: number;
  readonly ids: readonly string[];
  readonly pos: ReadonlyMap<string, number>;
  readonly tier: Uint8Array;
  readonly entry: Uint8Array;
  /** Clauses of service s: clauseStart[s] … clauseStart[s+1]−1. */
  readonly clauseStart: Int32Array;
  readonly clauseOwner: Int32Array;
  readonly clauseKind: Uint8Array;
  readonly clauseAnyOf: Uint8Array;
  /** Buffer fill time in minutes (0 unless buffered). */
  readonly clauseDelay: Float64Array;
  /** Index of the entry in the owner's `dependsOn` (for locations). */
  readonly clauseEntry: Int32Array;
  /** Distinct targets of clause c: targetStart[c] … targetStart[c+1]−1 in `targets`. */
  readonly targetStart: Int32Array;
  readonly targets: Int32Array;
  /** Clauses that name service t: revStart[t] … revStart[t+1]−1 in `revClauses`. */
  readonly revStart: Int32Array;
  readonly revClauses: Int32Array;
}

export function buildIndex(model: Model): Index {
  const services = model.services;
  const n = services.length;
  const { ids, pos, clauseCount, targetCount } = sizes(model);
  const tier = new Uint8Array(n);
  const entry = new Uint8Array(n);
  const clauseStart = new Int32Array(n + 1);
  const clauseOwner = new Int32Array(clauseCount);
  const clauseKind = new Uint8Array(clauseCount);
  const clauseAnyOf = new Uint8Array(clauseCount);
  const clauseDelay = new Float64Array(clauseCount);
  const clauseEntry = new Int32Array(clauseCount);
  const targetStart = new Int32Array(clauseCount + 1);
  const targets = new Int32Array(targetCount);
  let c = 0;
  let t = 0;
  const mark = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const s = services[i]!;
    tier[i] = s.tier;
    entry[i] = s.entrypoint ? 1 : 0;
    clauseStart[i] = c;
    const deps = s.dependsOn;
    for (let e = 0; e < deps.length; e++) {
      const d = deps[e]!;
      if (d.type === 'async') continue;
      clauseOwner[c] = i;
      clauseKind[c] = d.type === 'hard' ? KIND.hard : d.type === 'soft' ? KIND.soft
        : d.buffer?.whenFull === 'down' ? KIND.bufferedDown : KIND.bufferedDegraded;
      clauseAnyOf[c] = d.anyOf ? 1 : 0;
      clauseDelay[c] = d.buffer?.fillsAfterMin ?? 0;
      clauseEntry[c] = e;
      targetStart[c] = t;
      for (const id of d.targets) {
        const j = pos.get(id);
        if (j === undefined || mark[j] === c) continue;
        mark[j] = c;
        targets[t++] = j;
      }
      c++;
    }
  }
  clauseStart[n] = c;
  targetStart[c] = t;
  const [revStart, revClauses] = reverse(n, c, targetStart, targets.subarray(0, t));
  return {
    n, ids, pos, tier, entry, clauseStart, clauseOwner, clauseKind, clauseAnyOf, clauseDelay, clauseEntry,
    targetStart, targets: targets.subarray(0, t), revStart, revClauses,
  };
}

/** Ids, their positions, and how many clauses and targets the index will hold. */
function sizes(model: Model): { ids: string[]; pos: Map<string, number>; clauseCount: number; targetCount: number } {
  const ids = new Array<string>(model.services.length);
  const pos = new Map<string, number>();
  let clauseCount = 0;
  let targetCount = 0;
  model.services.forEach((s, i) => {
    ids[i] = s.id;
    pos.set(s.id, i);
    for (const d of s.dependsOn) {
      if (d.type === 'async') continue;
      clauseCount++;
      targetCount += d.targets.length;
    }
  });
  return { ids, pos, clauseCount, targetCount };
}

/** CSR transpose: for every target, the clauses naming it (ascending). */
function reverse(n: number, clauses: number, targetStart: Int32Array, targets: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < targets.length; k++) start[targets[k]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const out = new Int32Array(targets.length);
  for (let c = 0; c < clauses; c++) {
    for (let k = targetStart[c]!; k < targetStart[c + 1]!; k++) out[fill[targets[k]!]!++] = c;
  }
  return [start, out];
}

/** A plain directed adjacency in CSR form (used for SCCs and BFS). */
export interface Csr {
  readonly n: number;
  readonly start: Int32Array;
  readonly adj: Int32Array;
}

/** Service → dependency edges of the clauses `keep` accepts (one edge per target, deduplicated). */
export function dependencyCsr(ix: Index, keep: (c: number) => boolean): Csr {
  const kept = new Uint8Array(ix.clauseOwner.length);
  for (let c = 0; c < kept.length; c++) kept[c] = keep(c) ? 1 : 0;
  // Two passes over typed arrays (count, then fill) instead of a growing array of a million numbers.
  const start = new Int32Array(ix.n + 1);
  const mark = new Int32Array(ix.n).fill(-1);
  const pass = (adj: Int32Array | undefined): number => {
    let m = 0;
    mark.fill(-1);
    for (let s = 0; s < ix.n; s++) {
      start[s] = m;
      for (let c = ix.clauseStart[s]!; c < ix.clauseStart[s + 1]!; c++) {
        if (!kept[c]) continue;
        for (let k = ix.targetStart[c]!; k < ix.targetStart[c + 1]!; k++) {
          const t = ix.targets[k]!;
          if (mark[t] === s) continue;
          mark[t] = s;
          if (adj) adj[m] = t;
          m++;
        }
      }
    }
    start[ix.n] = m;
    return m;
  };
  const adj = new Int32Array(pass(undefined));
  pass(adj);
  return { n: ix.n, start, adj };
}
