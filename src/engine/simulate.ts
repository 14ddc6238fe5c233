/**
 * `replay(model, scenario)`: the event-driven simulation. The agenda holds timed entries (scenario
 * events, fleet plans — limit crossings, scale ends, restart thresholds —, buffer fills and
 * recoversAfter lags); every entry at one instant is applied, then the states settle to the least
 * fixpoint (settle.ts) and each change becomes a Transition with its cause (causes.ts).
 */
import { InputError } from '../model/diagnostic.js';
import { patchModel } from '../model/patch.js';
import { didYouMean } from '../model/suggest.js';
import type { Model, Scenario, ScenarioEvent } from '../model/types.js';
import { asyncLoss } from './asyncloss.js';
import { waits } from './deadlocks.js';
import { Causes, type InstantFacts } from './causes.js';
import { Slots, cmp, compile, type Graph } from './compile.js';
import { FleetSim, type LimitBreach } from './fleet.js';
import { STATE_OF, level, num, type Level } from './levels.js';
import { Agenda, type Entry } from './queue.js';
import { settle, type Before } from './settle.js';
import type { Cause, Deadlock, Replay, Transition } from './types.js';
import { EPS, F, World } from './world.js';

/** A runaway replay is a bug, not a long incident. */
const MAX_INSTANTS = 2_000_000;
const SAME_INSTANT = 1e-7;

export function replay(model: Model, scenarioId?: string): Replay {
  return new Simulation(model, pickScenario(model, scenarioId)).run();
}

export function pickScenario(model: Model, id?: string): Scenario {
  const first = model.scenarios[0];
  if (!first) {
    throw new InputError([{ file: model.file, line: 1, column: 1, severity: 'error', message: `graph "${model.name}" has no scenario to replay`, hint: 'add a scenarios: section' }]);
  }
  if (id === undefined) return first;
  const found = model.scenarios.find((s) => s.id === id);
  if (found) return found;
  const hint = didYouMean(id, model.scenarios.map((s) => s.id));
  throw new InputError([{ ...first.loc, severity: 'error', message: `unknown scenario "${id}"`, ...(hint ? { hint } : {}) }]);
}

interface Epoch { readonly from: number; readonly graph: Graph }

class Simulation {
  private readonly slots = new Slots();
  private graph: Graph;
  private model: Model;
  private readonly w: World;
  private readonly causes: Causes;
  private readonly agenda = new Agenda();
  private readonly timeline: Transition[] = [];
  private readonly deadlocks: Deadlock[] = [];
  private readonly epochs: Epoch[] = [];
  /** Per lagged service: what released it from each level (2, 1), kept until the lag runs out. */
  private readonly releases = new Map<number, Map<Level, Cause>>();
  /** Services currently held by a recovery deadlock. */
  private readonly deadlocked = new Set<number>();
  /** Fleets whose `restart` waits for other services to be ok (`restart.after`), by slot. */
  private readonly waiting = new Map<number, { perHour: number; after: number[] }>();

  constructor(private readonly initial: Model, private readonly scenario: Scenario) {
    this.model = initial;
    this.graph = compile(initial, this.slots);
    this.w = new World(this.graph);
    this.causes = new Causes(this.w, this.slots.ids);
    this.adopt(this.graph, 0);
  }

