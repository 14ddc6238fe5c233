/**
 * What a replay produces: plain data read by the CLI, the TUI and the reports. They never
 * recompute engine results their own way; they call the query functions in engine/query.ts.
 */
import type { Location, Model, Scenario, State } from '../model/types.js';

export type CauseKind = 'event' | 'limit' | 'edge' | 'restart' | 'deadlock' | 'recovered';

export interface Cause {
  readonly kind: CauseKind;
  /** Human-readable, with numbers from the simulation state (never copied from YAML text). */
  readonly text: string;
  /** The dependency whose state caused this (edge causes). */
  readonly via?: string;
  /** Index in `timeline` of the transition this cause rests on (the next link of the chain). */
  readonly parent?: number;
}

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
  /** The services waiting on each other, in cycle order. */
  readonly cycle: readonly string[];
}

export interface Replay {
  readonly model: Model;
  readonly scenario: Scenario;
  /** Sorted by time, then by a deterministic tie-break; every state change of every service. */
  readonly timeline: readonly Transition[];
  /** State of every service when the replay ends, by id. */
  readonly final: Readonly<Record<string, State>>;
  readonly deadlocks: readonly Deadlock[];
  /** Minutes after start when the replay stopped (last activity). */
  readonly endMin: number;
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
  /** Every incident-tooling service stayed ok throughout. */
  readonly toolingUsable: boolean;
  readonly rank: number;
}
