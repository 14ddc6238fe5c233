/**
 * The replay's agenda: a binary min-heap of timed entries ordered by (time, kind, service id,
 * insertion), so entries at the same instant are always handled in the same order.
 */

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
  private readonly heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, kind: EntryKind, service: string, ref = 0): void {
    const h = this.heap;
    h.push({ at, kind, service, ref, seq: this.seq++ });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  peek(): Entry | undefined {
    return this.heap[0];
  }

  pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
