/**
 * The replay's agenda: a binary min-heap of timed entries ordered by (time, kind, service id,
 * insertion), so entries at the same instant are always handled in the same order.
 */
import { MinHeap } from '../model/heap.js';

/** Kinds in the order they are handled within one instant. */
export const KIND_ORDER = { detect: 0, scenario: 1, fleet: 2, buffer: 3, lag: 4, react: 5, load: 6 } as const;
export type EntryKind = keyof typeof KIND_ORDER;

export interface Entry {
  readonly at: number;
  readonly kind: EntryKind;
  /** Service id the entry concerns ('' for scenario events). */
  readonly service: string;
  /** Scenario and react: event index. Fleet: the fleet's plan version (stale plans are skipped). */
  readonly ref: number;
  readonly seq: number;
}

function before(a: Entry, b: Entry): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] < KIND_ORDER[b.kind];
  if (a.service !== b.service) return a.service < b.service;
  return a.seq < b.seq;
}

export class Agenda {
  private readonly heap = new MinHeap<Entry>(before);
  private seq = 0;

  get size(): number {
    return this.heap.size;
  }

  push(at: number, kind: EntryKind, service: string, ref = 0): void {
    this.heap.push({ at, kind, service, ref, seq: this.seq++ });
  }

  peek(): Entry | undefined {
    return this.heap.peek();
  }

  pop(): Entry | undefined {
    return this.heap.pop();
  }
}
