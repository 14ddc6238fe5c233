/**
 * What the blast pass shares between its threads (blast.ts, blast-threads.ts, blast-worker.ts): the
 * job, one thread's sums, and the slots of the shared control words.
 */
import type { DependencyOrder } from './dependency-order.js';

export interface ToolSpec {
  readonly node: number;
  /** Supported services, or undefined for all ("*"). */
  readonly supports?: readonly number[];
}

export interface SpofOptions {
  /** Keep at most this many services per entrypoint: the first by `rank`. Default: all. */
  readonly keep?: number;
  /** Order for `keep` (e.g. rank of each service's id); required with `keep`. */
  readonly rank?: Int32Array;
}

/** What a thread needs to run batches: the graph in dependency order and the tally's inputs. */
export interface BlastJob {
  readonly g: TallyGraph;
  readonly o: DependencyOrder;
  readonly tools: readonly ToolSpec[];
  readonly words: number;
  readonly spofOptions: SpofOptions;
}

export interface TallyGraph {
  readonly n: number;
  readonly tier: Uint8Array;
  readonly entry: Uint8Array;
}

/** One thread's sums (every array indexed by service; lanes of batches it did not run are 0). */
export interface TallyPart {
  readonly downCount: Int32Array;
  readonly degradedCount: Int32Array;
  readonly entrypointsHit: Int32Array;
  readonly score: Float64Array;
  readonly spofCount: Int32Array;
  /** Each entrypoint's capped SPOF list as a max-heap of id ranks (blast.ts SpofLists). */
  readonly heaps: Int32Array;
  readonly toolRoots: readonly Uint8Array[];
}

/** Slots of the shared control words. */
export const NEXT = 0;
export const SERVICES_DONE = 1;
/** Set by the helper before its first claim: a helper that never entered has no batch to wait for. */
export const ENTERED = 2;
export const FINISHED = 3;
export const CONTROL_SIZE = 4;
