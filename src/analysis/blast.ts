/**
 * Blast radius of every service at once, bit-parallel: each batch of 32·W failing services is one
 * lane per service in W 32-bit words per node; a node's `down` and `hit` (degraded-or-worse) words
 * are the OR over its clauses of the AND over the clause's targets (an `anyOf` fails only when
 * every alternative does), mapped by the edge kind (docs/semantics.md#audit): hard passes down/hit, soft turns down into
 * hit, a buffered edge turns down into its `whenFull` (final states: a buffer whose dependency
 * is down always fills in the end; one whose dependency still serves never does). Nodes are evaluated component by component in dependency order (SCC condensation); inside
 * a cycle a worklist iterates to the least fixpoint. Counts are summed in bit-sliced counters, so
 * per-node work stays a few word operations whatever the batch width. Cost: O(n·E/32) word ops.
 */
import type { Index } from './graph.js';
import { dependencyCsr } from './graph.js';
import { stronglyConnected } from './scc.js';
import { postorderWithin, selfLoop } from './postorder.js';
import { KIND } from './graph.js';

export interface ToolSpec {
  readonly node: number;
  /** Supported services, or undefined for all ("*"). */
  readonly supports?: readonly number[];
}

export interface BlastCounts {
  readonly downCount: Int32Array;
  readonly degradedCount: Int32Array;
  readonly entrypointsHit: Int32Array;
  readonly score: Float64Array;
  /** For each entrypoint (by node), how many services' single failure takes it down. */
  readonly spofCount: Int32Array;
  /**
   * For each entrypoint (by node), those services: all of them, ascending by node, or with
   * with `keep` the `keep` first by `rank` (ascending rank).
   */
  readonly spof: ReadonlyMap<number, number[]>;
  /**
   * For each tool (same order as given), by root: 0 = no, 1 = the root's failure degrades the tool,
   * 2 = takes it down — in both cases also hitting (or being) a service the tool supports.
   */
  readonly toolRoots: readonly Uint8Array[];
}

const TIER_WEIGHT = [8, 4, 2, 1];

export interface SpofOptions {
  /** Keep at most this many services per entrypoint: the first by `rank`. Default: all. */
  readonly keep?: number;
  /** Order for `keep` (e.g. rank of each service's id); required with `keep`. */
  readonly rank?: Int32Array;
}

