/**
 * Exact single-failure propagation with times: service `source` goes down for good at t = 0; every
 * other service gets the earliest time it is degraded-or-worse and the earliest time it is down,
 * by the edge rules of docs/semantics.md#audit. A Dijkstra-style sweep in time order (Knuth's generalisation to AND
 * nodes): an `anyOf` clause fires when its last alternative reaches the level, and because events
 * are handled in time order that moment is the maximum. Cycles need nothing special: the sweep is
 * the least fixpoint. Used for member lists and impact times; counts for every service come from
 * the bit-parallel pass in blast.ts, which must agree with this (tested).
 */
import { KIND, type Index } from './graph.js';

export interface Impact {
  /** Services hit (other than the source), ascending index. */
  readonly hit: readonly number[];
  /** Earliest minute each service is degraded-or-worse / down (Infinity = never). Indexed by service. */
  readonly tDegraded: Float64Array;
  readonly tDown: Float64Array;
}

/** Impact of one failure, sparse: hit[i] is hit at tDegraded[i] (degraded or worse) and tDown[i] (Infinity = never down). */
export interface SparseImpact {
  readonly hit: Int32Array;
  readonly tDegraded: Float64Array;
  readonly tDown: Float64Array;
}

export class Propagator {
  private readonly tDeg: Float64Array;
  private readonly tDown: Float64Array;
  /**
   * Per reverse entry r (a clause naming a service): the clause's owner, kind and buffer delay,
   * laid out along r so a sweep reads them in order instead of chasing the clause.
   */
  private readonly revOwner: Int32Array;
  private readonly revKind: Uint8Array;
  private readonly revDelay: Float64Array;
  /** Per reverse entry: its clause has several targets (an anyOf), so it fires on the last. */
  private readonly multi: Uint8Array;
  /** Per service: some of its reverse entries are multi (else its degraded-at-down event has nothing to do). */
  private readonly hasMulti: Uint8Array;
  /** Per clause: how many targets it has, and how many are not yet at degraded / down (anyOf only). */
  private readonly size: Int32Array;
  private readonly leftDeg: Int32Array;
  private readonly leftDown: Int32Array;
  private readonly heap = new EventHeap();
  /** Events at the current instant (node·2 + level): a plain stack, only later ones go to the heap. */
  private readonly now: Int32Array;
  private readonly touchedNodes: Int32Array;
  private readonly touchedClauses: Int32Array;
  /** Run state: stack top, touched counts, the current instant. */
  private top = 0;
  private nodes = 0;
  private clauses = 0;
  private clock = 0;

  constructor(private readonly ix: Index) {
    this.tDeg = new Float64Array(ix.n).fill(Infinity);
    this.tDown = new Float64Array(ix.n).fill(Infinity);
    const clauses = ix.clauseOwner.length;
    const counts = new Int32Array(clauses);
    for (let c = 0; c < clauses; c++) counts[c] = ix.targetStart[c + 1]! - ix.targetStart[c]!;
    this.size = counts;
    const r = ix.revClauses.length;
    this.revOwner = new Int32Array(r);
    this.revKind = new Uint8Array(r);
    this.revDelay = new Float64Array(r);
    this.multi = new Uint8Array(r);
    for (let k = 0; k < r; k++) {
      const c = ix.revClauses[k]!;
      this.revOwner[k] = ix.clauseOwner[c]!;
      this.revKind[k] = ix.clauseKind[c]!;
      this.revDelay[k] = ix.clauseDelay[c]!;
      this.multi[k] = counts[c]! > 1 ? 1 : 0;
    }
    this.hasMulti = new Uint8Array(ix.n);
    for (let v = 0; v < ix.n; v++) {
      for (let k = ix.revStart[v]!; k < ix.revStart[v + 1]! && !this.hasMulti[v]; k++) this.hasMulti[v] = this.multi[k]!;
    }
    this.leftDeg = counts.slice();
    this.leftDown = counts.slice();
    this.now = new Int32Array(2 * ix.n + 1);
    this.touchedNodes = new Int32Array(ix.n);
    this.touchedClauses = new Int32Array(clauses);
  }

  run(source: number): Impact {
    this.sweep(source);
    return this.collect(source);
  }

  /**
   * The same propagation, as the services hit (not the source, in no particular order) and their
   * two times side by side: no result arrays of every service (member lists of the top rows).
   */
  hits(source: number): SparseImpact {
    this.sweep(source);
    const { tDeg, tDown, touchedNodes } = this;
    const out: SparseImpact = { hit: new Int32Array(this.nodes - 1), tDegraded: new Float64Array(this.nodes - 1), tDown: new Float64Array(this.nodes - 1) };
    let h = 0;
    for (let i = 0; i < this.nodes; i++) {
      const v = touchedNodes[i]!;
      if (v === source) continue;
      out.hit[h] = v;
      out.tDegraded[h] = tDeg[v]!;
      out.tDown[h++] = tDown[v]!;
    }
    this.reset();
    return out;
  }

