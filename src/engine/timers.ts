/**
 * What a state change sets running: the clock a `buffered` edge fills from (its dependency's
 * down-since time, with a `buffer` entry on the agenda for when it is full), and the
 * `recoversAfter` floors of a lagged service (with a `lag` entry for when each runs out). What
 * released a lagged service is kept until its floor runs out: that becomes the recovery's cause.
 */
import type { Causes, InstantFacts } from './causes.js';
import type { Graph } from './compile.js';
import type { Level } from './levels.js';
import type { Agenda } from './queue.js';
import type { Before } from './settle.js';
import type { Cause } from './types.js';
import type { World } from './world.js';

export class Timers {
  /** Per lagged service: what released it from each level (2, 1), kept until the lag runs out. */
  private readonly releases = new Map<number, Map<Level, Cause>>();

  constructor(
    private readonly w: World,
    private readonly ids: readonly string[],
    private readonly agenda: Agenda,
    private readonly causes: Causes,
  ) {}

  /** What released a lagged service from `level`, if a recoversAfter floor is (or was) running. */
  releasedFrom(s: number, level: Level): Cause | undefined {
    return this.w.lag[s]! > 0 ? this.releases.get(s)?.get(level) : undefined;
  }

  /** After a patch: buffers whose dependency is already down fill from the same moment as before. */
  rescheduleBuffers(graph: Graph, t: number): void {
    const w = this.w;
    for (const d of graph.live) {
      for (const g of graph.groups[d]!) {
        if (g.type !== 'buffered') continue;
        for (const x of g.targets) {
          const since = w.downSince[x]!;
          if (!Number.isNaN(since) && since + g.fillsAfterMin > t) this.agenda.push(since + g.fillsAfterMin, 'buffer', this.ids[d]!);
        }
      }
    }
  }

  /** Buffers start filling, recoversAfter floors start running, and what released each is kept. */
  afterInstant(t: number, changed: readonly number[], before: ReadonlyMap<number, Before>, facts: InstantFacts): void {
    const w = this.w;
    for (const x of changed) {
      const was = before.get(x)!.state;
      if (w.state[x] === 0) w.notOkSince[x] = NaN;
      else if (was === 0) w.notOkSince[x] = t;
      if (w.state[x]! < 2) {
        w.downSince[x] = NaN;
        w.downTr[x] = -1;
      } else if (was < 2) {
        w.downSince[x] = t;
        w.downTr[x] = w.lastTr[x]!;
        for (const d of w.graph.dependents[x]!) {
          for (const g of w.graph.groups[d]!) {
            if (g.type === 'buffered' && g.fillsAfterMin > 0 && g.targets.includes(x)) this.agenda.push(t + g.fillsAfterMin, 'buffer', this.ids[d]!);
          }
        }
      }
    }
    for (const [s, b] of before) {
      const lag = w.lag[s]!;
      if (lag <= 0) continue;
      for (const lv of [2, 1] as const) {
        const floorKey = lv === 2 ? 'floorDown' : 'floorDeg';
        if (w.raw[s]! >= lv) w[floorKey][s] = Infinity;
        else if (b.raw >= lv) {
          w[floorKey][s] = t + lag;
          let m = this.releases.get(s);
          if (!m) this.releases.set(s, (m = new Map()));
          m.set(lv, this.causes.timed(this.causes.release(s, b.rawWhy, facts)));
          this.agenda.push(t + lag, 'lag', this.ids[s]!);
        }
      }
    }
  }
}
