/**
 * What a replay produces: plain data read by the CLI, the TUI and the reports. They never
 * recompute engine results their own way; they call the query functions in engine/query.ts.
 */
import type { Fleet, Location, Model, Scenario, State } from '../model/types.js';

/** `spread`: a bad state spreading through a fleet's mesh took its healthy share below a threshold. */
/** `load`: a fleet's offered load exceeds what its healthy nodes serve. `latch`: broken after a long dependency outage. */
export type CauseKind = 'event' | 'limit' | 'edge' | 'restart' | 'deadlock' | 'recovered' | 'spread' | 'load' | 'latch';

export interface Cause {
  readonly kind: CauseKind;
  /** Human-readable, with numbers from the simulation state (never copied from YAML text). */
  readonly text: string;
  /** The dependency whose state caused this (edge causes). */
  readonly via?: string;
  /** Index in `timeline` of the transition this cause rests on (the next link of the chain). */
  readonly parent?: number;
  /** Deadlock causes of a service on the cycle: index in `Replay.deadlocks` of its record (the cycle, stored once). */
  readonly deadlock?: number;
}

/**
 * One state change. A transition with from === state is a marker that changes no state: a recovery
 * deadlock begins (cause kind `deadlock`: the service would have recovered but waits on a cycle), a
 * restart cannot help (kind `restart`), a `stop`/`corrupt` event acts on a service that was
 * already not ok (kind `event`; `capacity` is what it left), or what holds the service changed
 * (text `still <state>: …`, the cause that holds it now: causes always name what holds it now).
 */
export interface Transition {
  /** Minutes after the scenario start. */
  readonly atMin: number;
  readonly service: string;
  readonly from: State;
  readonly state: State;
  readonly cause: Cause;
  /** Healthy-node fraction of a fleet service after this transition. */
  readonly capacity?: number;
}

export interface Deadlock {
  readonly atMin: number;
  /** One concrete cycle of services waiting on each other, in cycle order, from the smallest id. */
  readonly cycle: readonly string[];
  /** Every service of the set that waits on itself (strongly connected), in id order. */
  readonly members: readonly string[];
}

/** Data lost over an `async` edge: minutes its dependency was not ok while the edge existed. */
export interface AsyncLoss {
  readonly service: string;
  readonly on: string;
  readonly minutes: number;
}

/** A scale in progress: the node count goes linearly from `from` at t0 to `to` at t1 (minutes). */
export interface Scale {
  readonly from: number;
  readonly to: number;
  readonly t0: number;
  readonly t1: number;
}

/** A fleet's size and mesh at an instant the replay advanced it: `fleetAt` reads on from it. */
export interface FleetSample {
  readonly atMin: number;
  readonly nodes: number;
  /** Connected peers per node (continuous; ⌊peers⌋ are connected). */
  readonly peers: number;
  /** The fleet as configured at that time (a patch may change it). */
  readonly spec: Fleet;
  readonly scale?: Scale;
}

/** A capacity fleet's load at an instant it changed (load.ts). */
export interface LoadSample {
  readonly atMin: number;
  /** Offered load, retries included. */
  readonly load: number;
  /** The part of `load` that retries add. */
  readonly retries: number;
  /** What the healthy nodes serve: healthy × per-node capacity. */
  readonly capacity: number;
  /** min(1, capacity / load). */
  readonly served: number;
}

export interface Replay {
  /** The model as it was at the start (before any `patch` event). */
  readonly model: Model;
  readonly scenario: Scenario;
  /** Sorted by time, then by a deterministic tie-break; every state change of every service. */
  readonly timeline: readonly Transition[];
  /** State of every service when the replay ends, by id. */
  readonly final: Readonly<Record<string, State>>;
  readonly deadlocks: readonly Deadlock[];
  /** Minutes after start when the replay stopped (last activity). */
  readonly endMin: number;
  /** Per async edge that lost data (dependency not ok while the edge existed), by service then on. */
  readonly asyncLoss: readonly AsyncLoss[];
  /** Every service id that existed at some point of the replay (patches may add or remove some), sorted. */
  readonly serviceIds: readonly string[];
  /** Per fleet service: its size and mesh at each instant the replay advanced it, ascending. */
  readonly fleets: Readonly<Record<string, readonly FleetSample[]>>;
  /** Per capacity fleet (a `fleet.capacity` and some demand in the graph): its load whenever it changed. */
  readonly loads?: Readonly<Record<string, readonly LoadSample[]>>;
  /** When each scenario event happened (reactions move it; null: it never did). */
  readonly eventTimes?: readonly (number | null)[];
  /** When the incident was detected (operators.ts); undefined: nothing ever failed. */
  readonly detectedAt?: number;
  /** The first status-page post (communication.ts); undefined: never. */
  readonly communicatedAt?: number;
}

export interface ObservationMatch {
  readonly service: string;
  readonly state: State;
  readonly observedMin: number;
  /** Undefined when unmatched. */
  readonly predictedMin?: number;
  readonly errorMin?: number;
  /** Caused directly by a scenario event at that instant: an input, not a prediction. */
  readonly input: boolean;
  /**
   * The assumed (`x-assumed`) numbers the prediction rests on, computed: moving one of them moves
   * the predicted time (assumptions.ts). Labels like `net.fleet.capacity`, `events[3].delay`.
   */
  readonly restsOn?: readonly string[];
  /** A milestone observation (then `service` is its label and `state` means nothing). */
  readonly milestone?: 'detected' | 'communicated';
  readonly note?: string;
  readonly loc: Location;
}

export interface Fidelity {
  readonly matched: number;
  readonly total: number;
  readonly inputs: number;
  readonly maxErrorMinutes: number;
  readonly meanErrorMinutes: number;
  readonly orderAgrees: boolean;
  readonly unmatched: readonly ObservationMatch[];
  readonly observations: readonly ObservationMatch[];
}

export interface WhatIfOutcome {
  readonly id: string;
  readonly title: string;
  readonly prevented: boolean;
  /** Services that were not ok at some point. */
  readonly affected: readonly string[];
  /** Minutes after start when every service is ok again and stays so; undefined = never. */
  readonly allOkMin?: number;
  /** Tier-weighted minutes not ok (down counts fully, degraded half). */
  readonly serviceMinutesLost: number;
  /**
   * Every response tool stayed ok throughout: each service with `supports` except role `monitoring`
   * (monitoring is usually a victim of the incident it measures; it is listed in `toolingDown`).
   */
  readonly toolingUsable: boolean;
  /** Tooling services (any with `supports`, monitoring included) that were not ok at some point. */
  readonly toolingDown: readonly string[];
  /** When the incident was detected and when customers were first told (undefined: never). */
  readonly detectedAt?: number;
  readonly communicatedAt?: number;
  /** Highest load ÷ full-fleet capacity of any capacity fleet, and minutes some fleet was overloaded. */
  readonly peakLoad?: { readonly service: string; readonly ratio: number };
  readonly overloadedMinutes?: number;
  readonly rank: number;
}

export interface WhatIfResult {
  /** The unpatched replay's figures, for comparison (id `baseline`, rank 0). */
  readonly baseline: WhatIfOutcome;
  /** Ranked: prevented first, then fewer service-minutes lost, then earlier all-ok, then id. */
  readonly outcomes: readonly WhatIfOutcome[];
}
