/**
 * Load: what each service is asked to serve at an instant. A service's offered load is its users'
 * demand (base + a piecewise-constant daily curve) plus, over every edge into it, the dependent's
 * offered load × the edge's `load` factor — × the edge's `retry.factor` while the dependency is not
 * ok and the callers do not back off. Loads are pure functions of the states and the clock, so they
 * change only at instants: the replay recomputes them after each settle and re-settles fleets whose
 * load changed (their served share moves; see fleet.ts) until nothing moves.
 *
 * Load does not travel round a dependency cycle: the order is a depth-first walk along `dependsOn`
 * from the services with a demand (in id order), then from every other service, and an edge that closes a cycle (it points back at a service still
 * being walked) carries none. The offered load of a dependent is sent on whether or not the dependent
 * itself serves it, so more capacity or less demand anywhere never adds load anywhere.
 */
import type { Demand, ScenarioStart } from '../model/types.js';
import type { Graph } from './compile.js';
import type { World } from './world.js';
import { EPS } from '../model/numbers.js';

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

/** Offered load of every slot into `w.load` (and the retries' share into `w.retryLoad`). */
export function computeLoads(w: World, plan: LoadPlan, t: number, start: ScenarioStart): void {
  const graph = w.graph;
  w.load.fill(0);
  w.retryLoad.fill(0);
  if (!plan.active) return;
  for (const s of graph.live) {
    const d = graph.services[s]!.demand;
    if (d) w.load[s] = demandAt(d, t, start);
  }
  for (const s of plan.order) {
    const mine = w.load[s]!;
    if (mine <= 0) continue;
    graph.groups[s]!.forEach((grp, g) => {
      // anyOf: the load goes to the best alternative now (the first listed among equals).
      let pick = -1;
      grp.targets.forEach((x, i) => {
        if (graph.services[x] !== undefined && plan.carries[s]![g]![i] && (pick < 0 || w.state[x]! < w.state[grp.targets[pick]!]!)) pick = i;
      });
      if (pick < 0) return;
      const x = grp.targets[pick]!;
      const sent = mine * (grp.dep.load ?? 1);
      const r = grp.dep.retry;
      const extra = r && !r.backoff && w.state[x]! > 0 ? sent * (r.factor - 1) : 0;
      w.load[x] = w.load[x]! + sent + extra;
      w.retryLoad[x] = w.retryLoad[x]! + extra;
    });
  }
}
