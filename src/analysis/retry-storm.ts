/**
 * Retry storms: a capacity fleet whose callers retry without backing off can stay overloaded after
 * whatever overloaded it is gone — a metastable failure (docs/semantics.md#load). With every service
 * ok and every demand at its daily peak, L0 is the fleet's offered load without retries and R what
 * its retrying edges (no `backoff`) would add were nothing served; K = nodes × capacity. Once
 * overloaded, the fleet stays on an overloaded equilibrium at full capacity when L0 > K, or when
 * (L0 + R)/2 > K and (L0 + R)² ≥ 4·R·K: the replay keeps it there until load is shed (the same
 * `retryLoad` the replay solves, model/retry-load.ts). Loads follow
 * the engine's walk: an anyOf sends its load to its first alternative, an edge closing a cycle none.
 */
import { maxOf } from '../model/arrays.js';
import { EPS } from '../model/numbers.js';
import { retryLoad } from '../model/retry-load.js';
import type { Dependency, Location, Model, Service } from '../model/types.js';

export interface RetryStorm {
  readonly service: string;
  /** The callers whose retrying edges feed it, in id order. */
  readonly callers: readonly string[];
  readonly baseLoad: number;
  readonly retryLoad: number;
  readonly capacity: number;
  /** Load and served share on the overloaded equilibrium at full capacity. */
  readonly stuckLoad: number;
  readonly stuckShare: number;
  /** The first retrying edge (where the finding points). */
  readonly loc: Location;
}

/** Peak demand over the day: base plus the largest daily add (never below 0). */
function peakDemand(s: Service): number {
  const d = s.demand;
  if (!d) return 0;
  return Math.max(0, d.base + (d.daily.length === 0 ? 0 : maxOf(d.daily.map((p) => p.add))));
}

/** Dependents before their dependencies (a depth-first post-order, reversed), cycle edges cut. */
function walkOrder(model: Model): { order: Service[]; cut: Set<Dependency> } {
  const mark = new Map<string, 1 | 2>();
  const post: Service[] = [];
  const cut = new Set<Dependency>();
  const roots = [...model.services.filter((s) => s.demand), ...model.services];
  for (const root of roots) {
    if (mark.has(root.id)) continue;
    const stack: { s: Service; i: number }[] = [{ s: root, i: 0 }];
    mark.set(root.id, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const dep = top.s.dependsOn[top.i++];
      if (!dep) { mark.set(top.s.id, 2); post.push(top.s); stack.pop(); continue; }
      const x = model.byId.get(dep.targets[0]!);
      if (!x) continue;
      if (mark.get(x.id) === 1) cut.add(dep);
      else if (!mark.has(x.id)) { mark.set(x.id, 1); stack.push({ s: x, i: 0 }); }
    }
  }
  return { order: post.reverse(), cut };
}

export function retryStorms(model: Model): RetryStorm[] {
  if (!model.services.some((s) => s.demand) || !model.services.some((s) => s.fleet?.capacity !== undefined)) return [];
  const load = new Map<string, number>(model.services.map((s) => [s.id, peakDemand(s)]));
  const potential = new Map<string, number>();
  const feeds = new Map<string, { callers: Set<string>; loc?: Location }>();
  const { order, cut } = walkOrder(model);
  for (const s of order) {
    const mine = load.get(s.id)!;
    if (mine <= 0) continue;
    for (const dep of s.dependsOn) {
      const x = dep.targets[0]!;
      if (cut.has(dep) || !model.byId.has(x)) continue;
      const sent = mine * (dep.load ?? 1);
      load.set(x, load.get(x)! + sent);
      if (!dep.retry || dep.retry.backoff || dep.retry.factor <= 1) continue;
      potential.set(x, (potential.get(x) ?? 0) + sent * (dep.retry.factor - 1));
      let f = feeds.get(x);
      if (!f) feeds.set(x, (f = { callers: new Set(), loc: dep.loc }));
      f.callers.add(s.id);
    }
  }
  const out: RetryStorm[] = [];
  for (const s of model.services) {
    const c = s.fleet?.capacity;
    const r = potential.get(s.id) ?? 0;
    if (c === undefined || r <= 0) continue;
    const k = s.fleet!.nodes * c;
    const l0 = load.get(s.id)!;
    // The replay's own equilibrium for a fleet that is already overloaded: above capacity, it stays.
    const stuck = retryLoad(l0, r, k, true);
    if (stuck <= k + EPS) continue;
    const f = feeds.get(s.id)!;
    out.push({
      service: s.id, callers: [...f.callers].sort(), baseLoad: l0, retryLoad: r, capacity: k,
      stuckLoad: stuck, stuckShare: Math.min(1, k / stuck), loc: f.loc!,
    });
  }
  return out;
}
