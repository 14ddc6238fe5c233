/**
 * One fleet's dynamics between instants, in closed form (no fixed tick):
 * - node count N(t): linear during a `scale` event's `over`, else constant;
 * - one shared connected-peer count p(t) = min(p0 + rate·Δt, target(N(t))), where target is N−1, the
 *   cell size −1, or k; it rises at `connectPerMinute` and falls to the target at once;
 * - per-node usage = base + perPeer·⌊p⌋; every healthy node fails the instant it passes a limit;
 * - a rolling restart brings failed nodes back one at a time, every 60/perHour minutes, unless the
 *   restarted node would pass the limit again (then it fails again and nothing improves).
 * - a bad state (`corrupt`) held by I nodes spreads through the mesh logistically (spread.ts); those
 *   nodes are busy or failed until a `stop` clears it: healthy = N − failed − ⌊I⌋;
 * - `stop` fails every node and clears the bad state; only a restart brings nodes back.
 * Scaling down removes failed nodes first.
 * With a load model (`capacity`, see load.ts) the fleet also carries an offered load L, set at
 * instants: it serves min(1, healthy·capacity/L) of it, and `perLoad` usage grows with the load
 * per node L/max(1, healthy) (capped at capacity with `admission`), so fewer nodes means more load
 * each — restarted nodes that would pass a limit under it fail again (the thundering herd).
 */
import type { Fleet, Resource } from '../model/types.js';
import { nodesOn, targetPeers } from './fleet-size.js';
import { affectedCount, nextSpreadCrossing, spreadAfter } from './spread.js';
import type { FleetSample, Scale } from './types.js';
import { EPS } from '../model/numbers.js';


interface Restart {
  readonly intervalMin: number;
  readonly perHour: number;
  /** When the next node comes back. */
  nextAt: number;
}

export interface LimitBreach {
  readonly resource: Resource;
  readonly usage: number;
  readonly peers: number;
  readonly nodes: number;
  /** A `patch` event changed the fleet's parameters and so put it over the limit. */
  readonly byPatch?: boolean;
}

export class FleetSim {
  n: number;
  /** Connected peers per node (continuous; ⌊p⌋ are connected). */
  p: number;
  failed = 0;
  /** Nodes holding a bad state, on the logistic curve (continuous; see affected()). */
  bad = 0;
  restart: Restart | undefined;
  /** When a `stop` stopped every node, until the fleet is whole again. */
  stoppedAt: number | undefined;
  /** Bumped whenever the plan changes, so queued plans that went stale are skipped. */
  version = 0;
  /** Offered load (capacity fleets only), set by the load pass at instants. */
  load = 0;
  /** The part of `load` without retries, and what retries would add were nothing served (load.ts). */
  baseLoad = 0;
  retryPotential = 0;
  private scale: Scale | undefined;
  private tu = 0;

  /** `since`: the instant the fleet comes into the replay (0, or a patch that adds it). */
  constructor(public spec: Fleet, since = 0) {
    this.n = spec.nodes;
    this.p = this.target(this.n);
    this.tu = since;
  }

  /**
   * A patch changed the fleet's parameters (the caller has advanced it to now under the old
   * ones): connection progress continues from the peers held now, a lower target cuts it at once,
   * and a mesh that connects at once is at its target.
   */
  respec(spec: Fleet): void {
    this.spec = spec;
    this.p = this.rate() === Infinity ? this.target(this.n) : Math.min(this.p, this.target(this.n));
    this.version++;
  }

  target(n: number): number {
    return targetPeers(this.spec, n);
  }

  /** Size and mesh now (after `advance(t)`), for `fleetAt` queries between instants. */
  sample(t: number): FleetSample {
    return { atMin: t, nodes: this.n, peers: this.p, spec: this.spec, ...(this.scale ? { scale: this.scale } : {}) };
  }

  private rate(): number {
    return this.spec.mesh?.connectPerMinute ?? Infinity;
  }

  private nodesAt(t: number): number {
    return nodesOn(this.scale, this.n, t);
  }

  /** Load each node takes when `h` nodes are healthy (at least one node takes it all). */
  loadPerNode(h = this.healthy()): number {
    const c = this.spec.capacity;
    if (c === undefined) return 0;
    const each = this.load / Math.max(1, h);
    return this.spec.admission === true ? Math.min(each, c) : each;
  }

  /** Usage of a resource at a whole peer count, with the current load per node. */
  usage(r: Resource, peers: number): number {
    return r.base + r.perPeer * peers + (r.perLoad ?? 0) * this.loadPerNode();
  }

