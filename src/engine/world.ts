/**
 * The replay's mutable state, one array per quantity indexed by slot, and the evaluation of one
 * service: state = max(own failure, every edge effect, recovery hold, recoversAfter floor).
 * `evaluate` is the hot loop of the replay: it allocates nothing and leaves the deciding factor
 * in `factor*` fields, which later become the cause of a transition.
 */
import type { EdgeType } from '../model/types.js';
import type { Graph, Group } from './compile.js';
import type { FleetSim } from './fleet.js';
import type { Level } from './levels.js';
import { EPS } from '../model/numbers.js';

/** How far `shareOf` follows hard edges through services without fleets. */
const MAX_SHARE_DEPTH = 2000;

/** What decided a service's level. Edge factors also carry the group and the target slot. */
export const F = { None: 0, Forced: 1, Fleet: 2, Held: 3, Floor: 4, Edge: 5, Latch: 6 } as const;
export type F = (typeof F)[keyof typeof F];

export interface Factor {
  readonly kind: F;
  readonly group: number;
  readonly target: number;
  /** An edge effect that came from the target's capacity, not its state. */
  readonly capacity: boolean;
  /** The edge's type (edge factors), so a patch that changes the edge can be told apart. */
  readonly type?: EdgeType;
}

export const NO_FACTOR: Factor = { kind: F.None, group: -1, target: -1, capacity: false };

export class World {
  now = 0;
  state: Level[] = [];
  raw: Level[] = [];
  /** Level forced by a scenario `fail` until `recover`. */
  forced: Level[] = [];
  /** Down because it cannot start: a hard dependency is down (recovery deadlock rule). */
  held: Level[] = [];
  /** Own level of a fleet from its healthy share; 0 for other services. */
  fleetLevel: Level[] = [];
  /** Healthy share of a fleet, NaN for other services. */
  cap: number[] = [];
  lag: number[] = [];
  /** recoversAfter floors: the level stays at least down / degraded until these times. */
  floorDown: number[] = [];
  floorDeg: number[] = [];
  /** Since when the service has been down (NaN while it serves): what buffers fill from. */
  downSince: number[] = [];
  /** Since when the service has been not ok (NaN while ok): how long an outage a latch sees. */
  notOkSince: number[] = [];
  /** Timeline index of the transition that took it down. */
  downTr: number[] = [];
  lastTr: number[] = [];
  why: Factor[] = [];
  /** The factor behind `raw` (what a recoversAfter floor is waiting out). */
  rawWhy: Factor[] = [];
  /** When the service last settled during the current instant: orders its transition. */
  order: number[] = [];
  deadlocked: boolean[] = [];
  readonly heldSet = new Set<number>();
  /** Offered load per slot (load.ts), and how much of it retries add. */
  load: number[] = [];
  retryLoad: number[] = [];
  /** Per slot, what retries into it would add were nothing served (load.ts). */
  retryPotential: number[] = [];
  /** Latched down until this time (edge `latch`), with the dependency it latched on. */
  latchUntil: number[] = [];
  latchOn: number[] = [];
  /** Worklist membership flags for settle (all zero between instants). */
  queued = new Uint8Array(0);
  readonly fleets = new Map<number, FleetSim>();

  factorKind: F = F.None;
  factorGroup = -1;
  factorTarget = -1;
  factorCapacity = false;
  rawLevel: Level = 0;

  constructor(public graph: Graph) {
    this.grow(graph.services.length);
  }

  /** Makes room for slots added by a patch; new services start ok. */
  grow(size: number): void {
    if (this.queued.length < size) this.queued = new Uint8Array(size);
    for (let s = this.state.length; s < size; s++) {
      this.state.push(0); this.raw.push(0); this.forced.push(0); this.held.push(0); this.fleetLevel.push(0);
      this.cap.push(NaN); this.lag.push(0); this.floorDown.push(-Infinity); this.floorDeg.push(-Infinity);
      this.downSince.push(NaN); this.notOkSince.push(NaN); this.downTr.push(-1); this.lastTr.push(-1); this.why.push(NO_FACTOR); this.rawWhy.push(NO_FACTOR);
      this.order.push(0); this.deadlocked.push(false);
      this.load.push(0); this.retryLoad.push(0); this.retryPotential.push(0); this.latchUntil.push(-Infinity); this.latchOn.push(-1);
    }
  }

  floor(s: number): Level {
    if (this.lag[s]! <= 0) return 0;
    return this.now < this.floorDown[s]! ? 2 : this.now < this.floorDeg[s]! ? 1 : 0;
  }

