/**
 * Events that react to their service going down (`when: down`, optional `delay`; operators.ts):
 * armed at their event's time, each waits until its service is down and has been for `delay`,
 * then acts once — as if the event happened at that instant. So a cure follows the failure it cures: a what-if that prevents or
 * delays the failure prevents or delays the cure too. At its event's time it acts at once, in event
 * order, if the service is down already (for `delay`); else it is armed and checked after every
 * instant (the down-since time is known then), and queued as a `react` entry at the instant it is
 * due — which may be the instant the service went down (a second pass at that time).
 */
import type { Agenda } from './queue.js';
import type { World } from './world.js';

interface Armed {
  /** The scenario event (index) whose action waits. */
  readonly ref: number;
  readonly slot: number;
  readonly delayMin: number;
  /** When a `react` entry was last queued for it (NaN: none). */
  queuedFor: number;
}

/** Instants closer than this are the same instant. */
const SAME = 1e-7;

export class Reactions {
  private readonly armed: Armed[] = [];

  constructor(private readonly w: World, private readonly agenda: Agenda) {}

  arm(ref: number, slot: number, delayMin: number): void {
    if (slot < 0) return;
    this.armed.push({ ref, slot, delayMin, queuedFor: NaN });
  }

  /** After an instant has settled: queue a `react` entry for every armed action whose service is down. */
  check(t: number): void {
    for (const a of this.armed) {
      const since = this.w.downSince[a.slot]!;
      if (this.w.state[a.slot] !== 2 || Number.isNaN(since)) continue;
      const due = Math.max(t, since + a.delayMin);
      if (Math.abs(due - a.queuedFor) <= SAME) continue;
      a.queuedFor = due;
      this.agenda.push(due, 'react', '', a.ref);
    }
  }

  /** At its event's instant: the service is down already, and has been for `delayMin`. */
  dueNow(slot: number, delayMin: number, t: number): boolean {
    const since = this.w.downSince[slot]!;
    return this.w.state[slot] === 2 && !Number.isNaN(since) && t + SAME >= since + delayMin;
  }

  /** At a `react` entry: whether the action of event `ref` acts now (it is then disarmed). */
  fire(ref: number, t: number): boolean {
    const i = this.armed.findIndex((a) => a.ref === ref);
    if (i < 0) return false;
    const a = this.armed[i]!;
    const since = this.w.downSince[a.slot]!;
    if (this.w.state[a.slot] !== 2 || Number.isNaN(since) || t + SAME < since + a.delayMin) return false;
    this.armed.splice(i, 1);
    return true;
  }
}
