/**
 * The words of cause texts, with numbers read from the simulation state (never copied from YAML
 * text): a fleet's healthy share, a limit crossing, a spreading fault, an edge as it stands now,
 * a recovery deadlock. causes.ts decides which applies; this file only says it.
 */
import { formatClock, formatDuration } from '../model/time.js';
import type { ScenarioStart } from '../model/types.js';
import type { LimitBreach } from './fleet.js';
import { EPS, num, pct } from '../model/numbers.js';
import { STATE_OF } from './levels.js';
import type { Factor, World } from './world.js';

/** Cycles up to this many services are named in full on each member's line. */
export const CYCLE_NAMES = 8;

export class Wording {
  constructor(protected readonly w: World, private readonly ids: readonly string[], private readonly start: ScenarioStart) {}

  protected id(s: number): string {
    return this.ids[s]!;
  }

  /** `10:15`: a time of the replay, in the scenario's offset. */
  clock(atMin: number): string {
    return formatClock(atMin, this.start);
  }

  /** `patch at 10:15`: a scenario event of the current instant. */
  event(kind: string): string {
    return `${kind} at ${this.clock(this.w.now)}`;
  }

  fleetText(s: number): string {
    const f = this.w.fleets.get(s);
    if (!f) return 'fleet';
    const c = f.capacity();
    if (f.spec.capacity !== undefined) return this.loadText(s);
    if (c >= 1 - EPS) return `all ${num(Math.round(f.n))} nodes healthy`;
    const serving = f.spec.serving;
    return `${num(Math.round(f.healthy()))} of ${num(Math.round(f.n))} nodes healthy (${pct(c)}) ${c >= serving - EPS ? '≥' : '<'} serving ${pct(serving)}`;
  }

  /** A fleet with a load model: its load (and how much of it is retries) against its capacity. */
  loadText(s: number): string {
    const f = this.w.fleets.get(s)!;
    const c = f.capacity();
    const h = Math.round(f.healthy());
    const retries = this.w.retryLoad[s] ?? 0;
    const extra = retries > EPS ? ` (${num(Math.round(retries))} of it retries)` : '';
    const cap = `capacity ${num(Math.round(h * f.spec.capacity!))} (${num(h)} of ${num(Math.round(f.n))} nodes × ${num(f.spec.capacity!)})`;
    if (c >= 1 - EPS) return `load ${num(Math.round(f.load))}${extra} ≤ ${cap}`;
    const serving = f.spec.serving;
    return `overloaded: load ${num(Math.round(f.load))}${extra} > ${cap}, serves ${pct(c)} ${c >= serving - EPS ? '≥' : '<'} serving ${pct(serving)}`;
  }

  /** A capacity fleet whose offered load exceeds what its healthy nodes serve. */
  overloaded(s: number): boolean {
    const f = this.w.fleets.get(s);
    return f?.spec.capacity !== undefined && f.load > f.healthy() * f.spec.capacity + EPS;
  }

  /** A service latched down after its dependency's long outage. */
  latchText(s: number): string {
    const w = this.w;
    const x = w.latchOn[s]!;
    const until = w.latchUntil[s]!;
    const grp = w.graph.groups[s]?.find((g) => g.dep.latch && g.targets.includes(x));
    const l = grp?.dep.latch;
    const after = l ? ` (≥ latch.after ${formatDuration(l.afterMin)})` : '';
    return `latched by ${this.id(x)}'s outage${after}: broken until ${this.clock(until)}`;
  }

  /** A bad state spreading through the mesh: how far it has got and how fast. */
  spreadText(s: number): string {
    const f = this.w.fleets.get(s)!;
    const mesh = f.spec.mesh;
    const rate = mesh?.spreadPerMinute !== undefined ? ` at ${num(mesh.spreadPerMinute)}/min` : '';
    return `bad state spread${rate} through the mesh (no checksums) to ${num(f.affected())} of ${num(Math.round(f.n))} nodes, leaving ${this.fleetText(s)}`;
  }