  /** The smallest whole peer count that passes some limit, and that resource (Infinity: never). */
  failingPeers(): { peers: number; resource?: Resource } {
    let best: { peers: number; resource?: Resource } = { peers: Infinity };
    const perNode = this.loadPerNode();
    for (const r of this.spec.perNode) {
      const base = r.base + (r.perLoad ?? 0) * perNode;
      const peers = base > r.limit ? 0 : r.perPeer > 0 ? Math.max(0, Math.floor((r.limit - base) / r.perPeer) + 1) : Infinity;
      if (peers < best.peers) best = { peers, resource: r };
    }
    return best;
  }

  over(): boolean {
    return Math.floor(this.p + EPS) >= this.failingPeers().peers;
  }

  /** Whole nodes busy or failed on the bad state (only nodes that have not failed otherwise). */
  affected(): number {
    return affectedCount(this.bad, Math.max(0, this.n - this.failed));
  }

  healthy(): number {
    return Math.max(0, this.n - this.failed - this.affected());
  }

  /** Healthy-node fraction. */
  healthyShare(): number {
    return this.n <= EPS ? 0 : this.healthy() / this.n;
  }

  /** Served share: the healthy fraction, or with a load model min(1, healthy·capacity/load). */
  capacity(): number {
    const c = this.spec.capacity;
    if (c === undefined) return this.healthyShare();
    const h = this.healthy();
    if (h <= EPS) return 0;
    return this.load <= EPS ? 1 : Math.min(1, (h * c) / this.load);
  }

  /** Served-share thresholds as healthy-node fractions (what restarts and spreads cross). */
  private asHealthy(thresholds: readonly number[]): number[] {
    const c = this.spec.capacity;
    if (c === undefined || this.n <= EPS) return [...thresholds];
    if (this.load <= EPS) return thresholds.map((x) => Math.max(1 / this.n, x / this.n)).filter((x) => x <= 1 + EPS);
    return thresholds.map((x) => Math.max(1 / this.n, this.capacityFor(x) / (c * this.n))).filter((x) => x <= 1 + EPS);
  }

  /**
   * The capacity (healthy × per-node capacity) at which the served share reaches θ, under the load
   * the fleet carries now. Without retries, θ·L. With retries on an overloaded fleet the load
   * falls as capacity grows (load.ts: L = L0 + R·(1 − K/L)): share θ at K = θ·(M − θR), M = L0 + R,
   * while θ ≤ M/2R; above that the high equilibrium ends at K = M²/4R and the share jumps to 1.
   */
  capacityFor(theta: number): number {
    const r = this.retryPotential;
    if (r <= EPS || this.capacity() >= 1 - EPS) return theta * this.load;
    const m = this.baseLoad + r;
    return theta <= m / (2 * r) ? theta * (m - theta * r) : (m * m) / (4 * r);
  }

  /**
   * Brings N, p and the restarts forward to `t` (no limit crossing lies strictly before `t`).
   * Returns how many failed nodes the rolling restart brought back meanwhile.
   */
  advance(t: number): number {
    if (t <= this.tu) return 0;
    let back = 0;
    const over = this.over();
    const nNow = this.nodesAt(t);
    if (nNow < this.n) this.failed = Math.max(0, this.failed - (this.n - nNow));
    this.n = nNow;
    this.p = Math.min(this.p + this.rate() * (t - this.tu), this.target(nNow));
    if (this.scale && t >= this.scale.t1) this.scale = undefined;
    const r = this.restart;
    if (r && t + 1e-6 >= r.nextAt) {
      const count = Math.floor((t - r.nextAt) / r.intervalMin + 1e-6) + 1;
      r.nextAt += count * r.intervalMin;
      if (!over) {
        back = Math.min(count, Math.round(this.failed));
        this.failed = Math.max(0, this.failed - count);
      }
    }
    if (r && this.failed <= EPS) this.restart = undefined;
    if (this.failed <= EPS) this.stoppedAt = undefined;
    if (over) this.failed = this.n;
    if (this.bad > 0) this.bad = spreadAfter(this.bad, this.spec.mesh?.spreadPerMinute, this.n, t - this.tu);
    this.tu = t;
    return back;
  }

  /** At the current instant: every healthy node fails if usage passes a limit (the usage they reached). */
  breach(): LimitBreach | undefined {
    const { peers, resource } = this.failingPeers();
    const have = Math.floor(this.p + EPS);
    if (!resource || have < peers || this.healthy() <= EPS) return undefined;
    const usage = this.usage(resource, have);
    this.failed = this.n;
    return { resource, usage, peers: have, nodes: this.n };
  }