  /** Level of `s` from the current states of its dependencies; sets `rawLevel` and `factor*`. */
  evaluate(s: number): Level {
    let lv: Level = 0;
    let kind: F = F.None;
    let group = -1;
    let target = -1;
    let capacity = false;
    if (this.forced[s]! > lv) { lv = this.forced[s]!; kind = F.Forced; }
    if (this.fleetLevel[s]! > lv) { lv = this.fleetLevel[s]!; kind = F.Fleet; }
    if (this.held[s]! > lv) { lv = this.held[s]!; kind = F.Held; }
    if (lv < 2 && this.now < this.latchUntil[s]! - EPS) { lv = 2; kind = F.Latch; target = this.latchOn[s]!; }
    const groups = this.graph.groups[s]!;
    for (let g = 0; g < groups.length && lv < 2; g++) {
      const best = this.groupLevel(groups[g]!);
      if (best > lv) { lv = best; kind = F.Edge; group = g; target = this.groupTarget; capacity = this.groupCapacity; }
    }
    this.rawLevel = lv;
    if (lv > 0) {
      const rw = this.rawWhy[s]!;
      if (rw.kind !== kind || rw.group !== group || rw.target !== target || rw.capacity !== capacity) {
        this.rawWhy[s] = this.factorOf(s, kind, group, target, capacity);
      }
    }
    const fl = this.floor(s);
    if (fl > lv) { lv = fl; kind = F.Floor; group = -1; target = -1; capacity = false; }
    this.factorKind = kind;
    this.factorGroup = group;
    this.factorTarget = target;
    this.factorCapacity = capacity;
    return lv;
  }

  /** Set by groupLevel: the alternative that decided it, and whether through its capacity. */
  groupTarget = -1;
  groupCapacity = false;

  /** The effect of one dependency group now: an anyOf takes its best alternative (async: none). */
  groupLevel(grp: Group): Level {
    this.groupTarget = -1;
    this.groupCapacity = false;
    if (grp.type === 'async') return 0;
    let best: Level = 2;
    for (let i = 0; i < grp.targets.length; i++) {
      const x = grp.targets[i]!;
      const st = this.state[x]!;
      let e: Level = 0;
      let fromCap = false;
      if (grp.type === 'hard') {
        e = st;
        const need = grp.needs[i]!;
        const c = Number.isNaN(need) ? NaN : this.fleets.has(x) ? this.cap[x]! : this.shareOf(x);
        if (!Number.isNaN(need) && !Number.isNaN(c)) {
          const ce: Level = c < need - EPS ? 2 : c < 1 - EPS ? 1 : 0;
          if (ce > e) { e = ce; fromCap = true; }
        }
      } else if (grp.type === 'soft') {
        e = st === 2 ? 1 : 0;
      } else if (st === 2) {
        // A buffer fills only while its dependency is down, and drains as soon as it serves again.
        const since = Number.isNaN(this.downSince[x]!) ? this.now : this.downSince[x]!;
        e = this.now - since >= grp.fillsAfterMin - EPS ? grp.whenFull : 0;
      }
      if (this.groupTarget < 0 || e < best) { best = e; this.groupTarget = x; this.groupCapacity = fromCap; }
    }
    return best;
  }

  /**
   * Served share of `s` (docs/semantics.md#load): a fleet's own (with `capacity` the share of its
   * load it serves, else its healthy share); a service without a fleet 0 while down, else the
   * lowest over its hard dependencies of their share (an anyOf: its best alternative), 1 with none
   * — so a share flows end to end through services without fleets. An edge back into the walk (a
   * cycle) counts as 1.
   */
  shareOf(s: number, memo = new Map<number, number>(), depth = 0): number {
    if (this.fleets.has(s)) { const c = this.cap[s]!; return Number.isNaN(c) ? 1 : c; }
    if (this.state[s] === 2) return 0;
    const known = memo.get(s);
    if (known !== undefined) return known;
    // Deeper than any real call chain: counted as whole, like a cycle (no unbounded recursion).
    if (depth > MAX_SHARE_DEPTH) return 1;
    memo.set(s, 1);
    let share = 1;
    for (const grp of this.graph.groups[s]!) {
      if (grp.type !== 'hard') continue;
      let best = 0;
      for (const x of grp.targets) if (this.graph.services[x] !== undefined) best = Math.max(best, this.shareOf(x, memo, depth + 1));
      share = Math.min(share, best);
    }
    memo.set(s, share);
    return share;
  }

  /** Whether the factor `f` alone still holds `s` at `lv` or worse (a patch may have changed the edge). */
  holds(s: number, f: Factor, lv: Level): boolean {
    switch (f.kind) {
      case F.Forced: return this.forced[s]! >= lv;
      case F.Fleet: return this.fleetLevel[s]! >= lv;
      case F.Held: return this.held[s]! >= lv;
      case F.Floor: return this.floor(s) >= lv;
      case F.Edge: {
        const grp = this.graph.groups[s]?.[f.group];
        return grp !== undefined && grp.type === f.type && grp.targets.includes(f.target) && this.groupLevel(grp) >= lv;
      }
      default: return false;
    }
  }

  factor(s: number): Factor {
    return this.factorOf(s, this.factorKind, this.factorGroup, this.factorTarget, this.factorCapacity);
  }

  private factorOf(s: number, kind: F, group: number, target: number, capacity: boolean): Factor {
    const type = group >= 0 ? this.graph.groups[s]![group]!.type : undefined;
    return { kind, group, target, capacity, ...(type ? { type } : {}) };
  }

  /** Some hard dependency group of `s` has every alternative down (or waiting, per `waiting`). */
  blocked(s: number, waiting: (x: number) => boolean): boolean {
    for (const grp of this.graph.groups[s]!) {
      if (grp.type !== 'hard') continue;
      if (grp.targets.every((x) => this.state[x] === 2 || waiting(x))) return true;
    }
    return false;
  }
}