export function blastCounts(ix: Index, tools: readonly ToolSpec[] = [], words = 32, spofOptions: SpofOptions = {}): BlastCounts {
  const n = ix.n;
  const W = words;
  const lanes = 32 * W;
  const sccs = stronglyConnected(dependencyCsr(ix, () => true));
  const order = sccs.members; // grouped by component, components in dependency order
  const D = new Int32Array(n * W);
  const G = new Int32Array(n * W);
  if (W < 1 || W > 32) throw new RangeError('blastCounts: words must be 1…32');
  const nzD = new Int32Array(n);
  const nzG = new Int32Array(n);
  const lane = new Int32Array(n).fill(-1);
  const dirty = new Uint8Array(n);
  const within = postorderWithin(ix, sccs);
  const positionIn = new Int32Array(n);
  for (let m = 0; m < n; m++) positionIn[within[m]!] = m;
  const nd = new Int32Array(W);
  const ng = new Int32Array(W);
  const planes = Math.max(1, Math.ceil(Math.log2(n + 1)));
  // 4 tiers down, 4 tiers degraded-only, entrypoints hit: bit-sliced counters, planes × W words each.
  const counters = new Int32Array(9 * planes * W);
  const out = { downCount: new Int32Array(n), degradedCount: new Int32Array(n), entrypointsHit: new Int32Array(n), score: new Float64Array(n) };
  const spof = new SpofLists(n, ix.entry, spofOptions);
  const toolAt = new Int32Array(n).fill(-1);
  tools.forEach((t, i) => { toolAt[t.node] = i; });
  const toolRoots = tools.map(() => new Uint8Array(n));
  const touched: number[] = [];

  // Sparse words: nzD/nzG hold, per node, which of its W words are non-zero (W ≤ 32), so a
  // clause only touches the words where every target has a failing source in this batch.
  const evaluate = (v: number): boolean => {
    // Words that may become non-zero; nd/ng hold the new words until they are stored below.
    let cand = 0;
    const l = lane[v]!;
    if (l >= 0) { nd[l >> 5] = 1 << (l & 31); ng[l >> 5] = 1 << (l & 31); cand = 1 << (l >> 5); }
    for (let c = ix.clauseStart[v]!; c < ix.clauseStart[v + 1]!; c++) {
      const a = ix.targetStart[c]!;
      if (ix.targetStart[c + 1]! - a === 1) cand |= single(ix.targets[a]!, ix.clauseKind[c]!);
      else cand |= anyOf(c, a, ix.targetStart[c + 1]!);
    }
    return store(v, cand);
  };

  /** One-target clause (nearly all of them): the kind picks which of the target's words pass. */
  const single = (t: number, kind: number): number => {
    const tb = t * W;
    if (kind === KIND.hard) {
      const mG = nzG[t]!;
      for (let m = mG; m !== 0; m &= m - 1) { const w = 31 - Math.clz32(m & -m); nd[w]! |= D[tb + w]!; ng[w]! |= G[tb + w]!; }
      return mG;
    }
    // Soft and buffered edges react only to a dependency that is down (a buffer drains while it serves).
    const mD = nzD[t]!;
    if (kind === KIND.bufferedDown) {
      for (let m = mD; m !== 0; m &= m - 1) { const w = 31 - Math.clz32(m & -m); const d = D[tb + w]!; nd[w]! |= d; ng[w]! |= d; }
    } else {
      for (let m = mD; m !== 0; m &= m - 1) { const w = 31 - Math.clz32(m & -m); ng[w]! |= D[tb + w]!; }
    }
    return mD;
  };

  /** An anyOf clause: a word passes where every alternative has it (AND over the targets). */
  const anyOf = (c: number, a: number, b: number): number => {
    let mG = -1;
    let mD = -1;
    for (let k = a; k < b && mG !== 0; k++) { const t = ix.targets[k]!; mG &= nzG[t]!; mD &= nzD[t]!; }
    if (mG === 0) return 0;
    const kind = ix.clauseKind[c]!;
    // Words this clause can set: every kind reads D (soft and buffered only react to down), hard also G.
    const useD = mD;
    const useG = kind === KIND.hard ? mG : 0;
    for (let m = useD | useG; m !== 0; m &= m - 1) {
      const w = 31 - Math.clz32(m & -m);
      let xd = (useD >>> w) & 1 ? -1 : 0;
      let xg = (useG >>> w) & 1 ? -1 : 0;
      for (let k = a; k < b; k++) { const t = ix.targets[k]! * W + w; xd &= D[t]!; xg &= G[t]!; }
      if (kind === KIND.hard) { nd[w]! |= xd; ng[w]! |= xg | xd; }
      else if (kind === KIND.soft) ng[w]! |= xd;
      else if (kind === KIND.bufferedDown) { nd[w]! |= xd; ng[w]! |= xd; }
      else ng[w]! |= xd;
    }
    return useD | useG;
  };

  /** Stores v's new words (G ⊇ D), resets the scratch words; true when any word changed. */
  const store = (v: number, cand: number): boolean => {
    const base = v * W;
    let outD = 0;
    let outG = 0;
    let changed = false;
    for (let m = cand; m !== 0; m &= m - 1) {
      const low = m & -m;
      const w = 31 - Math.clz32(low);
      const d = nd[w]!;
      const g = ng[w]! | d;
      nd[w] = 0;
      ng[w] = 0;
      if (d !== 0) outD |= low;
      if (g !== 0) outG |= low;
      if (D[base + w] !== d || G[base + w] !== g) { changed = true; D[base + w] = d; G[base + w] = g; }
    }
    if (outG !== 0 && nzG[v] === 0) touched.push(v);
    nzD[v] = outD;
    nzG[v] = outG;
    return changed;
  };

  const add = (counter: number, w: number, x: number) => {
    let carry = x;
    for (let p = 0; carry !== 0 && p < planes; p++) {
      const at = (counter * planes + p) * W + w;
      const cur = counters[at]!;
      counters[at] = cur ^ carry;
      carry &= cur;
    }
  };
  const read = (counter: number, l: number): number => {
    let value = 0;
    for (let p = 0; p < planes; p++) value |= ((counters[(counter * planes + p) * W + (l >> 5)]! >>> (l & 31)) & 1) << p;
    return value;
  };

  for (let first = 0; first < n; first += lanes) {
    const batch = order.subarray(first, Math.min(n, first + lanes));
    batch.forEach((v, i) => { lane[v] = i; });
    for (let k = sccs.comp[batch[0]!]!; k < sccs.count; k++) {
      const a = sccs.memberStart[k]!;
      const b = sccs.memberStart[k + 1]!;
      if (b - a === 1) { evaluate(sccs.members[a]!); if (!selfLoop(ix, sccs.members[a]!)) continue; }
      // A cycle: sweep its members in DFS postorder (dependencies first, so a wave crosses the
      // whole loop in one sweep) re-evaluating only those whose inputs changed, until none did.
      for (let m = a; m < b; m++) dirty[within[m]!] = 1;
      let again = true;
      while (again) {
        again = false;
        for (let m = a; m < b; m++) {
          const v = within[m]!;
          if (!dirty[v]) continue;
          dirty[v] = 0;
          if (!evaluate(v)) continue;
          for (let r = ix.revStart[v]!; r < ix.revStart[v + 1]!; r++) {
            const o = ix.clauseOwner[ix.revClauses[r]!]!;
            if (sccs.comp[o] === k && !dirty[o]) { dirty[o] = 1; if (positionIn[o]! <= m) again = true; }
          }
        }
      }
    }
    counters.fill(0);
    for (const v of touched) {
      const base = v * W;
      const l = lane[v]!;
      const tool = toolAt[v]!;
      for (let m = nzG[v]!; m !== 0;) {
        const low = m & -m;
        m ^= low;
        const w = 31 - Math.clz32(low);
        const self = l >= 0 && l >> 5 === w ? 1 << (l & 31) : 0;
        const d = D[base + w]! & ~self;
        const g = G[base + w]! & ~self;
        if (g === 0) continue;
        add(ix.tier[v]!, w, d);
        add(4 + ix.tier[v]!, w, g & ~d);
        if (ix.entry[v]) { add(8, w, g); for (let bits = d; bits !== 0; bits &= bits - 1) spof.add(v, batch[w * 32 + 31 - Math.clz32(bits & -bits)]!); }
        if (tool >= 0) {
          let mask = g;
          const sup = tools[tool]!.supports;
          if (sup) { let m = 0; for (const s of sup) m |= G[s * W + w]!; mask &= m; }
          if (mask !== 0) forBits(mask, w, (x) => { toolRoots[tool]![batch[x]!] = 1; });
          if ((mask & d) !== 0) forBits(mask & d, w, (x) => { toolRoots[tool]![batch[x]!] = 2; });
        }
      }
    }
    for (let i = 0; i < batch.length; i++) {
      const v = batch[i]!;
      let down = 0, deg = 0, score = 0;
      for (let t = 0; t < 4; t++) {
        const dn = read(t, i);
        const dg = read(4 + t, i);
        down += dn;
        deg += dg;
        score += TIER_WEIGHT[t]! * (dn + dg / 2);
      }
      out.downCount[v] = down;
      out.degradedCount[v] = deg;
      out.score[v] = score;
      out.entrypointsHit[v] = read(8, i);
    }
    for (const v of touched) { D.fill(0, v * W, v * W + W); G.fill(0, v * W, v * W + W); nzD[v] = 0; nzG[v] = 0; }
    touched.length = 0;
    batch.forEach((v) => { lane[v] = -1; });
  }
  return { ...out, spofCount: spof.count, spof: spof.lists(), toolRoots };
}

