/**
 * Blast radius of every service at once, bit-parallel: batches of 32·W failing services, each the
 * final states of one sweep of the kernel (bit-sweep.ts) over the graph in dependency order
 * (dependency-order.ts). Counts, tier-weighted scores and entrypoints hit are summed per lane in
 * bit-sliced counters, so per hit position the work stays a few word operations whatever the
 * batch width; SPOFs (an entrypoint's `down` lanes) and tooling-cycle roots (a tool's lanes, masked
 * by the lanes of the services it supports) are read off the same pass — no second semantics.
 */
import type { Index } from './graph.js';
import { BitSweep } from './bit-sweep.js';
import { dependencyOrder, type DependencyOrder } from './dependency-order.js';
import { startHelper } from './blast-threads.js';
import { CONTROL_SIZE, NEXT, SERVICES_DONE, type BlastJob, type SpofOptions, type TallyGraph, type TallyPart, type ToolSpec } from './blast-job.js';

export type { SpofOptions, ToolSpec } from './blast-job.js';


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
  /** Batches run by the helper thread (0: one thread). */
  readonly helperBatches?: number;
}

const TIER_WEIGHT = [8, 4, 2, 1];


/** `onProgress(done, total)` is called after each batch (services done so far, of all). */
export function blastCounts(ix: Index, tools: readonly ToolSpec[] = [], words = 32, spofOptions: SpofOptions = {},
  onProgress?: (done: number, total: number) => void, parallel: Parallel = {}): BlastCounts {
  if (words < 1 || words > 32) throw new RangeError('blastCounts: words must be 1…32');
  // The helper thread boots (~40 ms) while this one computes the order; without a SPOF cap the
  // lists are whole (small graphs only), which the merge does not handle: one thread then.
  const helper = (parallel.threads ?? 1) > 1 && spofOptions.keep !== undefined ? startHelper(parallel.waitForHelper) : undefined;
  const job: BlastJob = { g: { n: ix.n, tier: ix.tier, entry: ix.entry }, o: dependencyOrder(ix), tools, words, spofOptions };
  helper?.post(job);
  const control = helper?.control ?? new Int32Array(CONTROL_SIZE);
  const tally = runBatches(job, control, onProgress);
  const part = helper?.finish();
  if (part) tally.merge(part);
  return { ...tally.result(), helperBatches: helper?.batches ?? 0 };
}

export interface Parallel {
  /** 1 (default) or 2: a helper thread runs batches too. */
  readonly threads?: number;
  /** Start only once the helper runs (tests: so that it surely takes batches). */
  readonly waitForHelper?: boolean;
}



/**
 * Runs batches until none is left, each claimed from `control[NEXT]` (shared with the other thread:
 * who runs which batch varies, the sums do not — every lane is one batch's, every total a sum of
 * integers, every SPOF list the lowest ranks of the union).
 */
export function runBatches(job: BlastJob, control: Int32Array, onProgress?: (done: number, total: number) => void): Tally {
  const { g, o, words } = job;
  const sweep = new BitSweep(o, words);
  const tally = new Tally(g, o, sweep, job.tools, job.spofOptions);
  const lanes = 32 * words;
  const batches = Math.ceil(g.n / lanes);
  for (let b = Atomics.add(control, NEXT, 1); b < batches; b = Atomics.add(control, NEXT, 1)) {
    const first = b * lanes;
    const size = Math.min(lanes, g.n - first);
    tally.begin(first, size);
    sweep.run(first, size, tally);
    tally.end();
    tally.batches++;
    // Counted on both threads, with or without a listener: the caller's progress is of all batches,
    // and waitFinished reads the count to tell a slow helper from a dead one.
    const done = Atomics.add(control, SERVICES_DONE, size) + size;
    onProgress?.(done, g.n);
  }
  return tally;
}


