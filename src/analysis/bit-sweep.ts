/**
 * The bit-parallel kernel of the blast pass: the final states of a batch of up to 32·W failing
 * services at once, one lane per failing service in W 32-bit words per position. A position's
 * `down` (D) and `hit` = degraded-or-worse (G) words are the OR over its clauses of the AND over
 * the clause's targets (an `anyOf` fails only when every alternative does), mapped by the edge
 * kind (docs/semantics.md#audit): hard passes down/hit, soft turns down into hit, a buffered edge turns down into its
 * `whenFull` (final states: a buffer whose dependency is down fills in the end; one whose
 * dependency still serves never does).
 *
 * Positions are in dependency order (dependency-order.ts) and a batch is a run of consecutive
 * positions, so the sweep starts at the batch and visits, in ascending order, only positions a
 * failure of the batch reaches: a candidate bitmap gets a position's dependents once the position
 * is hit. Inside a cycle the component is swept to the least fixpoint. Per position, a mask of its
 * non-zero words (nzD/nzG, W ≤ 32) lets a clause touch only words where a failing source arrived.
 * Cost: O(reached clauses × non-zero words) per batch; memory O(n·W) words.
 */
import { KIND } from './graph.js';
import type { DependencyOrder } from './dependency-order.js';

/** Receives each hit position once its words are final, in the sweep, while they are in cache. */
export interface SweepSink {
  final(p: number): void;
}

export class BitSweep {
  /**
   * Down and hit words of position p, interleaved so one cache line serves both: word w is
   * DG[2(p·W+w)] (down) and DG[2(p·W+w)+1] (hit); zero outside `touched`.
   */
  readonly DG: Int32Array;
  readonly nzD: Int32Array;
  readonly nzG: Int32Array;
  /** Positions hit by the last batch (nzG ≠ 0): touched[0 … touchedCount−1]. */
  readonly touched: Int32Array;
  touchedCount = 0;
  private readonly nd: Int32Array;
  private readonly ng: Int32Array;
  private readonly cand: Int32Array;
  private readonly dirty: Uint8Array;
  private first = 0;
  private size = 0;

  constructor(private readonly o: DependencyOrder, readonly W: number) {
    if (W < 1 || W > 32) throw new RangeError('BitSweep: words must be 1…32');
    this.DG = new Int32Array(2 * o.n * W);
    this.nzD = new Int32Array(o.n);
    this.nzG = new Int32Array(o.n);
    this.touched = new Int32Array(o.n);
    this.nd = new Int32Array(W);
    this.ng = new Int32Array(W);
    this.cand = new Int32Array((o.n + 31) >>> 5);
    this.dirty = new Uint8Array(o.n);
  }

  /** Final states for the failures of positions first … first+size−1 (lane i = position first+i). */
  run(first: number, size: number, sink?: SweepSink): void {
    if (size > 32 * this.W) throw new RangeError('BitSweep: batch wider than 32·W lanes');
    this.clear();
    this.first = first;
    this.size = size;
    const cand = this.cand;
    for (let p = first; p < first + size; p++) cand[p >>> 5]! |= 1 << (p & 31);
    for (let wi = first >>> 5; wi < cand.length; wi++) {
      for (let m = cand[wi]!; m !== 0; m = cand[wi]!) {
        const low = m & -m;
        cand[wi] = m ^ low;
        const p = (wi << 5) + 31 - Math.clz32(low);
        if (this.o.loop[p]) { this.fixpoint(p, sink); continue; }
        this.evaluate(p);
        if (this.nzG[p] === 0) continue;
        this.mark(p, p + 1);
        sink?.final(p);
      }
    }
  }