/**
 * SPOF lists per entrypoint. On a deep graph there are millions of (entrypoint, service) pairs;
 * only the count and the first few by id are ever printed, so with `keep` each entrypoint holds a
 * bounded max-heap of the `keep` lowest ranks: once full, most pairs cost one comparison.
 */
class SpofLists {
  readonly count: Int32Array;
  private readonly all = new Map<number, number[]>();
  /** With `keep`: entrypoint e's heap is heaps[slot[e]·keep …], typed arrays so a pair costs no lookup. */
  private readonly slot: Int32Array;
  private readonly heaps: Int32Array;
  private readonly keep: number;
  private readonly rank: Int32Array;

  constructor(n: number, entry: Uint8Array, o: SpofOptions) {
    this.count = new Int32Array(n);
    this.keep = o.keep ?? Infinity;
    if (this.keep < Infinity && !o.rank) throw new RangeError('blastCounts: spof keep needs a rank');
    this.rank = o.rank ?? Int32Array.from({ length: n }, (_, i) => i);
    this.slot = new Int32Array(n).fill(-1);
    let entries = 0;
    for (let v = 0; v < n; v++) {
      if (!entry[v]) continue;
      this.slot[v] = entries++;
      if (this.keep === Infinity) this.all.set(v, []);
    }
    this.heaps = new Int32Array(this.keep < Infinity ? entries * this.keep : 0);
  }

