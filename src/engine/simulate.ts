/**
 * `replay(model, scenario)`: the event-driven simulation. The agenda holds timed entries (scenario
 * events, fleet plans — limit crossings, scale ends, restart thresholds —, buffer fills and
 * recoversAfter lags). Each instant runs in three steps: its entries are applied (events.ts), the
 * states settle to the least fixpoint (settle.ts), and every change is recorded with its cause
 * (record.ts, causes.ts); then the timers it starts are set (timers.ts).
 */
import { InputError } from '../model/diagnostic.js';
import { patchModel } from '../model/check.js';
import { didYouMean } from '../model/suggest.js';
import type { JsonValue, Location, Model, Scenario } from '../model/types.js';
import { asyncLoss } from './async-loss.js';
import { Causes, type InstantFacts } from './causes.js';
import { cmp } from '../model/order.js';
import { Slots, compile, type Graph } from './compile.js';
import { SAME_INSTANT, applyEntries, planNext, refreshFleet, type Building, type Host, type Waiting } from './events.js';
import { communicatedAt } from './communication.js';
import { latchOn } from './latch.js';
import { computeLoads, loadPlan, nextDemandStep, type LoadPlan } from './load.js';
import { Operators } from './operators.js';
import { FleetSim } from './fleet.js';
import { STATE_OF } from './levels.js';
import { Agenda, type Entry } from './queue.js';
import { Recorder } from './record.js';
import { reblame, settle } from './settle.js';
import { Timers } from './timers.js';
import type { FleetSample, LoadSample, Replay } from './types.js';
import { World } from './world.js';
import { EPS } from '../model/numbers.js';

/** A runaway replay is a bug, not a long incident. */
const MAX_INSTANTS = 2_000_000;
/** Load ↔ state rounds within one instant; each round moves states one way, so a few suffice. */
const MAX_ROUNDS = 64;
const NONE: ReadonlySet<number> = new Set();

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

class Simulation implements Host {
  readonly slots = new Slots();
  readonly agenda = new Agenda();
  readonly waiting = new Map<number, Waiting>();
  readonly w: World;
  graph: Graph;
  private model: Model;
  private readonly causes: Causes;
  private readonly timers: Timers;
  private readonly recorder: Recorder;
  private readonly epochs: Epoch[] = [];
  private readonly samples = new Map<number, FleetSample[]>();
  /** Services not ok that a patch of the current instant removed: they leave the replay ok. */
  private readonly removed: number[] = [];
  private readonly loadSamples = new Map<number, LoadSample[]>();
  private plan!: LoadPlan;
  private readonly operators: Operators;

  constructor(private readonly initial: Model, readonly scenario: Scenario) {
    this.model = initial;
    this.graph = compile(initial, this.slots);
    this.w = new World(this.graph);
    this.causes = new Causes(this.w, this.slots.ids, scenario.start);
    this.timers = new Timers(this.w, this.slots.ids, this.agenda, this.causes);
    this.recorder = new Recorder(this.w, this.slots, this.causes, this.timers);
    this.operators = new Operators(this.w, this.slots, scenario, this.agenda);
    this.adopt(this.graph, 0);
  }

  run(): Replay {
    this.agenda.push(0, 'scenario', '', -1);
    this.agenda.push(0, 'load', '');
    this.scenario.events.forEach((e, i) => this.agenda.push(e.atMin, 'scenario', '', i));
    let instants = 0;
    while (this.agenda.size > 0) {
      const t = this.agenda.peek()!.at;
      const batch: Entry[] = [];
      while (this.agenda.size > 0 && this.agenda.peek()!.at <= t + SAME_INSTANT) batch.push(this.agenda.pop()!);
      this.instant(t, batch);
      if (++instants > MAX_INSTANTS) throw new Error(`replay did not settle after ${MAX_INSTANTS} instants`);
    }
    const { timeline, deadlocks } = this.recorder;
    const lastEvent = this.scenario.events.reduce((m, e) => Math.max(m, e.atMin), 0);
    const endMin = Math.max(lastEvent, timeline.at(-1)?.atMin ?? 0);
    const loads: Record<string, LoadSample[]> = {};
    for (const [s, list] of [...this.loadSamples].sort((a, b) => cmp(this.slots.ids[a[0]]!, this.slots.ids[b[0]]!))) loads[this.slots.ids[s]!] = list;
    const detectedAt = this.operators.detectedAt;
    const told = communicatedAt(this.initial, this.scenario, timeline, detectedAt);
    const fleets: Record<string, FleetSample[]> = {};
    for (const [s, list] of [...this.samples].sort((a, b) => cmp(this.slots.ids[a[0]]!, this.slots.ids[b[0]]!))) fleets[this.slots.ids[s]!] = list;
    const final: Record<string, string> = {};
    for (const s of this.graph.live) final[this.slots.ids[s]!] = STATE_OF[this.w.state[s]!]!;
    return {
      model: this.initial,
      scenario: this.scenario,
      timeline,
      final: final as Replay['final'],
      deadlocks,
      endMin,
      asyncLoss: asyncLoss(this.epochs, timeline, endMin, this.slots.ids),
      serviceIds: [...this.slots.ids].sort(cmp),
      fleets,
      loads,
      eventTimes: this.operators.eventTimes.map((x) => x ?? null),
      ...(detectedAt !== undefined ? { detectedAt } : {}),
      ...(told !== undefined ? { communicatedAt: told } : {}),
    };
  }

  sampleFleet(s: number, f: FleetSim, t: number): void {
    let list = this.samples.get(s);
    if (!list) this.samples.set(s, (list = []));
    if (list.at(-1)?.atMin === t) list.pop();
    list.push(f.sample(t));
  }