  startScale(t: number, to: number, overMin: number): void {
    this.scale = { from: this.n, to: Math.max(0, to), t0: t, t1: t + overMin };
    if (overMin <= 0) this.applyNow(t);
    this.version++;
  }

  private applyNow(t: number): void {
    const s = this.scale!;
    if (s.to < this.n) this.failed = Math.max(0, this.failed - (this.n - s.to));
    this.n = s.to;
    // A mesh without connectPerMinute connects at once: the new peers are there at this instant.
    this.p = this.rate() === Infinity ? this.target(this.n) : Math.min(this.p, this.target(this.n));
    this.scale = undefined;
    this.tu = t;
  }

  /** A bad state reaches `nodes` nodes; false when the mesh's checksums reject it. */
  corrupt(nodes: number): boolean {
    if (this.spec.mesh?.checksums === true) return false;
    this.bad = Math.min(this.n, this.bad + nodes);
    this.version++;
    return true;
  }

  /** Every node stops and the bad state is cleared; a running restart is cancelled. */
  stop(t: number): void {
    this.stoppedAt = t;
    this.failed = this.n;
    this.bad = 0;
    this.restart = undefined;
    this.version++;
  }

  startRestart(t: number, perHour: number): void {
    if (this.failed <= EPS || perHour <= 0) return;
    this.restart = { intervalMin: 60 / perHour, perHour, nextAt: t };
    this.version++;
  }

  /**
   * The next instant after `t` at which something that matters happens: the scale ends, usage
   * passes a limit, or the healthy share reaches one of `thresholds` (ascending, in (0, 1]).
   */
  nextEvent(t: number, served: readonly number[]): number {
    const thresholds = this.asHealthy(served);
    let next = Infinity;
    if (this.scale) next = Math.min(next, this.scale.t1, this.servedCrossing(t, served));
    const over = this.over();
    if (!over) next = Math.min(next, this.crossingAfter(t));
    const beta = this.spec.mesh?.spreadPerMinute;
    if (this.bad > 0 && beta !== undefined) {
      next = Math.min(next, nextSpreadCrossing(t, this.bad, beta, this.n, this.failed, thresholds));
    }
    const r = this.restart;
    if (r && !over && this.failed > EPS) {
      if (this.scale) next = Math.min(next, Math.max(r.nextAt, t + EPS));
      else {
        const c = this.healthyShare();
        const theta = thresholds.find((x) => x > c + EPS);
        if (theta !== undefined) {
          const needed = Math.ceil(theta * this.n - EPS) - this.healthy();
          next = Math.min(next, r.nextAt + (Math.max(1, Math.ceil(needed - EPS)) - 1) * r.intervalMin);
        }
      }
    }
    return next;
  }

  /**
   * A capacity fleet during a scale: healthy nodes move linearly with N, so its served share
   * (healthy·capacity/load) crosses each threshold at one solvable instant.
   */
  private servedCrossing(t: number, served: readonly number[]): number {
    const c = this.spec.capacity;
    const s = this.scale;
    if (c === undefined || !s || s.to === s.from || this.load <= EPS) return Infinity;
    let next = Infinity;
    for (const theta of served) {
      const nodes = this.capacityFor(theta) / c + this.failed + this.affected();
      const x = s.t0 + ((nodes - s.from) * (s.t1 - s.t0)) / (s.to - s.from);
      if (x > t + EPS && x < s.t1) next = Math.min(next, x);
    }
    return next;
  }

  /** When ⌊p⌋ reaches the failing peer count, within the current scale segment (or ever). */
  private crossingAfter(t: number): number {
    const { peers } = this.failingPeers();
    if (!Number.isFinite(peers)) return Infinity;
    const rate = this.rate();
    // Connecting at once (no rate): the peers are at the target at every instant.
    const tA = this.p >= peers || rate === Infinity ? t : rate > 0 ? t + (peers - this.p) / rate : Infinity;
    if (!Number.isFinite(tA)) return Infinity;
    const targetAt = (x: number) => this.target(this.nodesAt(x));
    if (targetAt(tA) >= peers - EPS) return tA;
    // Otherwise the target must grow first: only during a scale-up, linearly with N.
    const s = this.scale;
    if (!s || s.to <= s.from || this.target(s.to) < peers - EPS) return Infinity;
    const x = s.t0 + ((peers + 1 - s.from) * (s.t1 - s.t0)) / (s.to - s.from);
    return Math.max(x, tA);
  }
}
