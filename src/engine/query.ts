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

function lastAt(replay: Replay, service: string, atMin: number): number {
  return lastIn(indexOf(replay).lanes.get(service), atMin);
}

/** The state of `service` at `atMin` (every service starts ok) and the transition that set it. */
export function stateAt(replay: Replay, service: string, atMin: number): { state: State; since?: Transition } {
  const i = lastAt(replay, service, atMin);
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
  let i = lastAt(replay, service, atMin);
  const seen = new Set<number>();
  while (i >= 0 && !seen.has(i)) {
    seen.add(i);
    const t = replay.timeline[i]!;
    chain.push(t);
    i = t.cause.parent ?? -1;
  }
  return chain;
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
