/**
 * Earliest-impact paths from a service down its dependency edges: Dijkstra over the buffer delay
 * of each step (`clauseDelay`: a buffered edge's `fillsAfter`, 0 for the rest), so a route that
 * takes the service down at once beats a shorter one that waits for a buffer to fill. Ties go to
 * fewer hops, then to the smaller id of the service reached, so the same graph always gives the
 * same path. It stops as soon as every wanted service is settled.
 */
import type { Index } from './graph.js';
import { MinHeap } from '../model/heap.js';
import { cmp } from '../model/order.js';

export interface Earliest {
  /** Minutes from a failure at the end of the path to the impact at the start (Infinity: unreached). */
  readonly delay: Float64Array;
  /** The next service towards the start on the earliest path (−1 at the start). */
  readonly parent: Int32Array;
}

/** Earliest paths from `from` to each of `wanted`, optionally only through `allowed` services. */
export function earliestPaths(ix: Index, from: number, wanted: readonly number[], allowed?: Uint8Array): Earliest {
  const delay = new Float64Array(ix.n).fill(Infinity);
  const hops = new Int32Array(ix.n);
  const parent = new Int32Array(ix.n).fill(-1);
  const done = new Uint8Array(ix.n);
  const before = (a: Entry, b: Entry) => a.delay !== b.delay ? a.delay < b.delay
    : a.hops !== b.hops ? a.hops < b.hops : cmp(ix.ids[a.v]!, ix.ids[b.v]!) < 0;
  const heap = new MinHeap<Entry>(before);
  const want = new Set(wanted);
  let left = want.size;
  delay[from] = 0;
  heap.push({ v: from, delay: 0, hops: 0 });
  while (heap.size > 0 && left > 0) {
    const { v } = heap.pop()!;
    if (done[v]) continue;
    done[v] = 1;
    if (want.has(v)) left--;
    for (let c = ix.clauseStart[v]!; c < ix.clauseStart[v + 1]!; c++) {
      const d = delay[v]! + ix.clauseDelay[c]!;
      for (let k = ix.targetStart[c]!; k < ix.targetStart[c + 1]!; k++) {
        const w = ix.targets[k]!;
        if (done[w] || (allowed && !allowed[w])) continue;
        if (d < delay[w]! || (d === delay[w]! && hops[v]! + 1 < hops[w]!)) {
          delay[w] = d; hops[w] = hops[v]! + 1; parent[w] = v;
          heap.push({ v: w, delay: d, hops: hops[w] });
        }
      }
    }
  }
  return { delay, parent };
}

/** A service with the delay and hops it was reached with (a later, better entry makes it stale). */
interface Entry { readonly v: number; readonly delay: number; readonly hops: number }
