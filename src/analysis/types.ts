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
  readonly crossedBy?: { readonly scenario: string; readonly atMin: number; readonly toNodes: number };
}

export interface RestartHazard {
  readonly service: string;
  readonly nodes: number;
  readonly perHour: number;
  readonly fullRestartHours: number;
}

export interface SinglePointsOfFailure {
  readonly entrypoint: string;
  readonly services: readonly string[];
}

export interface Audit {
  readonly file: string;
  readonly findings: readonly Finding[];
  /** Every service, ranked by score (then id). */
  readonly blastRadius: readonly BlastRadius[];
  readonly cycles: readonly RuntimeCycle[];
  readonly toolingCycles: readonly ToolingCycle[];
  readonly spof: readonly SinglePointsOfFailure[];
  readonly scaling: readonly ScalingHazard[];
  readonly restart: readonly RestartHazard[];
}
