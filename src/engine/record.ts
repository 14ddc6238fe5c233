/**
 * Writing an instant's outcome onto the timeline: each state change in causal order with its
 * cause, then the markers that change no state (a `stop`/`corrupt` on a service already not ok,
 * a restart whose nodes fail again, a recovery deadlock beginning).
 */
import type { Causes, InstantFacts } from './causes.js';
import { cmp } from '../model/order.js';
import type { Slots } from './compile.js';
import { waits } from './deadlocks.js';
import { STATE_OF, type Level } from './levels.js';
import type { Before } from './settle.js';
import type { Timers } from './timers.js';
import type { Cause, Deadlock, Transition } from './types.js';
import { F, type World } from './world.js';
import { pushAll } from '../model/arrays.js';

export class Recorder {
  readonly timeline: Transition[] = [];
  readonly deadlocks: Deadlock[] = [];
  /** Services currently held by a recovery deadlock. */
  private readonly deadlocked = new Set<number>();

  private readonly ids: readonly string[];

  constructor(
    private readonly w: World,
    private readonly slots: Slots,
    private readonly causes: Causes,
    private readonly timers: Timers,
  ) {
    this.ids = slots.ids;
  }

  /** The instant's state changes (`changed` is reordered causally), each with its cause. */
  changes(t: number, changed: number[], before: ReadonlyMap<number, Before>, facts: InstantFacts): void {
    const w = this.w;
    this.causalOrder(changed, before);
    for (const s of changed) {
      const b = before.get(s)!;
      const cause = w.state[s]! > b.state
        ? this.causes.worse(s, facts)
        : this.causes.improved(s, b, this.timers.releasedFrom(s, b.state), this.timers.releasedFrom(s, w.state[s]!), facts);
      this.push(t, s, b.state, cause);
    }
  }

  /** Operator actions and failed restarts on services whose state they did not change. */
  markers(t: number, before: ReadonlyMap<number, Before>, facts: InstantFacts): void {
    const w = this.w;
    const ids = this.ids;
    // A stop (or corrupt) on a service already not ok changes no state, but the operator action and
    // the capacity it leaves (0 after a stop) belong on the timeline: a marker, like ⟳ deadlocks.
    for (const [s, act] of [...facts.acted].sort((a, b) => cmp(ids[a[0]]!, ids[b[0]]!))) {
      const b = before.get(s);
      if (w.state[s] !== 0 && (b === undefined || b.state === w.state[s])) {
        this.push(t, s, w.state[s]!, { kind: 'event', text: this.causes.actedText(s, act) });
      }
    }
    for (const s of facts.failedAgain) {
      const b = before.get(s);
      if (w.state[s] === 2 && (b === undefined || b.state === 2)) {
        this.push(t, s, 2, { kind: 'restart', text: `rolling restart started, but restarted nodes fail again: ${this.causes.overText(s)}`, ...this.parent(s) });
      }
    }
  }

  /** A service at the same level, now held by something else: a marker naming what holds it now. */
  reblamed(t: number, services: readonly number[], facts: InstantFacts): void {
    const w = this.w;
    for (const s of [...services].sort((a, b) => cmp(this.ids[a]!, this.ids[b]!))) {
      const state = STATE_OF[w.state[s]!]!;
      const now: Cause = w.why[s]!.kind === F.Forced ? { kind: 'event', text: 'a fail event' } : this.causes.holding(s, facts);
      this.push(t, s, w.state[s]!, { ...now, text: `still ${state}: ${now.text}` });
    }
  }

  /**
   * Services a patch removed while not ok: a removed service fails nobody (no edge may name it), so
   * it leaves the replay as ok — one statement for `--at`, lost minutes, `final` and all-ok.
   */
  removed(t: number, services: readonly number[]): void {
    const w = this.w;
    for (const s of services) {
      const from = w.state[s]!;
      w.state[s] = 0; w.raw[s] = 0; w.forced[s] = 0; w.held[s] = 0; w.fleetLevel[s] = 0; w.cap[s] = NaN;
      w.floorDown[s] = -Infinity; w.floorDeg[s] = -Infinity; w.downSince[s] = NaN; w.notOkSince[s] = NaN; w.downTr[s] = -1;
      w.heldSet.delete(s); w.deadlocked[s] = false; this.deadlocked.delete(s);
      this.push(t, s, from, { kind: 'event', text: `patch at ${this.causes.clock(t)} removed it` });
    }
  }

