/**
 * The first half of an instant: apply its agenda entries — scenario events (fail, recover,
 * corrupt, stop, scale, restart, patch) and timers (fleet plans, buffer fills, lags) — then bring
 * every fleet they concern forward to the instant. What results is the input of `settle` (which
 * services to re-evaluate) and the facts the causes are worded from.
 */
import { InputError } from '../model/diagnostic.js';
import { formatClock } from '../model/time.js';
import type { JsonValue, Location, Scenario, ScenarioEvent } from '../model/types.js';
import { cmp } from '../model/order.js';
import type { Graph, Slots } from './compile.js';
import type { FleetSim, LimitBreach } from './fleet.js';
import { EPS, num } from '../model/numbers.js';
import { level, type Level } from './levels.js';
import type { Agenda, Entry } from './queue.js';
import type { World } from './world.js';

/** Entries closer than this belong to one instant; fleet plans are pushed at least twice as far. */
export const SAME_INSTANT = 1e-7;

/** A fleet whose `restart` waits for other services to be ok (`restart.after`). */
export interface Waiting { readonly perHour: number; readonly after: readonly number[] }

/** What `applyEntries` needs of the simulation. */
export interface Host {
  readonly w: World;
  readonly slots: Slots;
  readonly scenario: Scenario;
  readonly agenda: Agenda;
  readonly graph: Graph;
  /** Fleets waiting for others before their restart begins, by slot. */
  readonly waiting: Map<number, Waiting>;
  /** Applies a `patch` event: the model changes and the recompiled graph is adopted. */
  applyPatch(patch: JsonValue, loc: Location, t: number): void;
  /** Keeps a fleet's size and mesh at `t`, for `fleetAt`. */
  sampleFleet(s: number, f: FleetSim, t: number): void;
}

/** What the instant's entries did, besides the states: what the causes are worded from. */
export interface EventFacts {
  readonly limits: ReadonlyMap<number, LimitBreach>;
  /** Fleets whose rolling restart brought nodes back at this instant. */
  readonly restarted: ReadonlySet<number>;
  /** Fleets whose restarted nodes fail again at once (usage still over the limit). */
  readonly failedAgain: ReadonlySet<number>;
  /** Services a scenario event acted on at this instant. */
  readonly touched: ReadonlySet<number>;
  /** Services a `recover` event cleared. */
  readonly recovered: ReadonlySet<number>;
  readonly patched: boolean;
  /** Fleets a `corrupt` or `stop` event acted on at this instant, with what it did. */
  readonly acted: ReadonlyMap<number, string>;
  /** Capacity fleets whose offered load rose, or fell, at this instant. */
  readonly loadRose: ReadonlySet<number>;
  readonly loadFell: ReadonlySet<number>;
}

export interface Applied extends EventFacts {
  /** Services whose inputs changed: settle re-evaluates them. */
  readonly dirty: ReadonlySet<number>;
  /** Every service must be re-evaluated (the start, or a patch). */
  readonly full: boolean;
  /** Fleets whose healthy share changed. */
  readonly capChanged: ReadonlySet<number>;
}

/** `Applied` while it is being built: its flags, sets and maps writable. */
export type Building = {
  -readonly [K in keyof Applied]: Applied[K] extends ReadonlyMap<infer X, infer V> ? Map<X, V> : Applied[K] extends ReadonlySet<infer V> ? Set<V> : Applied[K];
};

export function applyEntries(host: Host, t: number, batch: readonly Entry[]): Applied {
  const out: Building = {
    dirty: new Set(), full: false, patched: false, touched: new Set(), recovered: new Set(), failedAgain: new Set(),
    restarted: new Set(), acted: new Map(), limits: new Map(), capChanged: new Set(), loadRose: new Set(), loadFell: new Set(),
  };
  const fleetsDue = new Set<number>();
  for (const e of batch) {
    if (e.kind !== 'scenario') {
      const s = host.slots.find(e.service);
      if (s === undefined) continue;
      if (e.kind === 'fleet') {
        if (host.w.fleets.get(s)?.version === e.ref) fleetsDue.add(s);
      } else out.dirty.add(s);
    } else if (e.ref < 0 || host.scenario.events[e.ref]!.action.kind === 'patch') {
      if (e.ref >= 0) {
        const ev = host.scenario.events[e.ref]!;
        const a = ev.action;
        if (a.kind === 'patch') patchFleets(host, t, () => host.applyPatch(a.patch, ev.loc, t), out);
        out.patched = true;
      }
      out.full = true;
      for (const s of host.w.fleets.keys()) fleetsDue.add(s);
    } else {
      applyEvent(host, t, host.scenario.events[e.ref]!, out, fleetsDue);
    }
  }
  advanceFleets(host, t, fleetsDue, out);
  return out;
}

