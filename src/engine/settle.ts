/**
 * One instant's recomputation to the least fixpoint, incrementally:
 * 1. services whose inputs changed are re-evaluated; those that would improve are seeds;
 * 2. every not-ok service downstream of a seed is reset to ok (its support may be gone — through a
 *    cycle, it could otherwise hold itself down), then everything reset or worsened is raised again
 *    from below with a worklist: states only rise, so cycles terminate and the result is the least
 *    fixpoint given the states outside the reset region;
 * 3. the recovery-deadlock rule: a service that was down and would now come back stays down while
 *    a hard dependency (every alternative of an anyOf) is down or itself waiting — the greatest set
 *    of such waiters is held down, and the raise loop runs once more.
 * Returns the state, raw level and factor of every service touched, as they were before.
 */
import type { Level } from './levels.js';
import { F, type Factor, type World } from './world.js';
import { pushAll } from '../model/arrays.js';

export interface Before {
  readonly state: Level;
  readonly raw: Level;
  readonly why: Factor;
  readonly rawWhy: Factor;
}

export interface Settled {
  readonly before: Map<number, Before>;
  /** Services that the deadlock rule holds down this instant. */
  readonly held: readonly number[];
}

export function settle(w: World, dirty: Iterable<number>, full: boolean, exempt: ReadonlySet<number>, reseed: Iterable<number> = []): Settled {
  const before = new Map<number, Before>();
  const snap = (s: number) => {
    if (!before.has(s)) before.set(s, { state: w.state[s]!, raw: w.raw[s]!, why: w.why[s]!, rawWhy: w.rawWhy[s]! });
  };
  const live = w.graph.services;
  let counter = 0;

  // Held services get re-decided every instant: release them and let step 3 re-hold them.
  // So are the services a recover event exempts: both go straight into the reset region.
  const candidates = new Set<number>(dirty);
  // `reseed`: services whose own factor improved (a fleet's load fell): they start the reset region
  // even when a cycle through them would otherwise hold them at their level.
  const released = new Set<number>([...exempt, ...reseed]);
  for (const s of reseed) candidates.add(s);
  for (const s of w.heldSet) {
    snap(s);
    w.held[s] = 0;
    candidates.add(s);
    released.add(s);
  }
  w.heldSet.clear();

  const reset: number[] = [];
  const raise: number[] = [];
  if (full) {
    for (const s of w.graph.live) {
      if (w.state[s]! > 0) reset.push(s);
      raise.push(s);
    }
  } else {
    const seeds: number[] = [];
    for (const s of candidates) {
      if (live[s] === undefined) continue;
      snap(s);
      const v = w.evaluate(s);
      w.raw[s] = w.rawLevel;
      if (v < w.state[s]! || (released.has(s) && w.state[s]! > 0)) seeds.push(s);
      else if (v > w.state[s]!) raise.push(s);
    }
    const inReset = new Set<number>(seeds);
    for (let i = 0; i < seeds.length; i++) {
      for (const d of w.graph.dependents[seeds[i]!]!) {
        if (!inReset.has(d) && w.state[d]! > 0) { inReset.add(d); seeds.push(d); }
      }
    }
    pushAll(reset, seeds);
  }
  for (const s of reset) {
    snap(s);
    w.state[s] = 0;
    w.order[s] = ++counter;
  }

  const queued = w.queued;
  const queue: number[] = [];
  const enqueue = (s: number) => {
    if (queued[s] === 0) { queued[s] = 1; queue.push(s); }
  };
  const run = () => {
    for (let i = 0; i < queue.length; i++) {
      const s = queue[i]!;
      queued[s] = 0;
      snap(s);
      const v = w.evaluate(s);
      w.raw[s] = w.rawLevel;
      if (v > w.state[s]!) {
        w.state[s] = v;
        w.why[s] = w.factor(s);
        w.order[s] = ++counter;
        for (const d of w.graph.dependents[s]!) if (live[d] !== undefined) enqueue(d);
      }
    }
    queue.length = 0;
  };
  for (const s of reset) enqueue(s);
  for (const s of raise) enqueue(s);
  run();

  const held = holdWaiters(w, reset.filter((s) => before.get(s)!.state === 2 && w.state[s]! < 2 && !exempt.has(s)));
  for (const s of held) {
    w.held[s] = 2;
    w.heldSet.add(s);
    enqueue(s);
  }
  run();
  return { before, held };
}

/**
 * A service whose level did not change keeps its cause while that still holds it; when it no
 * longer does (what held it cleared, something else holds it at the same level) the cause becomes
 * what holds it now. Returns the services whose cause changed so (not to a recoversAfter floor,
 * which waits out what held it, nor to a recovery deadlock, which is recorded on its own).
 */
export function reblame(w: World, before: ReadonlyMap<number, Before>): number[] {
  const out: number[] = [];
  for (const [s, b] of before) {
    const lv = w.state[s]!;
    if (lv === 0 || b.state !== lv || w.graph.services[s] === undefined) continue;
    if (w.holds(s, b.why, lv)) { w.why[s] = b.why; continue; }
    w.evaluate(s);
    const f = w.factor(s);
    w.why[s] = f;
    const same = f.kind === b.why.kind && f.target === b.why.target && f.type === b.why.type;
    if (!same && f.kind !== F.Floor && f.kind !== F.Held) out.push(s);
  }
  return out.sort((a, b) => a - b);
}

/**
 * The greatest subset of `candidates` in which every member is blocked by down services or other
 * members: start from all, drop the unblocked, and re-check only the dependents of what was dropped.
 */
function holdWaiters(w: World, candidates: readonly number[]): number[] {
  const waiting = new Set(candidates);
  const inWaiting = (x: number) => waiting.has(x);
  const queue = [...candidates];
  while (queue.length > 0) {
    const s = queue.pop()!;
    if (!waiting.has(s) || w.blocked(s, inWaiting)) continue;
    waiting.delete(s);
    for (const d of w.graph.dependents[s]!) if (waiting.has(d)) queue.push(d);
  }
  return [...waiting].sort((a, b) => a - b);
}