/** Sums one batch's final states into the per-service figures. */
export class Tally {
  private readonly out: { downCount: Int32Array; degradedCount: Int32Array; entrypointsHit: Int32Array; score: Float64Array };
  /** 4 tiers down, 4 tiers degraded-only, entrypoints hit: bit-sliced counters, planes × W words each. */
  private readonly counters: Int32Array;
  private readonly planes: number;
  private readonly spof: SpofLists;
  /** Each tool's position, and its supported positions (undefined: all). */
  private readonly toolPos: number[];
  private readonly supports: (Int32Array | undefined)[];
  private readonly toolRoots: Uint8Array[];
  private readonly W: number;

  private first = 0;
  private size = 0;
  /** Batches this tally summed. */
  batches = 0;

  constructor(private readonly ix: TallyGraph, private readonly o: DependencyOrder, private readonly sweep: BitSweep, tools: readonly ToolSpec[], spofOptions: SpofOptions) {
    const W = sweep.W;
    this.W = W;
    const n = ix.n;
    this.out = { downCount: new Int32Array(n), degradedCount: new Int32Array(n), entrypointsHit: new Int32Array(n), score: new Float64Array(n) };
    this.planes = Math.max(1, Math.ceil(Math.log2(n + 1)));
    this.counters = new Int32Array(9 * this.planes * W);
    this.spof = new SpofLists(n, ix.entry, spofOptions);
    this.toolPos = tools.map((t) => o.at[t.node]!);
    this.supports = tools.map((t) => t.supports && Int32Array.from(t.supports, (v) => o.at[v]!));
    this.toolRoots = tools.map(() => new Uint8Array(n));
  }

  /** Starts a batch: lanes are the services at positions first … first+size−1. */
  begin(first: number, size: number): void {
    this.first = first;
    this.size = size;
    this.counters.fill(0);
    this.spof.batch(this.o.node, first, size);
  }

  /** Position p's final words (called by the sweep while they are still in cache). */
  final(p: number): void {
    const { ix, o, W, first, size } = this;
    const { DG, nzG } = this.sweep;
    const v = o.node[p]!;
    const l = p - first;
    const tier = ix.tier[v]!;
    for (let m = nzG[p]!; m !== 0; m &= m - 1) {
      const w = 31 - Math.clz32(m & -m);
      // A failing service's own lane is not part of its blast radius.
      const self = l >= 0 && l < size && l >> 5 === w ? 1 << (l & 31) : 0;
      const d = DG[2 * (p * W + w)]! & ~self;
      const g = DG[2 * (p * W + w) + 1]! & ~self;
      if (g === 0) continue;
      this.count(tier, w, d);
      this.count(4 + tier, w, g & ~d);
      if (ix.entry[v]) {
        this.count(8, w, g);
        if (d !== 0) this.spof.addWord(v, d, o.node, first + w * 32, w);
      }
    }
  }

  /** Ends a batch: tooling roots (they need every position final), then the counts per lane. */
  end(): void {
    const { W, first, size } = this;
    const { DG, nzG } = this.sweep;
    this.toolPos.forEach((p, t) => {
      const l = p - first;
      for (let m = nzG[p]!; m !== 0; m &= m - 1) {
        const w = 31 - Math.clz32(m & -m);
        const self = l >= 0 && l < size && l >> 5 === w ? 1 << (l & 31) : 0;
        const g = DG[2 * (p * W + w) + 1]! & ~self;
        if (g !== 0) this.tool(t, w, g, DG[2 * (p * W + w)]! & ~self);
      }
    });
    this.read(first, size);
  }

  /** Roots for tool `t` in word w: lanes that hit it and hit (or are) a service it supports. */
  private tool(t: number, w: number, g: number, d: number): void {
    const { sweep, first } = this;
    let mask = g;
    const sup = this.supports[t];
    if (sup) { let m = 0; for (let k = 0; k < sup.length; k++) m |= sweep.DG[2 * (sup[k]! * this.W + w) + 1]!; mask &= m; }
    const roots = this.toolRoots[t]!;
    for (let bits = mask; bits !== 0; bits &= bits - 1) {
      const bit = bits & -bits;
      roots[this.o.node[first + w * 32 + 31 - Math.clz32(bit)]!] = (d & bit) !== 0 ? 2 : 1;
    }
  }

