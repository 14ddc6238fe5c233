/**
 * Damage that outlives the cause: a dependent whose edge has `latch` and whose dependency was not ok
 * for at least `latch.after` stays down after the dependency is ok again — its nodes need replacing,
 * a backlog must drain — for `latch.fixed` + `latch.lagPerMinute` × the outage's length. Decided at
 * the instant the dependency becomes ok, from how long it was not ok.
 */
import type { World } from './world.js';
import { EPS } from '../model/numbers.js';

/** Latches the dependents of `x`, which is ok again at `t`; returns the services newly latched. */
export function latchOn(w: World, x: number, t: number): number[] {
  const since = w.notOkSince[x]!;
  if (Number.isNaN(since)) return [];
  const outage = t - since;
  const out: number[] = [];
  for (const d of w.graph.dependents[x]!) {
    if (w.graph.services[d] === undefined) continue;
    for (const g of w.graph.groups[d]!) {
      const l = g.dep.latch;
      if (!l || !g.targets.includes(x) || outage < l.afterMin - EPS) continue;
      const until = t + l.fixedMin + l.lagPerMinute * outage;
      if (until > w.latchUntil[d]! + EPS && until > t + EPS) {
        w.latchUntil[d] = until;
        w.latchOn[d] = x;
        out.push(d);
      }
    }
  }
  return out;
}
