/**
 * Data lost over `async` edges: for each async edge, the minutes its dependency was not ok while
 * the edge existed (a `patch` may add or remove async edges mid-replay, hence the epochs).
 */
import type { Graph } from './compile.js';
import type { AsyncLoss, Transition } from './types.js';

export function asyncLoss(
  epochs: readonly { readonly from: number; readonly graph: Graph }[],
  timeline: readonly Transition[],
  endMin: number,
  ids: readonly string[],
): AsyncLoss[] {
  const changes = new Map<string, Transition[]>();
  for (const t of timeline) {
    if (t.from === t.state) continue;
    let list = changes.get(t.service);
    if (!list) changes.set(t.service, (list = []));
    list.push(t);
  }
  /** Minutes `service` was not ok within [a, b). */
  const notOk = (service: string, a: number, b: number): number => {
    let total = 0;
    let since = NaN;
    for (const t of changes.get(service) ?? []) {
      if (t.state !== 'ok' && Number.isNaN(since)) since = t.atMin;
      else if (t.state === 'ok' && !Number.isNaN(since)) {
        total += overlap(since, t.atMin, a, b);
        since = NaN;
      }
    }
    if (!Number.isNaN(since)) total += overlap(since, Math.max(endMin, since), a, b);
    return total;
  };
  const sums = new Map<string, AsyncLoss>();
  epochs.forEach((epoch, i) => {
    const to = epochs[i + 1]?.from ?? endMin;
    for (const d of epoch.graph.live) {
      for (const g of epoch.graph.groups[d]!) {
        if (g.type !== 'async') continue;
        for (const x of g.targets) {
          const key = `${ids[d]}\u0000${ids[x]}`;
          const prev = sums.get(key)?.minutes ?? 0;
          sums.set(key, { service: ids[d]!, on: ids[x]!, minutes: prev + notOk(ids[x]!, epoch.from, to) });
        }
      }
    }
  });
  return [...sums.values()]
    .filter((l) => l.minutes > 0)
    .map((l) => ({ ...l, minutes: Math.round(l.minutes * 10) / 10 }))
    .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}