  run(): Replay {
    this.agenda.push(0, 'scenario', '', -1);
    this.scenario.events.forEach((e, i) => this.agenda.push(e.atMin, 'scenario', '', i));
    let instants = 0;
    while (this.agenda.size > 0) {
      const t = this.agenda.peek()!.at;
      const batch: Entry[] = [];
      while (this.agenda.size > 0 && this.agenda.peek()!.at <= t + SAME_INSTANT) batch.push(this.agenda.pop()!);
      this.instant(t, batch);
      if (++instants > MAX_INSTANTS) throw new Error(`replay did not settle after ${MAX_INSTANTS} instants`);
    }
    const lastEvent = this.scenario.events.reduce((m, e) => Math.max(m, e.atMin), 0);
    const endMin = Math.max(lastEvent, this.timeline.at(-1)?.atMin ?? 0);
    const final: Record<string, string> = {};
    for (const s of this.graph.live) final[this.slots.ids[s]!] = STATE_OF[this.w.state[s]!]!;
    return {
      model: this.initial,
      scenario: this.scenario,
      timeline: this.timeline,
      final: final as Replay['final'],
      deadlocks: this.deadlocks,
      endMin,
      asyncLoss: asyncLoss(this.epochs, this.timeline, endMin, this.slots.ids),
      serviceIds: [...this.slots.ids].sort(cmp),
    };
  }

  /** Takes a (re)compiled graph: fleets, lags and buffer fills follow it; states are kept. */
  private adopt(graph: Graph, t: number): void {
    const w = this.w;
    this.graph = graph;
    w.graph = graph;
    w.grow(this.slots.ids.length);
    for (let s = 0; s < graph.services.length; s++) {
      const svc = graph.services[s];
      w.lag[s] = svc?.recoversAfterMin ?? 0;
      const f = w.fleets.get(s);
      if (svc?.fleet) {
        if (f) f.spec = svc.fleet;
        else w.fleets.set(s, new FleetSim(svc.fleet));
      } else if (f) {
        w.fleets.delete(s);
        w.fleetLevel[s] = 0;
        w.cap[s] = NaN;
      }
    }
    for (const d of graph.live) {
      for (const g of graph.groups[d]!) {
        if (g.type !== 'buffered') continue;
        for (const x of g.targets) {
          const since = w.notOkSince[x]!;
          if (!Number.isNaN(since) && since + g.fillsAfterMin > t) this.agenda.push(since + g.fillsAfterMin, 'buffer', this.slots.ids[d]!);
        }
      }
    }
    this.epochs.push({ from: t, graph });
  }

