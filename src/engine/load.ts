/**
 * Load: what each service is asked to serve at an instant. A service's offered load is its users'
 * demand (base + a piecewise-constant daily curve) plus, over every edge into it, the dependent's
 * offered load × the edge's `load` factor — plus, when the callers retry without backing off, that
 * × (`retry.factor` − 1) × the dependency's failing share (1 − its served share). An anyOf sends its
 * load to its first listed alternative. Loads are pure functions of the states, the shares and the
 * clock, so they change only at instants: the replay recomputes them after each settle and
 * re-settles fleets whose load changed (their served share moves; see fleet.ts) until nothing moves.
 *
 * Load does not travel round a dependency cycle: the order is a depth-first walk along `dependsOn`
 * from the services with a demand (in id order), then from every other service, and an edge that
 * closes a cycle (it points back at a service still being walked) carries none. The offered load of
 * a dependent is sent on whether or not the dependent itself serves it, so more capacity or less
 * demand anywhere never adds load anywhere (retries aside: they add load where calls fail).
 */
import type { Demand, ScenarioStart } from '../model/types.js';
import type { Graph } from './compile.js';
import type { World } from './world.js';
import { EPS } from '../model/numbers.js';
import { retryLoad } from '../model/retry-load.js';

const DAY = 1440;

export interface LoadPlan {
  /** Slots ordered so that every dependent comes before what it depends on (cycle edges cut). */
  readonly order: readonly number[];
  /** Per slot, per group, per target: the edge carries load (false for an edge closing a cycle). */
  readonly carries: readonly (readonly (readonly boolean[])[])[];
  /** Some service has a demand: without one every load is 0 and the pass is skipped. */
  readonly active: boolean;
}

export function loadPlan(graph: Graph): LoadPlan {
  const n = graph.services.length;
  const carries = graph.groups.map((gs) => gs.map((g) => g.targets.map(() => true)));
  const mark = new Uint8Array(n); // 0 unseen, 1 on the walk, 2 done
  const post: number[] = [];
  const walk = (root: number) => {
    const stack: { s: number; g: number; i: number }[] = [{ s: root, g: 0, i: 0 }];
    mark[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const groups = graph.groups[top.s]!;
      const grp = groups[top.g];
      if (!grp) { mark[top.s] = 2; post.push(top.s); stack.pop(); continue; }
      if (top.i >= grp.targets.length) { top.g++; top.i = 0; continue; }
      const x = grp.targets[top.i]!;
      const i = top.i++;
      if (graph.services[x] === undefined) continue;
      if (mark[x] === 1) carries[top.s]![top.g]![i] = false;
      else if (mark[x] === 0) { mark[x] = 1; stack.push({ s: x, g: 0, i: 0 }); }
    }
  };
  const sources = graph.live.filter((s) => graph.services[s]!.demand !== undefined);
  for (const s of [...sources, ...graph.live]) if (mark[s] === 0) walk(s);
  return { order: post.reverse(), carries, active: graph.live.some((s) => graph.services[s]!.demand !== undefined) };
}

/** Minute of the day (scenario offset) at `t` minutes after the start. */
function minuteOfDay(t: number, start: ScenarioStart): number {
  const startMin = start.epochMs / 60000 + start.offsetMin;
  return (((startMin + t) % DAY) + DAY) % DAY;
}

export function demandAt(d: Demand, t: number, start: ScenarioStart): number {
  if (d.daily.length === 0) return d.base;
  const m = minuteOfDay(t, start);
  let add = d.daily[d.daily.length - 1]!.add;
  for (const p of d.daily) if (p.minuteOfDay <= m + EPS) add = p.add;
  return Math.max(0, d.base + add);
}

/** The next instant after `t` at which some daily curve steps (Infinity: none). */
export function nextDemandStep(graph: Graph, t: number, start: ScenarioStart): number {
  const m = minuteOfDay(t, start);
  let next = Infinity;
  for (const s of graph.live) {
    for (const p of graph.services[s]!.demand?.daily ?? []) {
      const ahead = p.minuteOfDay > m + EPS ? p.minuteOfDay - m : p.minuteOfDay + DAY - m;
      next = Math.min(next, t + ahead);
    }
  }
  return next;
}

/**
 * Offered load of every slot into `w.load` (and the retries' share into `w.retryLoad`). Retries are
 * proportional to the failing share: an edge with `retry` (no `backoff`) adds sent × (factor − 1) ×
 * (1 − served share of its target). A capacity fleet's share depends on its own load, so there the
 * load solves L = L0 + R·(1 − min(1, K/L)) exactly (`retryLoad`, model/retry-load.ts); any other target's share
 * is the one settled at this instant (`shareOf`).
 */
export function computeLoads(w: World, plan: LoadPlan, t: number, start: ScenarioStart): void {
  const graph = w.graph;
  w.load.fill(0);
  w.retryLoad.fill(0);
  w.retryPotential.fill(0);
  if (!plan.active) return;
  const potential = w.retryPotential;
  for (const s of graph.live) {
    const d = graph.services[s]!.demand;
    if (d) w.load[s] = demandAt(d, t, start);
  }
  for (const s of plan.order) {
    if (potential[s]! > 0) {
      const f = w.fleets.get(s);
      const base = w.load[s]!;
      const total = f && f.spec.capacity !== undefined
        ? retryLoad(base, potential[s]!, f.healthy() * f.spec.capacity, f.capacity() < 1 - EPS)
        : base + potential[s]! * (1 - w.shareOf(s));
      w.retryLoad[s] = total - base;
      w.load[s] = total;
    }
    const mine = w.load[s]!;
    if (mine <= 0) continue;
    graph.groups[s]!.forEach((grp, g) => {
      // An anyOf sends its load to its first listed alternative (the primary), whatever the states:
      // routing by state has no fixed point when the load overloads every alternative, and is not
      // monotone (docs/semantics.md#load).
      const pick = grp.targets.findIndex((x, i) => graph.services[x] !== undefined && plan.carries[s]![g]![i]);
      if (pick < 0) return;
      const x = grp.targets[pick]!;
      const sent = mine * (grp.dep.load ?? 1);
      w.load[x] = w.load[x]! + sent;
      const r = grp.dep.retry;
      if (r && !r.backoff) potential[x] = potential[x]! + sent * (r.factor - 1);
    });
  }
}
