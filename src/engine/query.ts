/**
 * Reading a Replay: the state of one service or of all at an instant, and the cause chain behind
 * it. The TUI calls these on every keypress on graphs of 10,000 services, so the per-service
 * transition lists are built once per Replay (cached) and searched by bisection.
 */
import type { State } from '../model/types.js';
import { sampleAt } from './fleet-size.js';
import type { Replay, Transition } from './types.js';

interface Lane {
  /** Times of the service's transitions, ascending. */
  readonly times: Float64Array;
  /** Their timeline indexes. */
  readonly index: Int32Array;
}

interface Index {
  readonly lanes: ReadonlyMap<string, Lane>;
  readonly ids: readonly string[];
}

const cache = new WeakMap<Replay, Index>();

function indexOf(replay: Replay): Index {
  let index = cache.get(replay);
  if (!index) {
    const byService = new Map<string, number[]>();
    replay.timeline.forEach((t, i) => {
      let list = byService.get(t.service);
      if (!list) byService.set(t.service, (list = []));
      list.push(i);
    });
    const lanes = new Map<string, Lane>();
    for (const [id, list] of byService) {
      lanes.set(id, { times: Float64Array.from(list, (i) => replay.timeline[i]!.atMin), index: Int32Array.from(list) });
    }
    index = { lanes, ids: replay.serviceIds };
    cache.set(replay, index);
  }
  return index;
}

/** Last transition of a lane at or before `atMin`, as a timeline index, or -1. */
function lastIn(lane: Lane | undefined, atMin: number): number {
  if (!lane) return -1;
  const { times } = lane;
  let lo = 0;
  let hi = times.length; // first position whose transition is after atMin
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= atMin) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? -1 : lane.index[lo - 1]!;
}

/** The timeline index of the transition that set `service`'s state at `atMin`, or −1 (ok throughout). */
export function transitionAt(replay: Replay, service: string, atMin: number): number {
  return lastIn(indexOf(replay).lanes.get(service), atMin);
}

/** The state of `service` at `atMin` (every service starts ok) and the transition that set it. */
export function stateAt(replay: Replay, service: string, atMin: number): { state: State; since?: Transition } {
  const i = transitionAt(replay, service, atMin);
  if (i < 0) return { state: 'ok' };
  const since = replay.timeline[i]!;
  return { state: since.state, since };
}

/** Every service's state at `atMin`, keyed by id in sorted id order. */
export function statesAt(replay: Replay, atMin: number): ReadonlyMap<string, State> {
  const { lanes, ids } = indexOf(replay);
  const out = new Map<string, State>();
  for (const id of ids) {
    const i = lastIn(lanes.get(id), atMin);
    out.set(id, i < 0 ? 'ok' : replay.timeline[i]!.state);
  }
  return out;
}

/**
 * Why `service` is in its state at `atMin`: the transition that set it, then the transition its
 * cause rests on, and so on back to the root (a scenario event or a limit crossing). Empty when
 * the service has been ok throughout.
 */
export function explain(replay: Replay, service: string, atMin: number): Transition[] {
  const chain: Transition[] = [];
  let i = transitionAt(replay, service, atMin);
  const seen = new Set<number>();
  while (i >= 0 && !seen.has(i)) {
    seen.add(i);
    chain.push(replay.timeline[i]!);
    i = parentOf(replay, i);
  }
  return chain;
}

/** Links a cause chain shows before it refers to the rest (`--at`, the reports). */
export const CHAIN_LINKS = 6;

/**
 * The first `max` links of a transition's cause chain (timeline indexes, itself first), the
 * chain's whole length and its root. Cause chains share their tails (every dependent of a failed
 * service rests on the same transitions), so printing each in full would be quadratic on a long
 * dependency chain; the rest of a chain is read from `cause.parent` of the last link shown.
 */
export interface ChainHead {
  readonly links: readonly number[];
  readonly length: number;
  readonly root: number;
}

export function chainHead(replay: Replay, index: number, max = CHAIN_LINKS): ChainHead {
  const { depth, root } = chainsOf(replay);
  const links: number[] = [];
  for (let i = index; i >= 0 && links.length < max; i = parentOf(replay, i)) links.push(i);
  return { links, length: depth[index]!, root: root[index]! };
}

/** `cause.parent`, or −1 at a root (a parent is always an earlier transition; anything else is no link). */
function parentOf(replay: Replay, i: number): number {
  const p = replay.timeline[i]!.cause.parent;
  return p !== undefined && p >= 0 && p < i ? p : -1;
}

const chainCache = new WeakMap<Replay, { depth: Int32Array; root: Int32Array }>();

/** Every transition's chain length and root in one forward pass (parents come first), cached. */
function chainsOf(replay: Replay): { depth: Int32Array; root: Int32Array } {
  let c = chainCache.get(replay);
  if (!c) {
    const n = replay.timeline.length;
    const depth = new Int32Array(n);
    const root = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const p = parentOf(replay, i);
      depth[i] = p < 0 ? 1 : depth[p]! + 1;
      root[i] = p < 0 ? i : root[p]!;
    }
    chainCache.set(replay, (c = { depth, root }));
  }
  return c;
}

/** The distinct instants of the scenario's events, ascending (timeline markers). */
export function eventTimes(replay: Replay): number[] {
  // When each event happened (a reaction's own time; one that never happened has none).
  const times = replay.eventTimes ?? replay.scenario.events.map((e) => e.atMin);
  return [...new Set(times.filter((x): x is number => x !== null))].sort((a, b) => a - b);
}

/**
 * A fleet's node count and connected peers per node at `atMin`, read on from the replay's last
 * sample of it (the mesh keeps connecting between instants); undefined before its first sample
 * or for a service that is not a fleet.
 */
export function fleetAt(replay: Replay, service: string, atMin: number): { nodes: number; peers: number } | undefined {
  const list = replay.fleets[service];
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.atMin <= atMin) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : sampleAt(list[lo - 1]!, atMin);
}
