/**
 * Why a service changed state, in words and numbers taken from the simulation (never from YAML
 * text): the factor that raised it, or what released it when it improved. `parent` links each
 * cause to the dependency's transition it rests on, which is what `explain` follows.
 */
import { formatDuration } from '../model/time.js';
import type { Group } from './compile.js';
import type { LimitBreach } from './fleet.js';
import { STATE_OF, num, pct, type Level } from './levels.js';
import type { Cause } from './types.js';
import { F, type Factor, type World } from './world.js';

/** What happened at the current instant, besides the states. */
export interface InstantFacts {
  readonly limits: ReadonlyMap<number, LimitBreach>;
  /** Fleets whose rolling restart brought nodes back at this instant. */
  readonly restarted: ReadonlySet<number>;
  /** Fleets whose restarted nodes fail again at once (usage still over the limit). */
  readonly failedAgain: ReadonlySet<number>;
  /** Services a scenario event acted on at this instant. */
  readonly touched: ReadonlySet<number>;
  readonly recovered: ReadonlySet<number>;
  readonly patched: boolean;
  /** Fleets a `corrupt` or `stop` event acted on at this instant, with what it did. */
  readonly acted: ReadonlyMap<number, string>;
  /** Services whose state or capacity changed at this instant. */
  readonly changed: ReadonlySet<number>;
}

export class Causes {
  constructor(private readonly w: World, private readonly ids: readonly string[]) {}

  private id(s: number): string {
    return this.ids[s]!;
  }

  fleetText(s: number): string {
    const f = this.w.fleets.get(s);
    if (!f) return 'fleet';
    const c = f.capacity();
    if (c >= 1 - 1e-9) return `all ${num(Math.round(f.n))} nodes healthy`;
    const serving = f.spec.serving;
    return `${num(Math.round(f.healthy()))} of ${num(Math.round(f.n))} nodes healthy (${pct(c)}) ${c >= serving - 1e-9 ? '≥' : '<'} serving ${pct(serving)}`;
  }

  /** A bad state spreading through the mesh: how far it has got and how fast. */
  spreadText(s: number): string {
    const f = this.w.fleets.get(s)!;
    const mesh = f.spec.mesh;
    const rate = mesh?.spreadPerMinute !== undefined ? ` at ${num(mesh.spreadPerMinute)}/min` : '';
    return `bad state spread${rate} through the mesh (no checksums) to ${num(f.affected())} of ${num(Math.round(f.n))} nodes: ${this.fleetText(s)}`;
  }

  limitText(b: LimitBreach, s: number): string {
    const f = this.w.fleets.get(s);
    const cells = f?.spec.cells !== undefined ? `, cells of ${num(f.spec.cells)}` : '';
    return `${b.resource.name} ${num(b.usage)} > limit ${num(b.resource.limit)} on every node (${num(Math.round(b.nodes))} nodes, ${num(b.peers)} peers${cells})`;
  }

  /** Text of an edge factor as it stands now, and the transition it rests on. */
  edge(s: number, f: Factor): { text: string; via: string; parent?: number } {
    const w = this.w;
    const grp: Group = w.graph.groups[s]![f.group]!;
    const x = f.target;
    const st = STATE_OF[w.state[x]!]!;
    const alts = grp.targets.length > 1 ? ` (anyOf ${grp.targets.map((t) => this.id(t)).join(', ')}: no alternative better)` : '';
    const parent = grp.type === 'buffered' ? w.notOkTr[x]! : w.lastTr[x]!;
    let text: string;
    if (grp.type === 'buffered') {
      const since = w.notOkSince[x]!;
      const full = Number.isNaN(since) ? 0 : w.now - since;
      text = `buffered edge to ${this.id(x)} full after ${formatDuration(Math.round(full * 60) / 60)} of it not ok`;
    } else if (grp.type === 'soft') {
      text = `soft dependency ${this.id(x)} is ${st}`;
    } else if (f.capacity) {
      const i = grp.targets.indexOf(x);
      const need = grp.needs[i]!;
      const c = w.cap[x]!;
      text = c < need - 1e-9
        ? `${this.id(x)} at ${pct(c)} capacity < needs ${pct(need)}`
        : `${this.id(x)} at ${pct(c)} capacity (≥ needs ${pct(need)}, not full)`;
    } else {
      text = `hard dependency ${this.id(x)} is ${st}`;
    }
    return { text: text + alts, via: this.id(x), ...(parent >= 0 ? { parent } : {}) };
  }