  /** Zeroes what the last batch set: only the words in nzG (D ⊆ G, and a word outside it was never set non-zero). */
  private clear(): void {
    const { DG, W, touched, nzG } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      const p = touched[i]!;
      const base = 2 * p * W;
      for (let m = nzG[p]!; m !== 0; m &= m - 1) { const at = base + 2 * (31 - Math.clz32(m & -m)); DG[at] = 0; DG[at + 1] = 0; }
      this.nzD[p] = 0;
      nzG[p] = 0;
    }
    this.touchedCount = 0;
  }

  /** Puts p's dependents at or after position `from` on the candidate bitmap. */
  private mark(p: number, from: number): void {
    const { dependents, dependentStart } = this.o;
    for (let k = dependentStart[p]!; k < dependentStart[p + 1]!; k++) {
      const q = dependents[k]!;
      if (q >= from) this.cand[q >>> 5]! |= 1 << (q & 31);
    }
  }

  /**
   * The component holding p (p is its first candidate): members swept in order (dependencies
   * first, so a wave crosses the loop in one sweep), re-evaluating only those whose inputs
   * changed, until none did; then the dependents outside it become candidates.
   */
  private fixpoint(p: number, sink: SweepSink | undefined): void {
    const { compStart, compEnd, dependents, dependentStart } = this.o;
    const a = compStart[p]!;
    const b = compEnd[p]!;
    for (let q = p + 1; q < b; q++) this.cand[q >>> 5]! &= ~(1 << (q & 31));
    this.dirty.fill(1, a, b);
    let again = true;
    while (again) {
      again = false;
      for (let q = a; q < b; q++) {
        if (!this.dirty[q]) continue;
        this.dirty[q] = 0;
        if (!this.evaluate(q)) continue;
        for (let k = dependentStart[q]!; k < dependentStart[q + 1]!; k++) {
          const r = dependents[k]!;
          if (r < a || r >= b || this.dirty[r]) continue;
          this.dirty[r] = 1;
          if (r <= q) again = true;
        }
      }
    }
    for (let q = a; q < b; q++) if (this.nzG[q] !== 0) { this.mark(q, b); sink?.final(q); }
  }

  /** Re-computes p's words from its clauses; true when any word changed. */
  private evaluate(p: number): boolean {
    const o = this.o;
    let cand = 0;
    const l = p - this.first;
    if (l >= 0 && l < this.size) { this.nd[l >> 5] = 1 << (l & 31); this.ng[l >> 5] = 1 << (l & 31); cand = 1 << (l >> 5); }
    for (let c = o.clauseStart[p]!; c < o.clauseStart[p + 1]!; c++) {
      const a = o.targetStart[c]!;
      const b = o.targetStart[c + 1]!;
      cand |= b - a === 1 ? this.single(o.targets[a]!, o.clauseKind[c]!) : this.anyOf(o.clauseKind[c]!, a, b);
    }
    return this.store(p, cand);
  }

  /** One-target clause (nearly all of them): the kind picks which of the target's words pass. */
  private single(t: number, kind: number): number {
    const { DG, nd, ng, W } = this;
    const tb = 2 * t * W;
    if (kind === KIND.hard) {
      const mG = this.nzG[t]!;
      for (let m = mG; m !== 0; m &= m - 1) { const w = 31 - Math.clz32(m & -m); nd[w]! |= DG[tb + 2 * w]!; ng[w]! |= DG[tb + 2 * w + 1]!; }
      return mG;
    }
    // Soft and buffered edges react only to a dependency that is down (a buffer drains while it serves).
    const mD = this.nzD[t]!;
    if (kind === KIND.bufferedDown) {
      for (let m = mD; m !== 0; m &= m - 1) { const w = 31 - Math.clz32(m & -m); const d = DG[tb + 2 * w]!; nd[w]! |= d; ng[w]! |= d; }
    } else {
      for (let m = mD; m !== 0; m &= m - 1) { const w = 31 - Math.clz32(m & -m); ng[w]! |= DG[tb + 2 * w]!; }
    }
    return mD;
  }

  /** An anyOf clause over targets[a … b−1]: a word passes where every alternative has it. */
  private anyOf(kind: number, a: number, b: number): number {
    const { DG, nd, ng, W } = this;
    const targets = this.o.targets;
    let mG = -1;
    let mD = -1;
    for (let k = a; k < b && mG !== 0; k++) { const t = targets[k]!; mG &= this.nzG[t]!; mD &= this.nzD[t]!; }
    if (mG === 0) return 0;
    // Words this clause can set: every kind reads D (soft and buffered only react to down), hard also G.
    const useG = kind === KIND.hard ? mG : 0;
    for (let m = mD | useG; m !== 0; m &= m - 1) {
      const w = 31 - Math.clz32(m & -m);
      let xd = (mD >>> w) & 1 ? -1 : 0;
      let xg = (useG >>> w) & 1 ? -1 : 0;
      for (let k = a; k < b; k++) { const t = 2 * (targets[k]! * W + w); xd &= DG[t]!; xg &= DG[t + 1]!; }
      if (kind === KIND.hard) { nd[w]! |= xd; ng[w]! |= xg | xd; }
      else if (kind === KIND.bufferedDown) { nd[w]! |= xd; ng[w]! |= xd; }
      else ng[w]! |= xd;
    }
    return mD | useG;
  }

  /** Stores p's new words (G ⊇ D), resets the scratch words; true when any word changed. */
  private store(p: number, cand: number): boolean {
    const { DG, nd, ng, W } = this;
    const base = 2 * p * W;
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
      const at = base + 2 * w;
      if (DG[at] !== d || DG[at + 1] !== g) { changed = true; DG[at] = d; DG[at + 1] = g; }
    }
    if (outG !== 0 && this.nzG[p] === 0) this.touched[this.touchedCount++] = p;
    this.nzD[p] = outD;
    this.nzG[p] = outG;
    return changed;
  }
}