  limitText(b: LimitBreach, s: number): string {
    const f = this.w.fleets.get(s);
    const cells = f?.spec.cells !== undefined ? `, cells of ${num(f.spec.cells)}` : '';
    return `${b.resource.name} ${num(b.usage)} > limit ${num(b.resource.limit)} on every node (${num(Math.round(b.nodes))} nodes, ${num(b.peers)} peers${cells})`;
  }

  /** A fleet whose restarted nodes would pass a limit again: the usage they would reach. */
  overText(s: number): string {
    const f = this.w.fleets.get(s)!;
    const { peers, resource } = f.failingPeers();
    const have = Math.floor(f.p + EPS);
    if (!resource) return this.fleetText(s);
    return this.limitText({ resource, usage: resource.base + resource.perPeer * have, peers: Math.max(have, peers), nodes: f.n }, s);
  }

  /** ` (16% capacity)` for a fleet short of nodes, nothing for a full fleet or another service. */
  capacity(x: number): string {
    const c = this.w.cap[x]!;
    return Number.isNaN(c) || c >= 1 - EPS ? '' : ` (${pct(c)} capacity)`;
  }

  /** Text of an edge factor as it stands now, and the transition it rests on. */
  edge(s: number, f: Factor): { text: string; via: string; parent?: number } {
    const w = this.w;
    const grp = w.graph.groups[s]![f.group]!;
    const x = f.target;
    const st = STATE_OF[w.state[x]!]!;
    const alts = grp.targets.length > 1 ? ` (anyOf ${grp.targets.map((t) => this.id(t)).join(', ')}: no alternative better)` : '';
    const parent = grp.type === 'buffered' ? w.downTr[x]! : w.lastTr[x]!;
    let text: string;
    if (grp.type === 'buffered') {
      const since = w.downSince[x]!;
      const full = Number.isNaN(since) ? 0 : w.now - since;
      text = `buffered edge to ${this.id(x)} full after ${formatDuration(Math.round(full * 60) / 60)} of it down`;
    } else if (grp.type === 'soft') {
      text = `soft dependency ${this.id(x)} is ${st}`;
    } else if (f.capacity) {
      const need = grp.needs[grp.targets.indexOf(x)]!;
      const c = w.cap[x]!;
      text = c < need - EPS
        ? `${this.id(x)} at ${pct(c)} capacity < needs ${pct(need)}`
        : `${this.id(x)} at ${pct(c)} capacity (≥ needs ${pct(need)}, not full)`;
    } else {
      text = `hard dependency ${this.id(x)} is ${st}${this.capacity(x)}`;
    }
    return { text: text + alts, via: this.id(x), ...(parent >= 0 ? { parent } : {}) };
  }

  /** A dependency that improved, releasing its dependent from the edge factor `prior`. */
  improvedDependency(s: number, prior: Factor): string {
    const w = this.w;
    const x = prior.target;
    const grp = w.graph.groups[s]?.[prior.group];
    const i = grp ? grp.targets.indexOf(x) : -1;
    const need = grp && i >= 0 ? grp.needs[i]! : NaN;
    const c = w.cap[x]!;
    if (prior.capacity && !Number.isNaN(need) && c < 1 - EPS) return `${this.id(x)} reached ${pct(c)} capacity ≥ needs ${pct(need)}`;
    return `${this.id(x)} is ${STATE_OF[w.state[x]!]}${this.capacity(x)}`;
  }

  /**
   * Every member's line names its cycle: in full when it is short, else its first and last
   * services and its number in `Replay.deadlocks`, where the cycle is stored once (a 10,000-member
   * cycle on every member's line would make the output quadratic).
   */
  deadlockText(cycle: readonly number[], record: number): string {
    if (cycle.length <= CYCLE_NAMES) {
      const names = cycle.map((s) => this.id(s));
      return `recovery deadlock: ${[...names, names[0]].join(' → ')} each waits for the next to start`;
    }
    const head = cycle.slice(0, 3).map((s) => this.id(s));
    return `recovery deadlock ${record + 1} (${num(cycle.length)} services, listed once with the deadlocks): `
      + `${[...head, '…', this.id(cycle[cycle.length - 1]!), head[0]].join(' → ')} each waits for the next to start`;
  }
}