  /** Records newly held services: one Deadlock per new cycle, a `deadlock` marker per service. */
  deadlocksBegin(t: number, held: readonly number[]): void {
    const w = this.w;
    const ids = this.ids;
    const heldSet = new Set(held);
    for (const s of this.deadlocked) {
      if (!heldSet.has(s)) { w.deadlocked[s] = false; this.deadlocked.delete(s); }
    }
    const fresh = held.filter((s) => !w.deadlocked[s]).sort((a, b) => cmp(ids[a]!, ids[b]!));
    for (const s of fresh) this.deadlocked.add(s);
    if (fresh.length === 0) return;
    const { next, onCycle, cycles } = waits(w.graph, w.state, heldSet, fresh, ids);
    // Each cycle is stored once; its members' causes refer to the record by index.
    const recordOf = new Map<readonly number[], number>();
    for (const c of cycles) {
      recordOf.set(c.cycle, this.deadlocks.length);
      this.deadlocks.push({ atMin: t, cycle: c.cycle.map((x) => ids[x]!), members: c.members.map((x) => ids[x]!) });
    }
    for (const s of fresh.filter((x) => onCycle.has(x))) {
      const cycle = onCycle.get(s)!;
      const record = recordOf.get(cycle)!;
      this.push(t, s, 2, { kind: 'deadlock', text: this.causes.deadlockText(cycle, record), ...this.parent(s), deadlock: record });
      w.deadlocked[s] = true;
    }
    for (const s of fresh.filter((x) => !onCycle.has(x))) {
      const x = next(s);
      const via = x === undefined ? {} : { via: ids[x]!, ...this.parent(x) };
      this.push(t, s, 2, { kind: 'deadlock', text: `cannot start: waits for ${x === undefined ? 'a dependency' : ids[x]} (recovery deadlock)`, ...via });
      w.deadlocked[s] = true;
    }
  }

  /**
   * Reorders same-instant changes so that a dependency's transition comes before the transitions
   * that rest on it (their `parent` must point at it, not at its previous state).
   */
  private causalOrder(changed: number[], before: ReadonlyMap<number, Before>): void {
    const w = this.w;
    const inSet = new Set(changed);
    const via = (s: number): readonly number[] => {
      const b = before.get(s)!;
      if (w.state[s]! > b.state) return w.why[s]!.kind === F.Edge ? [w.why[s]!.target] : [];
      const lagged = this.timers.releasedFrom(s, b.state)?.via;
      if (lagged !== undefined) return [this.slots.find(lagged) ?? -1];
      // An improvement through an anyOf may be credited to any alternative that came back.
      return b.why.kind === F.Edge ? w.graph.groups[s]?.[b.why.group]?.targets ?? [b.why.target] : [];
    };
    // Depth-first post-order, iterative: a same-instant chain can be 100,000 services deep.
    const seen = new Set<number>();
    const out: number[] = [];
    for (const root of changed) {
      if (seen.has(root)) continue;
      seen.add(root);
      const stack: { s: number; next: readonly number[]; i: number }[] = [{ s: root, next: via(root), i: 0 }];
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const x = top.next[top.i++];
        if (x === undefined) { stack.pop(); out.push(top.s); continue; }
        if (x < 0 || !inSet.has(x) || seen.has(x)) continue;
        seen.add(x);
        stack.push({ s: x, next: via(x), i: 0 });
      }
    }
    changed.length = 0;
    pushAll(changed, out);
  }

  private push(t: number, s: number, from: Level, cause: Cause): void {
    const w = this.w;
    const capacity = w.cap[s]!;
    this.timeline.push({
      atMin: t, service: this.ids[s]!, from: STATE_OF[from]!, state: STATE_OF[w.state[s]!]!, cause,
      ...(Number.isNaN(capacity) ? {} : { capacity: Math.round(capacity * 10000) / 10000 }),
    });
    w.lastTr[s] = this.timeline.length - 1;
  }

  private parent(s: number): { parent?: number } {
    const p = this.w.lastTr[s]!;
    return p >= 0 ? { parent: p } : {};
  }
}