  private instant(t: number, batch: readonly Entry[]): void {
    const w = this.w;
    w.now = t;
    const dirty = new Set<number>();
    const fleetsDue = new Set<number>();
    const touched = new Set<number>();
    const recovered = new Set<number>();
    const failedAgain = new Set<number>();
    const restarted = new Set<number>();
    /** What a scenario event did to a fleet at this instant, in words (corrupt, stop). */
    const acted = new Map<number, string>();
    let full = false;
    let patched = false;
    const slotOf = (id: string, ev: ScenarioEvent): number => {
      const s = this.slots.find(id);
      if (s === undefined || this.graph.services[s] === undefined) {
        throw new InputError([{ ...ev.loc, severity: 'error', message: `service "${id}" no longer exists when this event happens (an earlier patch removed it)` }]);
      }
      return s;
    };
    const fleetOf = (s: number, ev: ScenarioEvent): FleetSim => {
      const f = w.fleets.get(s);
      if (!f) throw new InputError([{ ...ev.loc, severity: 'error', message: `"${this.slots.ids[s]}" has no fleet at this point of the replay` }]);
      if (f.advance(t) > 0) restarted.add(s);
      return f;
    };

    for (const e of batch) {
      if (e.kind === 'scenario') {
        if (e.ref < 0) {
          full = true;
          for (const s of w.fleets.keys()) fleetsDue.add(s);
          continue;
        }
        const ev = this.scenario.events[e.ref]!;
        const a = ev.action;
        if (a.kind === 'milestone') continue;
        if (a.kind === 'patch') {
          const result = patchModel(this.model, a.patch, ev.loc);
          if (!result.model) throw new InputError(result.errors);
          this.model = result.model;
          this.adopt(compile(result.model, this.slots), t);
          for (const s of w.fleets.keys()) fleetsDue.add(s);
          full = true;
          patched = true;
          continue;
        }
        const s = slotOf(a.service, ev);
        touched.add(s);
        if (a.kind === 'fail') {
          // Failures only add up (monotone): to go from down to degraded, recover then fail degraded.
          w.forced[s] = Math.max(w.forced[s]!, level(a.state)) as Level;
          dirty.add(s);
        } else if (a.kind === 'recover') {
          w.forced[s] = 0;
          recovered.add(s);
          dirty.add(s);
        } else if (a.kind === 'corrupt') {
          const f = fleetOf(s, ev);
          if (f.corrupt(a.nodes)) {
            acted.set(s, `scenario event: a bad state reaches ${num(a.nodes)} node${a.nodes === 1 ? '' : 's'}`);
            fleetsDue.add(s);
          }
        } else if (a.kind === 'stop') {
          // A global stop is a cure: operators stop a failing fleet, never a healthy one (so a
          // what-if that prevents the fault does not replay the cure's outage).
          const f = fleetOf(s, ev);
          if (w.state[s] === 0) continue;
          f.stop();
          this.waiting.delete(s);
          acted.set(s, 'scenario event: global stop, every node stopped and its state cleared');
          fleetsDue.add(s);
        } else if (a.kind === 'scale') {
          const f = fleetOf(s, ev);
          f.startScale(t, a.to ?? Math.round(f.n) + (a.by ?? 0), a.overMin);
          fleetsDue.add(s);
        } else {
          const f = fleetOf(s, ev);
          const rate = a.perHour ?? f.spec.restartPerHour;
          if (rate === undefined) {
            throw new InputError([{ ...ev.loc, severity: 'error', message: `no restart rate for "${a.service}"`, hint: 'give restart: { service, perHour } or fleet.restart.perHour' }]);
          }
          if (a.after) {
            // Decided once the instant has settled: the awaited services may come back right now.
            this.waiting.set(s, { perHour: rate, after: a.after.map((id) => slotOf(id, ev)) });
            continue;
          }
          this.waiting.delete(s);
          if (f.over() && f.failed > EPS) failedAgain.add(s);
          f.startRestart(t, rate);
          fleetsDue.add(s);
        }
      } else {
        const s = this.slots.find(e.service);
        if (s === undefined) continue;
        if (e.kind === 'fleet') {
          if (w.fleets.get(s)?.version === e.ref) fleetsDue.add(s);
        } else dirty.add(s);
      }
    }

    const limits = new Map<number, LimitBreach>();
    const capChanged = new Set<number>();
    for (const s of [...fleetsDue].sort((a, b) => cmp(this.slots.ids[a]!, this.slots.ids[b]!))) {
      const f = w.fleets.get(s)!;
      if (f.advance(t) > 0) restarted.add(s);
      const breach = f.breach();
      if (breach) limits.set(s, breach);
      const c = f.capacity();
      const lv: Level = c >= 1 - EPS ? 0 : c >= f.spec.serving - EPS ? 1 : 2;
      if (lv !== w.fleetLevel[s] || Math.abs(c - w.cap[s]!) > EPS || Number.isNaN(w.cap[s]!)) {
        w.fleetLevel[s] = lv;
        w.cap[s] = c;
        capChanged.add(s);
        dirty.add(s);
        for (const d of this.graph.dependents[s]!) dirty.add(d);
      }
      f.version++;
      const next = f.nextEvent(t, this.graph.thresholds.get(s) ?? [1]);
      if (Number.isFinite(next)) this.agenda.push(Math.max(next, t + SAME_INSTANT * 2), 'fleet', this.slots.ids[s]!, f.version);
    }

    const { before, held } = settle(w, dirty, full, recovered);
    const changed: number[] = [];
    for (const [s, b] of before) if (b.state !== w.state[s]) changed.push(s);
    changed.sort((a, b) => w.order[a]! - w.order[b]! || cmp(this.slots.ids[a]!, this.slots.ids[b]!));
    this.causalOrder(changed, before);
    const facts: InstantFacts = {
      limits, restarted, failedAgain, touched, recovered, patched, acted,
      changed: new Set([...changed, ...capChanged]),
    };
    for (const s of changed) {
      const b = before.get(s)!;
      const to = w.state[s]!;
      let cause: Cause;
      if (to > b.state) cause = this.causes.worse(s, facts);
      else {
        const lagged = w.lag[s]! > 0 ? this.releases.get(s)?.get(b.state) : undefined;
        cause = lagged
          ? { ...lagged, kind: 'recovered', text: `${lagged.text}; back after recoversAfter ${fmtLag(w.lag[s]!)}` }
          : this.causes.release(s, b.why, facts);
        cause = this.causes.still(s, cause, facts);
      }
      this.push(t, s, b.state, cause);
    }
    this.markDeadlocks(t, held);
    // A stop (or corrupt) on a service already not ok changes no state, but the operator action and
    // the capacity it leaves (0 after a stop) belong on the timeline: a marker, like ⟳ deadlocks.
    for (const [s, act] of [...acted].sort((a, b) => cmp(this.slots.ids[a[0]]!, this.slots.ids[b[0]]!))) {
      const b = before.get(s);
      if (w.state[s] !== 0 && (b === undefined || b.state === w.state[s])) {
        this.push(t, s, w.state[s]!, { kind: 'event', text: `${act}: ${this.causes.fleetText(s)}` });
      }
    }
    for (const s of failedAgain) {
      const b = before.get(s);
      if (w.state[s] === 2 && (b === undefined || b.state === 2)) {
        this.push(t, s, 2, { kind: 'restart', text: `rolling restart started, but restarted nodes fail again: ${this.overText(s)}`, ...this.parent(s) });
      }
    }
    this.bookkeep(t, changed, before, facts);
    this.startWaiting(t);
  }