  /** The cause of a worsening to the service's current level. */
  worse(s: number, facts: InstantFacts): Cause {
    const w = this.w;
    const f = w.why[s]!;
    const state = STATE_OF[w.state[s]!];
    switch (f.kind) {
      case F.Forced:
        return { kind: 'event', text: `scenario event: fail forces it ${state}` };
      case F.Fleet: {
        const breach = facts.limits.get(s);
        if (breach) return { kind: 'limit', text: this.limitText(breach, s) };
        if (facts.failedAgain.has(s)) return { kind: 'restart', text: `restarted nodes fail again: ${this.fleetText(s)}` };
        const act = facts.acted.get(s);
        if (act !== undefined) return { kind: 'event', text: `${act}: ${this.fleetText(s)}` };
        if (!facts.touched.has(s) && (this.w.fleets.get(s)?.affected() ?? 0) > 0) return { kind: 'spread', text: this.spreadText(s) };
        return { kind: facts.touched.has(s) ? 'event' : 'limit', text: this.fleetText(s) };
      }
      case F.Held:
        return { kind: 'deadlock', text: 'cannot start: a hard dependency is down', ...this.parentOf(s) };
      case F.Edge: {
        const e = this.edge(s, f);
        return { kind: 'edge', text: e.text, via: e.via, ...(e.parent !== undefined ? { parent: e.parent } : {}) };
      }
      default:
        return { kind: 'edge', text: `${state}` };
    }
  }

  /** What released a service from the level its factor `prior` held it at. */
  release(s: number, prior: Factor, facts: InstantFacts): Cause {
    const w = this.w;
    switch (prior.kind) {
      case F.Forced:
        return { kind: 'event', text: 'scenario event: recover clears the fail' };
      case F.Fleet:
        if (facts.restarted.has(s)) return { kind: 'restart', text: `rolling restart: ${this.fleetText(s)}` };
        return { kind: facts.touched.has(s) ? 'event' : 'recovered', text: this.fleetText(s) };
      case F.Held:
        return facts.recovered.has(s)
          ? { kind: 'event', text: 'scenario event: recover lets it start despite its dependencies' }
          : { kind: facts.patched ? 'event' : 'recovered', text: 'recovery deadlock broken' };
      case F.Edge: {
        const x = prior.target;
        if (!facts.patched || (facts.changed.has(x) && this.stillHas(s, prior))) {
          const cap = Number.isNaN(w.cap[x]!) ? '' : ` at ${pct(w.cap[x]!)} capacity`;
          const parent = w.lastTr[x]!;
          return { kind: 'recovered', text: `${this.id(x)} is ${STATE_OF[w.state[x]!]}${cap}`, via: this.id(x), ...(parent >= 0 ? { parent } : {}) };
        }
        return { kind: 'event', text: 'scenario event: patch changes its dependencies' };
      }
      default:
        return { kind: 'recovered', text: 'nothing holds it down' };
    }
  }

  /** After a patch: the service still has an edge of that type to that dependency. */
  private stillHas(s: number, prior: Factor): boolean {
    return (this.w.graph.groups[s] ?? []).some((g) => g.type === prior.type && g.targets.includes(prior.target));
  }

  /** Adds what still holds a service that improved only part of the way. */
  still(s: number, cause: Cause, facts: InstantFacts): Cause {
    const w = this.w;
    const lv: Level = w.state[s]!;
    if (lv === 0) return cause;
    const f = w.why[s]!;
    if (f.kind === F.Fleet && cause.kind === 'restart') return cause;
    const rest = f.kind === F.Edge ? this.edge(s, f).text
      : f.kind === F.Fleet ? this.fleetText(s)
        : f.kind === F.Forced ? 'a fail event'
          : f.kind === F.Floor ? `recoversAfter ${formatDuration(w.lag[s]!)} not over yet` : this.worse(s, facts).text;
    return { ...cause, text: `${cause.text}; still ${STATE_OF[lv]}: ${rest}` };
  }

  private parentOf(s: number): { parent?: number } {
    const p = this.w.lastTr[s]!;
    return p >= 0 ? { parent: p } : {};
  }

  deadlockText(cycle: readonly number[]): string {
    const names = cycle.map((s) => this.id(s));
    return `recovery deadlock: ${[...names, names[0]].join(' → ')} each waits for the next to start`;
  }
}