  private sweep(source: number): void {
    const { ix, tDeg, tDown, heap, now, revOwner, revKind, revDelay, multi, hasMulti } = this;
    this.nodes = 0;
    this.clauses = 0;
    this.top = 0;
    this.clock = 0;
    this.reach(source, 1, 0);
    while (this.top > 0 || heap.size > 0) {
      if (this.top === 0) this.clock = heap.topTime();
      const t = this.clock;
      const item = this.top > 0 ? now[--this.top]! : heap.pop();
      const v = item >> 1;
      const level = item & 1;
      if ((level === 0 ? tDeg[v] : tDown[v]) !== t) continue;
      const left = level === 0 ? this.leftDeg : this.leftDown;
      // Degraded at the instant it is down: its down event reaches every single-target dependent
      // at least as far, so only anyOf counters still need this arrival.
      const onlyMulti = level === 0 && tDown[v] === t;
      // Then a service with no anyOf dependent has nothing to do at this level: no scan of its
      // dependents (the top 20 rows' member lists at 100k: 0.41 → 0.37 s in process).
      if (onlyMulti && !hasMulti[v]) continue;
      for (let r = ix.revStart[v]!; r < ix.revStart[v + 1]!; r++) {
        if (multi[r]) { if (!this.arrived(ix.revClauses[r]!, left)) continue; }
        else if (onlyMulti) continue;
        const owner = revOwner[r]!;
        const kind = revKind[r]!;
        if (kind === KIND.hard) this.reach(owner, level, t);
        else if (kind === KIND.soft) { if (level === 1) this.reach(owner, 0, t); }
        // A buffer fills only while its dependency is down (it drains while the dependency serves).
        else if (level === 1) this.reach(owner, kind === KIND.bufferedDown ? 1 : 0, t + revDelay[r]!);
      }
    }
  }

  /** An anyOf clause's target arrived at a level: true when it was the last one not there yet. */
  private arrived(c: number, left: Int32Array): boolean {
    const { size, leftDeg, leftDown } = this;
    if (leftDeg[c] === size[c] && leftDown[c] === size[c]) this.touchedClauses[this.clauses++] = c;
    return --left[c]! === 0;
  }

  /** v reaches `level` (1 = down, which is also degraded) at time t, if that is earlier than before. */
  private reach(v: number, level: number, t: number): void {
    const { tDeg, tDown } = this;
    if (tDeg[v] === Infinity) this.touchedNodes[this.nodes++] = v;
    for (let l = level; l >= 0; l--) {
      const arr = l === 0 ? tDeg : tDown;
      if (t >= arr[v]!) continue;
      arr[v] = t;
      // Each node improves each level at most once per instant: the `now` stack (2n) cannot overflow.
      if (t === this.clock) this.now[this.top++] = v * 2 + l;
      else this.heap.push(t, v * 2 + l);
    }
  }

  /** The result, and the scratch arrays reset for the next run. */
  private collect(source: number): Impact {
    const { ix, tDeg, tDown, touchedNodes } = this;
    const outDeg = new Float64Array(ix.n).fill(Infinity);
    const outDown = new Float64Array(ix.n).fill(Infinity);
    const hit = new Int32Array(this.nodes - 1);
    let h = 0;
    for (let i = 0; i < this.nodes; i++) {
      const v = touchedNodes[i]!;
      outDeg[v] = tDeg[v]!;
      outDown[v] = tDown[v]!;
      if (v !== source) hit[h++] = v;
    }
    this.reset();
    return { hit: Array.from(hit.sort()), tDegraded: outDeg, tDown: outDown };
  }

  /** Only what this run touched goes back to its start state. */
  private reset(): void {
    const { tDeg, tDown, size, leftDeg, leftDown, touchedNodes, touchedClauses } = this;
    for (let i = 0; i < this.nodes; i++) { const v = touchedNodes[i]!; tDeg[v] = Infinity; tDown[v] = Infinity; }
    for (let i = 0; i < this.clauses; i++) { const c = touchedClauses[i]!; leftDeg[c] = leftDown[c] = size[c]!; }
  }
}

/** Binary min-heap of (time, payload). */
class EventHeap {
  private times = new Float64Array(64);
  private items = new Int32Array(64);
  size = 0;

  push(time: number, item: number): void {
    if (this.size === this.times.length) {
      const t = new Float64Array(this.size * 2); t.set(this.times); this.times = t;
      const i = new Int32Array(this.size * 2); i.set(this.items); this.items = i;
    }
    let k = this.size++;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (this.times[p]! <= time) break;
      this.times[k] = this.times[p]!;
      this.items[k] = this.items[p]!;
      k = p;
    }
    this.times[k] = time;
    this.items[k] = item;
  }

  topTime(): number {
    return this.times[0]!;
  }

  pop(): number {
    const top = this.items[0]!;
    const n = --this.size;
    const time = this.times[n]!;
    const item = this.items[n]!;
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= n) break;
      if (c + 1 < n && this.times[c + 1]! < this.times[c]!) c++;
      if (this.times[c]! >= time) break;
      this.times[k] = this.times[c]!;
      this.items[k] = this.items[c]!;
      k = c;
    }
    this.times[k] = time;
    this.items[k] = item;
    return top;
  }
}