  /** Restarts waiting for other services (`restart.after`) begin once every one of them is ok. */
  private startWaiting(t: number): void {
    const ids = this.slots.ids;
    for (const s of [...this.waiting.keys()].sort((a, b) => cmp(ids[a]!, ids[b]!))) {
      const { perHour, after } = this.waiting.get(s)!;
      const f = this.w.fleets.get(s);
      if (!f || !after.every((x) => this.w.state[x] === 0)) continue;
      this.waiting.delete(s);
      f.advance(t);
      f.startRestart(t, perHour);
      const next = f.nextEvent(t, this.graph.thresholds.get(s) ?? [1]);
      if (Number.isFinite(next)) this.agenda.push(Math.max(next, t + SAME_INSTANT * 2), 'fleet', ids[s]!, f.version);
    }
  }

  /**
   * Reorders same-instant changes so that a dependency's transition comes before the transitions
   * that rest on it (their `parent` must point at it, not at its previous state).
   */
  private causalOrder(changed: number[], before: ReadonlyMap<number, Before>): void {
    const w = this.w;
    const inSet = new Set(changed);
    const via = (s: number): number => {
      const b = before.get(s)!;
      if (w.state[s]! > b.state) return w.why[s]!.kind === F.Edge ? w.why[s]!.target : -1;
      const lagged = w.lag[s]! > 0 ? this.releases.get(s)?.get(b.state)?.via : undefined;
      if (lagged !== undefined) return this.slots.find(lagged) ?? -1;
      return b.why.kind === F.Edge ? b.why.target : -1;
    };
    const state = new Map<number, 1 | 2>();
    const out: number[] = [];
    const visit = (s: number) => {
      if (state.has(s)) return;
      state.set(s, 1);
      const x = via(s);
      if (x >= 0 && inSet.has(x) && !state.has(x)) visit(x);
      state.set(s, 2);
      out.push(s);
    };
    for (const s of changed) visit(s);
    changed.splice(0, changed.length, ...out);
  }

