/**
 * The Model: the plain, frozen, fully resolved form of a graph file (format version 1).
 * Every later stage (analysis, engine, tui, report) reads only this; none of them sees YAML.
 * Defaults are applied here once, so no consumer re-implements them.
 */

export const STATES = ['ok', 'degraded', 'down'] as const;
/** Ordered: ok < degraded < down. */
export type State = (typeof STATES)[number];

export const ROLES = [
  'service', 'datastore', 'queue', 'network', 'auth',
  'monitoring', 'alerting', 'status-page', 'deploy', 'chat', 'access',
] as const;
export type Role = (typeof ROLES)[number];
/** Roles used to run an incident: they must survive the incidents they serve. */
export const TOOLING_ROLES: readonly Role[] = ['monitoring', 'alerting', 'status-page', 'deploy', 'chat', 'access'];

export const EDGE_TYPES = ['hard', 'soft', 'buffered', 'async'] as const;
export type EdgeType = (typeof EDGE_TYPES)[number];

export type Tier = 0 | 1 | 2 | 3;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A place in a source file, 1-based, pointing at the YAML node a fact came from. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface BufferSpec {
  /** Minutes the dependency must be not-ok before the buffer is full. */
  readonly fillsAfterMin: number;
  readonly whenFull: 'degraded' | 'down';
}

export interface Dependency {
  /** Services depended on: one for `on`, several for `anyOf` (fails only when every one fails). */
  readonly targets: readonly string[];
  readonly anyOf: boolean;
  readonly type: EdgeType;
  readonly for?: string;
  /** Share of a fleet dependency's capacity needed to work at all; undefined = the target's `serving`. */
  readonly needs?: number;
  /** Present exactly when type is `buffered`. */
  readonly buffer?: BufferSpec;
  /** Load sent to the dependency per unit of load this service receives. Default 1. */
  readonly load?: number;
  /** Callers retry: while the dependency is not ok the edge's load is multiplied by `factor` (unless `backoff`). */
  readonly retry?: { readonly factor: number; readonly backoff: boolean };
  /** Stays down after a long dependency outage: see docs/semantics.md. */
  readonly latch?: LatchSpec;
  readonly loc: Location;
}

export interface LatchSpec {
  /** Outage length (minutes) from which the dependent latches. */
  readonly afterMin: number;
  /** Recovery minutes per minute of outage. */
  readonly lagPerMinute: number;
  /** Extra recovery minutes once latched. */
  readonly fixedMin: number;
}

/** Load from a service's users: base plus a piecewise-constant daily curve. */
export interface Demand {
  readonly base: number;
  /** Ascending by minute of the day (scenario offset): from `minuteOfDay` on, demand is base + add. */
  readonly daily: readonly { readonly minuteOfDay: number; readonly add: number }[];
}

export interface Resource {
  readonly name: string;
  readonly base: number;
  readonly perPeer: number;
  readonly limit: number;
  /** Extra usage per unit of load on a node (load ÷ healthy nodes). Default 0. */
  readonly perLoad?: number;
  readonly loc: Location;
}

export interface Mesh {
  /** `all` = every other node (in the cell, when cells are set), or a fixed number k of peers. */
  readonly peers: 'all' | number;
  /** New peers each node connects per minute after nodes are added. */
  readonly connectPerMinute: number;
  /** Logistic spread rate of a bad state between nodes (per minute); undefined = it does not spread. */
  readonly spreadPerMinute?: number;
  /** State messages carry an integrity check: `corrupt` events are rejected. Default false. */
  readonly checksums?: boolean;
}

export interface Fleet {
  readonly nodes: number;
  readonly mesh?: Mesh;
  readonly cells?: number;
  readonly perNode: readonly Resource[];
  /** Nodes restartable per hour; undefined = no stated rate. */
  readonly restartPerHour?: number;
  /** Healthy-node fraction at which the service serves again (degraded). Default 0.5. */
  readonly serving: number;
  /** Load one healthy node serves; undefined = the fleet has no load model. */
  readonly capacity?: number;
  /** Nodes reject load above `capacity` instead of taking it. Default false. */
  readonly admission?: boolean;
  readonly loc: Location;
}