  add(entry: number, service: number): void {
    const c = this.count[entry]!++;
    const keep = this.keep;
    if (keep === Infinity) { this.all.get(entry)!.push(service); return; }
    const base = this.slot[entry]! * keep;
    if (c < keep) siftUp(this.heaps, base, c, service, this.rank);
    else if (this.rank[service]! < this.rank[this.heaps[base]!]!) siftDown(this.heaps, base, keep, service, this.rank);
  }

  /** Ascending by rank. */
  lists(): Map<number, number[]> {
    const rank = this.rank;
    const out = new Map<number, number[]>();
    for (const [e, list] of this.all) out.set(e, list.sort((a, b) => rank[a]! - rank[b]!));
    if (this.keep === Infinity) return out;
    for (let e = 0; e < this.slot.length; e++) {
      const k = this.slot[e]!;
      if (k < 0) continue;
      const heap = this.heaps.subarray(k * this.keep, k * this.keep + Math.min(this.keep, this.count[e]!));
      out.set(e, Array.from(heap).sort((a, b) => rank[a]! - rank[b]!));
    }
    return out;
  }
}

/** Max-heap by rank at heap[base …]: place `x` at free slot `k` and move it up. */
function siftUp(heap: Int32Array, base: number, k: number, x: number, rank: Int32Array): void {
  let i = k;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (rank[heap[base + p]!]! >= rank[x]!) break;
    heap[base + i] = heap[base + p]!;
    i = p;
  }
  heap[base + i] = x;
}

/** Max-heap by rank at heap[base …] of `size`: replace the top with `x` and move it down. */
function siftDown(heap: Int32Array, base: number, size: number, x: number, rank: Int32Array): void {
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && rank[heap[base + c + 1]!]! > rank[heap[base + c]!]!) c++;
    if (rank[heap[base + c]!]! <= rank[x]!) break;
    heap[base + i] = heap[base + c]!;
    i = c;
  }
  heap[base + i] = x;
}

function forBits(x: number, w: number, f: (lane: number) => void): void {
  let m = x;
  while (m !== 0) {
    const low = m & -m;
    f(w * 32 + 31 - Math.clz32(low));
    m ^= low;
  }
}