/** Applies a scenario event at the instant it happens (a reaction's instant is decided in operators.ts). */
function applyEvent(host: Host, t: number, ev: ScenarioEvent, out: Building, fleetsDue: Set<number>): void {
  const { w, slots } = host;
  const a = ev.action;
  if (a.kind === 'milestone' || a.kind === 'patch') return;
  const s = slotOf(host, ev, a.service);
  const fleet = (): FleetSim => {
    const f = w.fleets.get(s);
    if (!f) throw new InputError([{ ...ev.loc, severity: 'error', message: `"${slots.ids[s]}" has no fleet at this point of the replay` }]);
    if (f.advance(t) > 0) out.restarted.add(s);
    return f;
  };
  out.touched.add(s);
  switch (a.kind) {
    case 'fail':
      // Failures only add up (monotone): to go from down to degraded, recover then fail degraded.
      w.forced[s] = Math.max(w.forced[s]!, level(a.state)) as Level;
      out.dirty.add(s);
      return;
    case 'recover':
      w.forced[s] = 0;
      out.recovered.add(s);
      out.dirty.add(s);
      return;
    case 'corrupt':
      if (fleet().corrupt(a.nodes)) {
        out.acted.set(s, `corrupt at ${formatClock(t, host.scenario.start)}: a bad state reached ${num(a.nodes)} node${a.nodes === 1 ? '' : 's'}`);
        fleetsDue.add(s);
      }
      return;
    case 'stop': {
      // A stop always stops (a planned stop is a trigger too); a cure that must follow the failure
      // it cures is written `when: down`, so a what-if that prevents the fault prevents the cure.
      fleet().stop(t);
      host.waiting.delete(s);
      out.acted.set(s, `stop at ${formatClock(t, host.scenario.start)}: every node stopped and its state cleared`);
      fleetsDue.add(s);
      return;
    }
    case 'scale': {
      const f = fleet();
      f.startScale(t, a.to ?? Math.round(f.n) + (a.by ?? 0), a.overMin);
      fleetsDue.add(s);
      return;
    }
    case 'restart':
      restartEvent(host, t, ev, a, s, fleet(), out, fleetsDue);
      return;
  }
}

/** The slot of a service an event names; an earlier patch may have removed it. */
function slotOf(host: Host, ev: ScenarioEvent, id: string): number {
  const s = host.slots.find(id);
  if (s === undefined || host.graph.services[s] === undefined) {
    throw new InputError([{ ...ev.loc, severity: 'error', message: `service "${id}" no longer exists when this event happens (an earlier patch removed it)` }]);
  }
  return s;
}

type RestartAction = Extract<ScenarioEvent['action'], { kind: 'restart' }>;

/** A rolling restart starts now, or (with `after`) once the awaited services are back. */
function restartEvent(host: Host, t: number, ev: ScenarioEvent, a: RestartAction, s: number, f: FleetSim, out: Building, fleetsDue: Set<number>): void {
  const rate = a.perHour ?? f.spec.restartPerHour;
  if (rate === undefined) {
    throw new InputError([{ ...ev.loc, severity: 'error', message: `no restart rate for "${a.service}"`, hint: 'give restart: { service, perHour } or fleet.restart.perHour' }]);
  }
  if (a.after) {
    // Decided once the instant has settled: the awaited services may come back right now.
    host.waiting.set(s, { perHour: rate, after: a.after.map((id) => slotOf(host, ev, id)) });
    return;
  }
  host.waiting.delete(s);
  if (f.over() && f.failed > EPS) out.failedAgain.add(s);
  f.startRestart(t, rate);
  fleetsDue.add(s);
}

/**
 * A patch event: every fleet is first brought to `t` under the parameters it had until now (restart
 * attempts made while over a limit are spent, connection progress is what the old mesh allowed,
 * a crossing due now happens now), then the patch applies; a fleet that the new parameters put
 * over a limit fails at once, the patch named as its cause.
 */
function patchFleets(host: Host, t: number, apply: () => void, out: Building): void {
  const { w, slots } = host;
  const fleets = [...w.fleets.keys()].sort((a, b) => cmp(slots.ids[a]!, slots.ids[b]!));
  for (const s of fleets) {
    const f = w.fleets.get(s)!;
    if (f.advance(t) > 0) out.restarted.add(s);
    const breach = f.breach();
    if (breach) out.limits.set(s, breach);
  }
  apply();
  for (const s of fleets) {
    const breach = w.fleets.get(s)?.breach();
    if (breach) out.limits.set(s, { ...breach, byPatch: true });
  }
}

/** Brings the due fleets to `t`: limit breaches, capacity changes, and each fleet's next plan. */
function advanceFleets(host: Host, t: number, due: ReadonlySet<number>, out: Building): void {
  const { slots } = host;
  for (const s of [...due].sort((a, b) => cmp(slots.ids[a]!, slots.ids[b]!))) refreshFleet(host, s, t, out);
}

/**
 * One fleet at `t` (after its inputs changed: an event, a plan, its load): a limit breach, its
 * served share and level, and its next plan. Marks what changed in `out`.
 */
export function refreshFleet(host: Host, s: number, t: number, out: Fresh): void {
  const w = host.w;
  const f = w.fleets.get(s)!;
  if (f.advance(t) > 0) out.restarted.add(s);
  const breach = f.breach();
  if (breach) out.limits.set(s, breach);
  host.sampleFleet(s, f, t);
  const c = f.capacity();
  const lv: Level = c >= 1 - EPS ? 0 : c >= f.spec.serving - EPS ? 1 : 2;
  if (lv !== w.fleetLevel[s] || Math.abs(c - w.cap[s]!) > EPS || Number.isNaN(w.cap[s]!)) {
    w.fleetLevel[s] = lv;
    w.cap[s] = c;
    out.capChanged.add(s);
    out.dirty.add(s);
    for (const d of host.graph.dependents[s]!) out.dirty.add(d);
    for (const d of host.graph.shareReaders.get(s) ?? []) out.dirty.add(d);
  }
  f.version++;
  planNext(host, s, f, t);
}

/** What `refreshFleet` writes into. */
export interface Fresh {
  readonly restarted: Set<number>;
  readonly limits: Map<number, LimitBreach>;
  readonly capChanged: Set<number>;
  readonly dirty: Set<number>;
}

/** Queues the fleet's next event (if any) under its current plan version. */
export function planNext(host: Pick<Host, 'graph' | 'agenda' | 'slots'>, s: number, f: FleetSim, t: number): void {
  const next = f.nextEvent(t, host.graph.thresholds.get(s) ?? [1]);
  if (Number.isFinite(next)) host.agenda.push(Math.max(next, t + SAME_INSTANT * 2), 'fleet', host.slots.ids[s]!, f.version);
}