export interface Service {
  readonly id: string;
  readonly title: string;
  readonly team?: string;
  readonly description?: string;
  readonly role: Role;
  /** 0 = most critical … 3. Default 2. */
  readonly tier: Tier;
  readonly entrypoint: boolean;
  /** Whose incidents this tool is used in; '*' = all. Defaults to '*' for tooling roles, else undefined. */
  readonly supports?: '*' | readonly string[];
  readonly fleet?: Fleet;
  /** Lag in minutes before the service is ok again once nothing holds it down. Default 0. */
  readonly recoversAfterMin: number;
  /** Load from the service's users; undefined = none. */
  readonly demand?: Demand;
  readonly dependsOn: readonly Dependency[];
  readonly loc: Location;
}

export type ScenarioAction =
  | { readonly kind: 'scale'; readonly service: string; readonly to?: number; readonly by?: number; readonly overMin: number }
  | { readonly kind: 'fail'; readonly service: string; readonly state: 'down' | 'degraded' }
  | { readonly kind: 'recover'; readonly service: string }
  | { readonly kind: 'restart'; readonly service: string; readonly perHour?: number; readonly after?: readonly string[] }
  | { readonly kind: 'patch'; readonly patch: JsonValue }
  | { readonly kind: 'corrupt'; readonly service: string; readonly nodes: number }
  | { readonly kind: 'stop'; readonly service: string }
  | { readonly kind: 'milestone'; readonly text: string };

export interface ScenarioEvent {
  /** Minutes after the scenario start. */
  readonly atMin: number;
  readonly action: ScenarioAction;
  /** Why the operators did it, or what the source says: shown beside the event in reports. */
  readonly note?: string;
  /**
   * A reaction, waiting from `atMin` on: `detected`, the clock starts at detection; `down`, the
   * event's service must be down, and have been for `delayMin`. Undefined: the clock starts at `atMin`.
   */
  readonly when?: 'detected' | 'down';
  /** Reaction time added to `atMin`, to detection, or to when the service went down. Default 0. */
  readonly delayMin?: number;
  /** The action happens at the first instant every listed service is ok (tools it needs). */
  readonly waitsFor?: readonly string[];
  readonly loc: Location;
}

/** An observed incident milestone rather than a service state. */
export interface MilestoneObservation {
  readonly atMin: number;
  readonly milestone: 'detected' | 'communicated';
  readonly note?: string;
  readonly loc: Location;
}

/** Detection 5m when watched, 30m blind; first post 15m. */
export const DEFAULT_DETECTION: Detection = { seenMin: 5, blindMin: 30, postingMin: 15 };

export interface Detection {
  /** Minutes to detect a failure an ok monitoring service watches. Default 5. */
  readonly seenMin: number;
  /** Minutes to detect a failure no ok monitoring service watches. Default 30. */
  readonly blindMin: number;
  /** Minutes to post the first status-page update once detected and a status-page tool is usable. Default 15. */
  readonly postingMin: number;
}

export interface Observation {
  readonly atMin: number;
  readonly service: string;
  readonly state: State;
  readonly note?: string;
  readonly loc: Location;
}

export interface WhatIf {
  readonly id: string;
  readonly title: string;
  readonly patch: JsonValue;
  readonly loc: Location;
}

export interface ScenarioStart {
  /** The start instant, ms since the Unix epoch. */
  readonly epochMs: number;
  /** The start's UTC offset in minutes (e.g. -480 for PST); all printed times use it. */
  readonly offsetMin: number;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly start: ScenarioStart;
  readonly events: readonly ScenarioEvent[];
  readonly observed: readonly Observation[];
  /** Observed milestones (detection, first status-page post), in file order. */
  readonly milestones?: readonly MilestoneObservation[];
  /** Default DEFAULT_DETECTION. */
  readonly detection?: Detection;
  readonly whatIfs: readonly WhatIf[];
  /** Where what-if accounting stops (minutes after start), when the scenario declares `until`. */
  readonly untilMin?: number;
  readonly loc: Location;
}

export interface Model {
  readonly file: string;
  readonly name: string;
  readonly title: string;
  readonly sources: readonly string[];
  /** In file order. */
  readonly services: readonly Service[];
  readonly byId: ReadonlyMap<string, Service>;
  readonly scenarios: readonly Scenario[];
  /** The validated document as plain JSON: what merge patches (what-ifs, `patch` events) apply to. */
  readonly doc: JsonObject;
}

/** Weight of a service-minute lost, by tier: each tier up doubles it. */
export function tierWeight(tier: Tier): number {
  return 2 ** (3 - tier);
}

export function isTooling(service: Service): boolean {
  return service.supports !== undefined;
}

export function worse(a: State, b: State): State {
  return STATES.indexOf(a) >= STATES.indexOf(b) ? a : b;
}
