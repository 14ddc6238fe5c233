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
  const pass = new Pass(w);
  const { candidates, released } = releaseHeld(w, pass, dirty, exempt, reseed);
  const { reset, raise } = full ? wholeRegion(w) : resetRegion(w, pass, candidates, released);
  for (const s of reset) {
    pass.snap(s);
    w.state[s] = 0;
    w.order[s] = ++pass.counter;
  }
  for (const s of reset) pass.enqueue(s);
  for (const s of raise) pass.enqueue(s);
  pass.run();

  const held = holdWaiters(w, reset.filter((s) => pass.before.get(s)!.state === 2 && w.state[s]! < 2 && !exempt.has(s)));
  for (const s of held) {
    w.held[s] = 2;
    w.heldSet.add(s);
    pass.enqueue(s);
  }
  pass.run();
  return { before: pass.before, held };
}

/** One settle's bookkeeping: what each touched service was before, the order counter, the raise worklist. */
class Pass {
  readonly before = new Map<number, Before>();
  counter = 0;
  private readonly queue: number[] = [];

  constructor(private readonly w: World) {}

  snap(s: number): void {
    const w = this.w;
    if (!this.before.has(s)) this.before.set(s, { state: w.state[s]!, raw: w.raw[s]!, why: w.why[s]!, rawWhy: w.rawWhy[s]! });
  }

  enqueue(s: number): void {
    if (this.w.queued[s] === 0) { this.w.queued[s] = 1; this.queue.push(s); }
  }

  /** Raises every queued service to what its inputs give, queueing the dependents of each that rose. */
  run(): void {
    const w = this.w;
    const live = w.graph.services;
    const queue = this.queue;
    for (let i = 0; i < queue.length; i++) {
      const s = queue[i]!;
      w.queued[s] = 0;
      this.snap(s);
      const v = w.evaluate(s);
      w.raw[s] = w.rawLevel;
      if (v > w.state[s]!) {
        w.state[s] = v;
        w.why[s] = w.factor(s);
        w.order[s] = ++this.counter;
        for (const d of w.graph.dependents[s]!) if (live[d] !== undefined) this.enqueue(d);
      }
    }
    queue.length = 0;
  }
}

/**
 * Held services get re-decided every instant: release them and let step 3 re-hold them. So are the
 * services a recover event exempts: both go straight into the reset region. `reseed`: services whose
 * own factor improved (a fleet's load fell): they start the reset region even when a cycle through
 * them would otherwise hold them at their level.
 */
function releaseHeld(w: World, pass: Pass, dirty: Iterable<number>, exempt: ReadonlySet<number>, reseed: Iterable<number>): { candidates: Set<number>; released: Set<number> } {
  const candidates = new Set<number>(dirty);
  const released = new Set<number>([...exempt, ...reseed]);
  for (const s of reseed) candidates.add(s);
  for (const s of w.heldSet) {
    pass.snap(s);
    w.held[s] = 0;
    candidates.add(s);
    released.add(s);
  }
  w.heldSet.clear();
  return { candidates, released };
}

/** A full settle: every live service is raised again, every not-ok one from ok. */
function wholeRegion(w: World): { reset: number[]; raise: number[] } {
  const reset: number[] = [];
  const raise: number[] = [];
  for (const s of w.graph.live) {
    if (w.state[s]! > 0) reset.push(s);
    raise.push(s);
  }
  return { reset, raise };
}

/** Steps 1 and 2: the seeds (would improve, or released) and every not-ok service downstream of them. */
function resetRegion(w: World, pass: Pass, candidates: ReadonlySet<number>, released: ReadonlySet<number>): { reset: number[]; raise: number[] } {
  const live = w.graph.services;
  const raise: number[] = [];
  const seeds: number[] = [];
  for (const s of candidates) {
    if (live[s] === undefined) continue;
    pass.snap(s);
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
  return { reset: seeds, raise };
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