  /** Adds the lanes set in x to bit-sliced counter `counter`, word w. */
  private count(counter: number, w: number, x: number): void {
    const { counters, planes, W } = this;
    let carry = x;
    for (let p = 0; carry !== 0 && p < planes; p++) {
      const at = (counter * planes + p) * W + w;
      const cur = counters[at]!;
      counters[at] = cur ^ carry;
      carry &= cur;
    }
  }

  /** The batch's counters, lane by lane, into the per-service figures. */
  private read(first: number, size: number): void {
    const { counters, planes, W, out } = this;
    const value = (counter: number, l: number): number => {
      let x = 0;
      for (let p = 0; p < planes; p++) x |= ((counters[(counter * planes + p) * W + (l >> 5)]! >>> (l & 31)) & 1) << p;
      return x;
    };
    for (let i = 0; i < size; i++) {
      const v = this.o.node[first + i]!;
      let down = 0, deg = 0, score = 0;
      for (let t = 0; t < 4; t++) {
        const dn = value(t, i);
        const dg = value(4 + t, i);
        down += dn;
        deg += dg;
        score += TIER_WEIGHT[t]! * (dn + dg / 2);
      }
      out.downCount[v] = down;
      out.degradedCount[v] = deg;
      out.score[v] = score;
      out.entrypointsHit[v] = value(8, i);
    }
  }

  result(): BlastCounts {
    return { ...this.out, spofCount: this.spof.count, spof: this.spof.lists(), toolRoots: this.toolRoots };
  }

  /** This thread's sums, to send to the thread that merges. */
  part(): TallyPart {
    return { ...this.out, spofCount: this.spof.count, heaps: this.spof.heaps, toolRoots: this.toolRoots };
  }

  /** Adds the other thread's sums (its lanes are disjoint from this thread's). */
  merge(p: TallyPart): void {
    const out = this.out;
    for (let v = 0; v < this.ix.n; v++) {
      out.downCount[v]! += p.downCount[v]!;
      out.degradedCount[v]! += p.degradedCount[v]!;
      out.entrypointsHit[v]! += p.entrypointsHit[v]!;
      out.score[v]! += p.score[v]!;
    }
    this.toolRoots.forEach((roots, t) => { const other = p.toolRoots[t]!; for (let v = 0; v < roots.length; v++) roots[v]! |= other[v]!; });
    this.spof.merge(p.spofCount, p.heaps);
  }
}

/**
 * SPOF lists per entrypoint. On a deep graph there are millions of (entrypoint, service) pairs;
 * only the count and the first few by id are ever printed, so with `keep` each entrypoint holds a
 * bounded max-heap of the `keep` lowest ranks: once full, most pairs cost one comparison.
 */
class SpofLists {
  readonly count: Int32Array;
  private readonly all = new Map<number, number[]>();
  /**
   * With `keep`: entrypoint e's heap is heaps[slot[e]·keep …], typed arrays so a pair costs no lookup.
   * It holds ranks, not services: a comparison reads no second array (services back in lists()).
   */
  private readonly slot: Int32Array;
  readonly heaps: Int32Array;
  private readonly keep: number;
  private readonly rank: Int32Array;
  /** Per batch (with `keep`): see batch(). */
  private sorted = new Int32Array(0);
  private prefix = new Int32Array(0);

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

  /**
   * Starts a batch (lane l is service node[first + l]): per word, its lanes' ranks ascending
   * (`sorted`) and `prefix[32w + i]`, the bits of the word's i+1 lowest-ranked lanes.
   */
  batch(node: Int32Array, first: number, size: number): void {
    if (this.keep === Infinity) return;
    if (this.sorted.length < size + 32) { this.sorted = new Int32Array(size + 32); this.prefix = new Int32Array(size + 32); }
    const { sorted, prefix, rank } = this;
    sorted.fill(0x7fffffff);
    for (let base = 0; base < size; base += 32) {
      const lanes = Array.from({ length: Math.min(32, size - base) }, (_, i) => i)
        .sort((a, b) => rank[node[first + base + a]!]! - rank[node[first + base + b]!]!);
      let mask = 0;
      lanes.forEach((i, k) => { mask |= 1 << i; sorted[base + k] = rank[node[first + base + i]!]!; prefix[base + k] = mask; });
    }
  }

