/** What the audit produces: findings plus the tables behind them. Plain data for cli/tui/report. */
import type { Location } from '../model/types.js';

export type Severity = 'error' | 'warn' | 'info';

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly services: readonly string[];
  readonly path?: readonly string[];
  readonly location: Location;
  /** Stable identity for baselines and SARIF: rule + what it is about, never line numbers or figures. */
  readonly fingerprint?: string;
}

export interface BlastRadius {
  readonly service: string;
  readonly downCount: number;
  readonly degradedCount: number;
  /** Member lists: present for every service on graphs of ≤ 1,000 services, else for the top N. */
  readonly down?: readonly string[];
  readonly degraded?: readonly string[];
  /** Tier-weighted: Σ tierWeight over down + ½ Σ over degraded. */
  readonly score: number;
  readonly entrypointsHit: number;
  /** Minutes until the first other service is hit (buffers delay it); undefined = hits nothing. */
  readonly timeToImpactMin?: number;
  /** With the member lists: members hit only after buffers fill, with when and how (minutes). */
  readonly delayed?: readonly { readonly service: string; readonly state: 'down' | 'degraded'; readonly atMin: number }[];
}

export interface RuntimeCycle {
  /** Every member of the strongly connected component. */
  readonly members: readonly string[];
  /** One shortest concrete cycle through it, first id repeated at the end. */
  readonly path: readonly string[];
  /** Every edge of the cycle is needed to start (hard): recovery would deadlock. */
  readonly deadlocks: boolean;
}

export interface ToolingCycle {
  readonly tool: string;
  readonly root: string;
  /** Dependency path from the tool to the root. */
  readonly path: readonly string[];
  /** Total buffer delay along the path, in minutes (0 = no buffer). */
  readonly bufferDelayMin: number;
  /** What the root's failure does to the tool. */
  readonly toolState?: 'down' | 'degraded';
  /** How many roots in all share fate with this tool (only the nearest few are listed). */
  readonly rootsTotal?: number;
}

export interface ScalingHazard {
  readonly service: string;
  readonly resource: string;
  readonly nodes: number;
  /** Largest fleet that keeps usage ≤ limit; undefined = unbounded (cells or k peers cap it). */
  readonly maxNodes?: number;
  readonly headroomNodes?: number;
  readonly headroomPercent?: number;
  /** A scenario scale event that crosses the limit, if any. */
  readonly crossedBy?: {
    readonly scenario: string; readonly atMin: number; readonly toNodes: number;
    readonly fromNodes?: number; readonly overMin?: number; readonly loc?: Location;
  };
  readonly base?: number;
  readonly perPeer?: number;
  readonly limit?: number;
  /** Per-node usage at the current size. */
  readonly usage?: number;
  /** The resource's line in the YAML. */
  readonly loc?: Location;
}

export interface RestartHazard {
  readonly service: string;
  readonly nodes: number;
  readonly perHour: number;
  readonly fullRestartHours: number;
  /** The fleet's line in the YAML. */
  readonly loc?: Location;
}

/** Entrypoints that wait, over hard edges, on a fleet meshed all-to-all (rule request-path-mesh). */
export interface MeshPathHazard {
  readonly service: string;
  readonly nodes: number;
  /** Sorted. */
  readonly entrypoints: readonly string[];
  /** From the nearest entrypoint to the meshed fleet. */
  readonly path: readonly string[];
  readonly loc?: Location;
}

/** A mesh that spreads a bad state without checksums (rule unchecked-state-spread). */
export interface SpreadHazard {
  readonly service: string;
  readonly nodes: number;
  readonly spreadPerMinute: number;
  readonly serving: number;
  /** Minutes for one corrupted node to take the fleet below `serving` (logistic curve). */
  readonly minutesToDown?: number;
  readonly loc?: Location;
}

/** A fleet restored one node at a time that a full mesh can take down whole (rule restart-scales-with-fleet). */
export interface RebuildHazard {
  readonly service: string;
  readonly nodes: number;
  readonly perHour: number;
  /** nodes / perHour. */
  readonly hours: number;
  /** The full-mesh fleet it waits on (absent: it is one). */
  readonly via?: string;
  readonly loc?: Location;
}

export interface SinglePointsOfFailure {
  readonly entrypoint: string;
  /** How many services' single failure takes the entrypoint down. */
  readonly count: number;
  /** Those services, sorted by id: all of them on graphs of ≤ 1,000 services, else the first 100. */
  readonly services: readonly string[];
}

export interface Audit {
  readonly file: string;
  readonly findings: readonly Finding[];
  /** Every service, ranked by score (then id). */
  readonly blastRadius: readonly BlastRadius[];
  readonly cycles: readonly RuntimeCycle[];
  /** Loops of hard (non-anyOf) dependencies: each one cannot restart on its own. */
  readonly deadlocks?: readonly RuntimeCycle[];
  readonly toolingCycles: readonly ToolingCycle[];
  readonly spof: readonly SinglePointsOfFailure[];
  readonly scaling: readonly ScalingHazard[];
  readonly restart: readonly RestartHazard[];
  /** Full-mesh and spread hazards (rules request-path-mesh, unchecked-state-spread, restart-scales-with-fleet). */
  readonly mesh?: {
    readonly requestPath: readonly MeshPathHazard[];
    readonly unchecked: readonly SpreadHazard[];
    readonly rebuild: readonly RebuildHazard[];
  };
  /** Findings dropped by the rules file's ignores and by a baseline. */
  readonly suppressed?: number;
}
