/**
 * The people in the loop. Detection: the incident is detected when the first failure is seen —
 * `detection.seen` after a service stops being ok while a monitoring service that supports it (role
 * `monitoring`, not the service itself) is ok at the end of that instant, else `detection.blind`
 * after it (customer reports, reading logs). Reactions, one form on any event: `when` names what
 * it waits for from its `at` on — `detected` (the incident is detected; `delay` counts from
 * detection) or `down` (its service is down; `delay` counts from when it went down, and it must
 * still be down then: reactions.ts) — without `when`, `delay` counts from `at`; then it waits until
 * every service of `waitsFor` is ok. It happens at the first instant all of that holds.
 */
import { DEFAULT_DETECTION, type Scenario, type ScenarioEvent } from '../model/types.js';
import type { Slots } from './compile.js';
import type { Agenda } from './queue.js';
import { Reactions } from './reactions.js';
import type { World } from './world.js';

/** Where a reacting event is: at its time, waiting for its service to go down, its delay passed (waits for tools), or done. */
const enum Stage { At, Armed, Delayed, Done }

export class Operators {
  detectedAt: number | undefined;
  /** When each scenario event happened (undefined: not yet / never). */
  readonly eventTimes: (number | undefined)[];
  private readonly stage = new Map<number, Stage>();
  private readonly awaitingDetection: number[] = [];
  private readonly awaitingTools = new Set<number>();
  private nextDetect = Infinity;
  private monitorsOf: { graph: World['graph']; list: readonly number[] } | undefined;
  /** Events with `when: down`, armed until their service has been down for their delay. */
  readonly reactions: Reactions;

  constructor(
    private readonly w: World,
    private readonly slots: Slots,
    private readonly scenario: Scenario,
    private readonly agenda: Agenda,
  ) {
    this.eventTimes = scenario.events.map(() => undefined);
    this.reactions = new Reactions(w, agenda);
  }

  /** A reaction: its time is not the script's but comes from detection, a delay or tools. */
  static reacts(ev: ScenarioEvent): boolean {
    return ev.when !== undefined || (ev.delayMin ?? 0) > 0 || ev.waitsFor !== undefined;
  }

  /** Whether scenario event `i`, due at `t`, happens now (else it is rescheduled or parked). */
  gate(i: number, t: number): boolean {
    const ev = this.scenario.events[i]!;
    let st = this.stage.get(i) ?? Stage.At;
    if (st === Stage.Done) return false;
    if (st === Stage.Armed) return false;
    if (st === Stage.At) {
      if (ev.when === 'detected' && this.detectedAt === undefined) {
        if (!this.awaitingDetection.includes(i)) this.awaitingDetection.push(i);
        return false;
      }
      if (ev.when === 'down') {
        // Its delay counts from when the service went down: due now, or armed until it is.
        const s = this.slots.find((ev.action as { service: string }).service) ?? -1;
        if (s < 0 || !this.reactions.dueNow(s, ev.delayMin ?? 0, t)) {
          this.reactions.arm(i, s, ev.delayMin ?? 0);
          this.stage.set(i, Stage.Armed);
          return false;
        }
        this.stage.set(i, (st = Stage.Delayed));
      } else {
        this.stage.set(i, (st = Stage.Delayed));
        if ((ev.delayMin ?? 0) > 0) {
          this.agenda.push(t + ev.delayMin!, 'scenario', '', i);
          return false;
        }
      }
    }
    return this.withTools(i, ev, t);
  }

  /** A `react` entry came due: whether the armed event `i` happens now (its tools permitting). */
  fired(i: number, t: number): boolean {
    if (this.stage.get(i) !== Stage.Armed || !this.reactions.fire(i, t)) return false;
    this.stage.set(i, Stage.Delayed);
    return this.withTools(i, this.scenario.events[i]!, t);
  }

  /** The last wait: every service of `waitsFor` ok; then the event is done. */
  private withTools(i: number, ev: ScenarioEvent, t: number): boolean {
    if (!this.toolsOk(ev)) {
      this.awaitingTools.add(i);
      return false;
    }
    this.awaitingTools.delete(i);
    this.stage.set(i, Stage.Done);
    this.eventTimes[i] = t;
    return true;
  }

  /** After an instant settled: new failures start the detection clock; tools that are back release waiting events. */
  afterInstant(t: number, becameNotOk: readonly number[]): void {
    this.reactions.check(t);
    const { seenMin, blindMin } = this.scenario.detection ?? DEFAULT_DETECTION;
    if (this.detectedAt === undefined) {
      for (const s of becameNotOk) {
        const at = t + (this.watched(s) ? seenMin : blindMin);
        if (at < this.nextDetect) {
          this.nextDetect = at;
          this.agenda.push(at, 'detect', '');
        }
      }
    }
    for (const i of [...this.awaitingTools].sort((a, b) => a - b)) {
      if (this.toolsOk(this.scenario.events[i]!)) {
        this.awaitingTools.delete(i);
        this.agenda.push(t, 'scenario', '', i);
      }
    }
  }

  /** A `detect` entry came due: the first one is the detection. */
  detect(t: number): void {
    if (this.detectedAt !== undefined) return;
    this.detectedAt = t;
    for (const i of this.awaitingDetection) this.agenda.push(t, 'scenario', '', i);
    this.awaitingDetection.length = 0;
  }

  private toolsOk(ev: ScenarioEvent): boolean {
    return (ev.waitsFor ?? []).every((id) => {
      const s = this.slots.find(id);
      return s !== undefined && this.w.state[s] === 0;
    });
  }

  /** Some ok monitoring service (other than `s`) supports `s`. */
  private watched(s: number): boolean {
    const id = this.slots.ids[s]!;
    return this.monitors().some((m) => {
      const svc = this.w.graph.services[m]!;
      if (m === s || this.w.state[m] !== 0) return false;
      return svc.supports === '*' || (svc.supports ?? []).includes(id);
    });
  }

  /**
   * The graph's monitoring services, found once per graph (a patch compiles a new one): 100,000
   * services failing at one instant must not each scan every service.
   */
  private monitors(): readonly number[] {
    const g = this.w.graph;
    if (this.monitorsOf?.graph !== g) this.monitorsOf = { graph: g, list: g.live.filter((m) => g.services[m]!.role === 'monitoring') };
    return this.monitorsOf.list;
  }
}