  applyPatch(patch: JsonValue, loc: Location, t: number): void {
    const result = patchModel(this.model, patch, loc);
    if (!result.value) throw new InputError(result.errors);
    this.model = result.value;
    const before = this.graph;
    this.adopt(compile(result.value, this.slots), t);
    for (const s of before.live) if (this.graph.services[s] === undefined && this.w.state[s]! > 0) this.removed.push(s);
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
        if (f) f.respec(svc.fleet);
        else w.fleets.set(s, new FleetSim(svc.fleet, t));
      } else if (f) {
        w.fleets.delete(s);
        w.fleetLevel[s] = 0;
        w.cap[s] = NaN;
      }
    }
    this.timers.rescheduleBuffers(graph, t);
    this.plan = loadPlan(graph);
    this.epochs.push({ from: t, graph });
  }

  private instant(t: number, batch: readonly Entry[]): void {
    const w = this.w;
    w.now = t;
    for (const e of batch) if (e.kind === 'detect') this.operators.detect(t);
    if (batch.some((e) => e.kind === 'load')) this.scheduleDemand(t);
    // A `react` entry is an armed `when: down` event coming due: it then happens as a scenario event.
    const due = batch.flatMap((e): Entry[] => {
      if (e.kind === 'react') return this.operators.fired(e.ref, t) ? [{ ...e, kind: 'scenario' }] : [];
      return e.kind !== 'scenario' || e.ref < 0 || this.operators.gate(e.ref, t) ? [e] : [];
    });
    const applied = applyEntries(this, t, due) as Building;
    const first = settle(w, applied.dirty, applied.full, applied.recovered);
    const before = new Map(first.before);
    let held = first.held;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const dirty = this.consequences(t, before, applied);
      if (dirty.size === 0) break;
      const next = settle(w, dirty, false, NONE, [...dirty].filter((s) => w.fleetLevel[s]! < (before.get(s)?.state ?? 0)));
      for (const [s, b] of next.before) if (!before.has(s)) before.set(s, b);
      held = next.held;
    }
    // Causes are re-checked once, over everything this instant touched across the rounds.
    const reblamed = reblame(w, before);
    const changed: number[] = [];
    for (const [s, b] of before) if (b.state !== w.state[s]) changed.push(s);
    changed.sort((a, b) => w.order[a]! - w.order[b]! || cmp(this.slots.ids[a]!, this.slots.ids[b]!));
    const facts: InstantFacts = { ...applied, changed: new Set([...changed, ...applied.capChanged]) };
    this.recorder.changes(t, changed, before, facts);
    this.recorder.deadlocksBegin(t, held);
    this.recorder.markers(t, before, facts);
    this.recorder.reblamed(t, reblamed, facts);
    this.recorder.removed(t, this.removed.splice(0).sort((a, b) => cmp(this.slots.ids[a]!, this.slots.ids[b]!)));
    this.timers.afterInstant(t, changed, before, facts);
    this.startWaiting(t);
    this.operators.afterInstant(t, changed.filter((s) => before.get(s)!.state === 0));
  }

  /**
   * What a settled instant sets off at the same instant: latches of services whose dependency just
   * came back after a long outage, and load changes (retries start or stop, a fleet's served share
   * moves). Returns the services to settle again (none: the instant is done).
   */
  private consequences(t: number, before: ReadonlyMap<number, { state: number }>, applied: Building): Set<number> {
    const w = this.w;
    const dirty = new Set<number>();
    for (const [x, b] of before) {
      if (b.state > 0 && w.state[x] === 0) {
        for (const d of latchOn(w, x, t)) { dirty.add(d); this.agenda.push(w.latchUntil[d]!, 'lag', this.slots.ids[d]!); }
      }
    }
    if (!this.plan.active) return dirty;
    computeLoads(w, this.plan, t, this.scenario.start);
    const ids = this.slots.ids;
    for (const s of [...w.fleets.keys()].sort((a, b) => cmp(ids[a]!, ids[b]!))) {
      const f = w.fleets.get(s)!;
      const load = w.load[s]!;
      const potential = w.retryPotential[s]!;
      const same = (a: number, b: number) => Math.abs(a - b) <= EPS * Math.max(1, a);
      if (f.spec.capacity === undefined || (same(load, f.load) && same(potential, f.retryPotential))) continue;
      if (f.advance(t) > 0) applied.restarted.add(s);
      if (!same(load, f.load)) (load > f.load ? applied.loadRose : applied.loadFell).add(s);
      f.load = load;
      f.baseLoad = load - w.retryLoad[s]!;
      f.retryPotential = potential;
      refreshFleet(this, s, t, { restarted: applied.restarted, limits: applied.limits, capChanged: applied.capChanged, dirty });
      applied.capChanged.add(s);
      this.sampleLoad(s, t);
    }
    return dirty;
  }

  private sampleLoad(s: number, t: number): void {
    const f = this.w.fleets.get(s)!;
    let list = this.loadSamples.get(s);
    if (!list) this.loadSamples.set(s, (list = []));
    if (list.at(-1)?.atMin === t) list.pop();
    list.push({ atMin: t, load: f.load, retries: this.w.retryLoad[s]!, capacity: f.healthy() * f.spec.capacity!, served: f.capacity() });
  }

  /** Daily demand curves step at fixed clock times: one `load` entry for the next step. */
  private scheduleDemand(t: number): void {
    // A daily curve repeats forever: it is followed until a day after the last scripted event.
    const horizon = this.scenario.events.reduce((m, e) => Math.max(m, e.atMin), 0) + 1440;
    const next = nextDemandStep(this.graph, t, this.scenario.start);
    if (next <= horizon) this.agenda.push(next, 'load', '');
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
      planNext(this, s, f, t);
    }
  }
}