  /**
   * The lanes set in `bits` of word w (services node[base + bit]) take entrypoint `entry` down.
   * Once its list is full, only lanes ranked before the list's last can enter: the others change
   * the count only — on a deep graph nearly all of the hundred million pairs.
   */
  addWord(entry: number, bits: number, node: Int32Array, base: number, w: number): void {
    const keep = this.keep;
    let b = bits;
    if (this.count[entry]! >= keep) {
      const top = this.heaps[this.slot[entry]! * keep]!;
      const sorted = this.sorted;
      // Most words of a late batch have no lane ranked before the list's last: one comparison.
      if (sorted[32 * w]! >= top) { this.count[entry]! += popcount(b); return; }
      // k = how many of the word's lanes rank before the list's last (binary search of 32).
      let lo = 32 * w;
      let hi = lo + 32;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid]! < top) lo = mid + 1; else hi = mid; }
      const k = lo - 32 * w;
      const may = k === 0 ? 0 : this.prefix[32 * w + k - 1]!;
      this.count[entry]! += popcount(b & ~may);
      b &= may;
    }
    for (; b !== 0; b &= b - 1) this.add(entry, node[base + 31 - Math.clz32(b & -b)]!);
  }

  add(entry: number, service: number): void {
    if (this.keep === Infinity) { this.count[entry]!++; this.all.get(entry)!.push(service); return; }
    this.addRank(entry, this.rank[service]!);
  }

  private addRank(entry: number, r: number): void {
    const c = this.count[entry]!++;
    const keep = this.keep;
    const base = this.slot[entry]! * keep;
    if (c < keep) siftUp(this.heaps, base, c, r);
    else if (r < this.heaps[base]!) siftDown(this.heaps, base, keep, r);
  }

  /** Adds another thread's counts and heaps (with `keep`): the union's `keep` lowest ranks. */
  merge(count: Int32Array, heaps: Int32Array): void {
    const keep = this.keep;
    for (let e = 0; e < this.slot.length; e++) {
      const k = this.slot[e]!;
      if (k < 0 || count[e] === 0) continue;
      const held = Math.min(keep, count[e]!);
      for (let j = 0; j < held; j++) this.addRank(e, heaps[k * keep + j]!);
      this.count[e]! += count[e]! - held;
    }
  }

  /** Ascending by rank. */
  lists(): Map<number, number[]> {
    const rank = this.rank;
    const out = new Map<number, number[]>();
    for (const [e, list] of this.all) out.set(e, list.sort((a, b) => rank[a]! - rank[b]!));
    if (this.keep === Infinity) return out;
    // Ranks sorted as numbers (no comparator), then back to services.
    const byRank = new Int32Array(rank.length);
    for (let v = 0; v < rank.length; v++) byRank[rank[v]!] = v;
    const ranks = new Int32Array(this.keep);
    for (let e = 0; e < this.slot.length; e++) {
      const k = this.slot[e]!;
      if (k < 0) continue;
      const size = Math.min(this.keep, this.count[e]!);
      ranks.set(this.heaps.subarray(k * this.keep, k * this.keep + size));
      const sorted = ranks.subarray(0, size).sort();
      const list = new Array<number>(size);
      for (let j = 0; j < size; j++) list[j] = byRank[sorted[j]!]!;
      out.set(e, list);
    }
    return out;
  }
}

/** Max-heap of ranks at heap[base …]: place `x` at free slot `k` and move it up. */
function siftUp(heap: Int32Array, base: number, k: number, x: number): void {
  let i = k;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heap[base + p]! >= x) break;
    heap[base + i] = heap[base + p]!;
    i = p;
  }
  heap[base + i] = x;
}

/** Max-heap of ranks at heap[base …] of `size`: replace the top with `x` and move it down. */
function siftDown(heap: Int32Array, base: number, size: number, x: number): void {
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && heap[base + c + 1]! > heap[base + c]!) c++;
    if (heap[base + c]! <= x) break;
    heap[base + i] = heap[base + c]!;
    i = c;
  }
  heap[base + i] = x;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}