  private push(t: number, s: number, from: Level, cause: Cause): void {
    const w = this.w;
    const capacity = w.cap[s]!;
    this.timeline.push({
      atMin: t, service: this.slots.ids[s]!, from: STATE_OF[from]!, state: STATE_OF[w.state[s]!]!, cause,
      ...(Number.isNaN(capacity) ? {} : { capacity: Math.round(capacity * 10000) / 10000 }),
    });
    w.lastTr[s] = this.timeline.length - 1;
  }

  private parent(s: number): { parent?: number } {
    const p = this.w.lastTr[s]!;
    return p >= 0 ? { parent: p } : {};
  }

  private overText(s: number): string {
    const f = this.w.fleets.get(s)!;
    const { peers, resource } = f.failingPeers();
    const have = Math.floor(f.p + 1e-9);
    if (!resource) return this.causes.fleetText(s);
    return this.causes.limitText({ resource, usage: resource.base + resource.perPeer * have, peers: Math.max(have, peers), nodes: f.n }, s);
  }

  /** Records newly held services: one Deadlock per new cycle, a `deadlock` marker per service. */
  private markDeadlocks(t: number, held: readonly number[]): void {
    const w = this.w;
    const ids = this.slots.ids;
    const heldSet = new Set(held);
    for (const s of this.deadlocked) {
      if (!heldSet.has(s)) { w.deadlocked[s] = false; this.deadlocked.delete(s); }
    }
    const fresh = held.filter((s) => !w.deadlocked[s]).sort((a, b) => cmp(ids[a]!, ids[b]!));
    for (const s of fresh) this.deadlocked.add(s);
    if (fresh.length === 0) return;
    const { next, onCycle, cycles } = waits(this.graph, w.state, heldSet, fresh, ids);
    for (const c of cycles) this.deadlocks.push({ atMin: t, cycle: c.map((x) => ids[x]!) });
    const members = fresh.filter((s) => onCycle.has(s));
    const waiters = fresh.filter((s) => !onCycle.has(s));
    for (const s of members) {
      this.push(t, s, 2, { kind: 'deadlock', text: this.causes.deadlockText(onCycle.get(s)!), ...this.parent(s) });
      w.deadlocked[s] = true;
    }
    for (const s of waiters) {
      const x = next(s);
      const via = x === undefined ? {} : { via: ids[x]!, ...(w.lastTr[x]! >= 0 ? { parent: w.lastTr[x]! } : {}) };
      this.push(t, s, 2, { kind: 'deadlock', text: `cannot start: waits for ${x === undefined ? 'a dependency' : ids[x]} (recovery deadlock)`, ...via });
      w.deadlocked[s] = true;
    }
  }

  /** Buffers start filling, recoversAfter floors start running, and what released each is kept. */
  private bookkeep(t: number, changed: readonly number[], before: ReadonlyMap<number, Before>, facts: InstantFacts): void {
    const w = this.w;
    const ids = this.slots.ids;
    for (const x of changed) {
      const was = before.get(x)!.state;
      if (w.state[x] === 0) {
        w.notOkSince[x] = NaN;
        w.notOkTr[x] = -1;
      } else if (was === 0) {
        w.notOkSince[x] = t;
        w.notOkTr[x] = w.lastTr[x]!;
        for (const d of this.graph.dependents[x]!) {
          for (const g of this.graph.groups[d]!) {
            if (g.type === 'buffered' && g.fillsAfterMin > 0 && g.targets.includes(x)) this.agenda.push(t + g.fillsAfterMin, 'buffer', ids[d]!);
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
          m.set(lv, this.causes.release(s, b.rawWhy, facts));
          this.agenda.push(t + lag, 'lag', ids[s]!);
        }
      }
    }
  }
}

function fmtLag(min: number): string {
  const h = Math.floor(min / 60);
  const m = Math.round(min - h * 60);
  return h > 0 ? `${h}h${m > 0 ? `${m}m` : ''}` : `${m}m`;
}
