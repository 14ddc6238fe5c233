/**
 * Why a service changed state: the factor that raised it, or what released it when it improved
 * (and what still holds it, if it improved only part of the way). `parent` links each cause to
 * the transition it rests on, which is what `explain` follows. The words are in wording.ts.
 */
import { formatDuration } from '../model/time.js';
import type { EventFacts } from './events.js';
import { STATE_OF } from './levels.js';
import type { Before } from './settle.js';
import type { Cause } from './types.js';
import { Wording } from './wording.js';
import { F, type Factor } from './world.js';

/** What happened at the current instant, besides the states. */
export interface InstantFacts extends EventFacts {
  /** Services whose state or capacity changed at this instant. */
  readonly changed: ReadonlySet<number>;
}

type Reason = { readonly text: string; readonly parent?: number };

export class Causes extends Wording {
  /** The cause of a worsening to the service's current level. */
  worse(s: number, facts: InstantFacts): Cause {
    const w = this.w;
    const f = w.why[s]!;
    const state = STATE_OF[w.state[s]!];
    switch (f.kind) {
      case F.Forced:
        return { kind: 'event', text: `${this.event('fail')} forced it ${state}` };
      case F.Fleet: {
        const breach = facts.limits.get(s);
        if (breach?.byPatch) return { kind: 'event', text: `${this.event('patch')}: ${this.limitText(breach, s)}` };
        if (breach) return { kind: 'limit', text: this.limitText(breach, s) };
        if (facts.failedAgain.has(s)) return { kind: 'restart', text: `restarted nodes fail again, leaving ${this.fleetText(s)}` };
        const act = facts.acted.get(s);
        if (act !== undefined) return { kind: 'event', text: this.actedText(s, act) };
        if (!facts.touched.has(s) && (w.fleets.get(s)?.affected() ?? 0) > 0) return { kind: 'spread', text: this.spreadText(s) };
        if (this.overloaded(s)) {
          // A patch that raised the load (a surge, a moved route) did it; otherwise retries or the daily curve.
          const byPatch = facts.patched && facts.loadRose.has(s);
          return { kind: byPatch ? 'event' : 'load', text: byPatch ? `${this.event('patch')} raised the load: ${this.loadText(s)}` : this.loadText(s) };
        }
        return { kind: facts.touched.has(s) ? 'event' : 'limit', text: this.fleetText(s) };
      }
      case F.Held:
        return { kind: 'deadlock', text: 'cannot start: a hard dependency is down', ...parentOf(w.lastTr[s]) };
      case F.Latch:
        return { kind: 'latch', text: this.latchText(s), via: this.id(w.latchOn[s]!), ...parentOf(w.lastTr[w.latchOn[s]!]) };
      case F.Edge: {
        const e = this.edge(s, f);
        return { kind: 'edge', text: e.text, via: e.via, ...parentOf(e.parent) };
      }
      default:
        return { kind: 'edge', text: `${state}` };
    }
  }

  /** What holds a service now that something else stopped holding it (its level unchanged). */
  holding(s: number, facts: InstantFacts): Cause {
    const f = this.w.fleets.get(s);
    if (this.w.why[s]!.kind === F.Fleet && f?.stoppedAt !== undefined && !facts.touched.has(s)) {
      return { kind: 'event', text: `stop at ${this.clock(f.stoppedAt)}, ${this.fleetText(s)}` };
    }
    return this.worse(s, facts);
  }

  /** `stop at 11:05: every node stopped…, leaving 0 of 60 nodes healthy…` (acted: what the event did). */
  actedText(s: number, act: string): string {
    return `${act}, leaving ${this.fleetText(s)}`;
  }

  /** What released a service from the level its factor `prior` held it at. */
  release(s: number, prior: Factor, facts: InstantFacts): Cause {
    const w = this.w;
    switch (prior.kind) {
      case F.Forced:
        return { kind: 'event', text: `${this.event('recover')} cleared the fail` };
      case F.Fleet:
        if (facts.restarted.has(s)) return { kind: 'restart', text: `rolling restart: ${this.fleetText(s)}` };
        if (facts.patched && facts.loadFell.has(s)) return { kind: 'event', text: `${this.event('patch')} lowered the load: ${this.fleetText(s)}` };
        return { kind: facts.touched.has(s) ? 'event' : 'recovered', text: this.fleetText(s) };
      case F.Held:
        if (facts.recovered.has(s)) return { kind: 'event', text: `${this.event('recover')} let it start despite its dependencies` };
        return facts.patched
          ? { kind: 'event', text: `${this.event('patch')} broke the recovery deadlock` }
          : { kind: 'recovered', text: 'recovery deadlock broken' };
      case F.Latch:
        return { kind: 'recovered', text: `latch over: ${this.latchText(s)}`, via: this.id(w.latchOn[s]!), ...parentOf(w.lastTr[w.latchOn[s]!]) };
      case F.Edge: {
        const credited = this.cameBack(s, prior, facts);
        const x = credited.target;
        if (!facts.patched || (facts.changed.has(x) && this.stillHas(s, prior))) {
          return { kind: 'recovered', text: this.improvedDependency(s, credited), via: this.id(x), ...parentOf(w.lastTr[x]) };
        }
        return { kind: 'event', text: `${this.event('patch')} changed its dependencies` };
      }
      default:
        return { kind: 'recovered', text: 'nothing holds it down' };
    }
  }

  /** A release kept while a recoversAfter floor runs: its text says when it happened. */
  timed(cause: Cause): Cause {
    return cause.kind === 'event' ? cause : { ...cause, text: `${cause.text} at ${this.clock(this.w.now)}` };
  }

  /**
   * The cause of an improvement: what released it (`lagged`: the release its recoversAfter waited
   * out), then what still holds it (`floor`: the release a running recoversAfter floor waits out).
   * A release with no chain of its own (a patch) rests on what still holds the service.
   */
  improved(s: number, b: Before, lagged: Cause | undefined, floor: Cause | undefined, facts: InstantFacts): Cause {
    const w = this.w;
    const lag = formatDuration(w.lag[s]!);
    const released: Cause = lagged
      ? { ...lagged, kind: 'recovered', text: `${lagged.text}; back after recoversAfter ${lag}` }
      : this.release(s, b.why, facts);
    const lv = w.state[s]!;
    if (lv === 0) return released;
    const f = w.why[s]!;
    if (f.kind === F.Fleet && (released.kind === 'restart' || released.text === this.fleetText(s))) return released;
    let rest: Reason;
    if (f.kind === F.Edge) {
      const e = this.edge(s, f);
      // Released by the dependency that still holds it part of the way: one clause says both.
      if (!lagged && released.kind === 'recovered' && released.via === e.via) return { ...released, text: e.text };
      rest = e;
    } else if (f.kind === F.Floor) {
      rest = floor
        ? { text: `${floor.text}, recoversAfter ${lag} not over yet`, ...parentOf(floor.parent) }
        : { text: `recoversAfter ${lag} not over yet` };
    } else if (f.kind === F.Fleet) rest = { text: this.fleetText(s) };
    else if (f.kind === F.Latch) rest = { text: this.latchText(s) };
    else if (f.kind === F.Forced) rest = { text: 'a fail event' };
    else rest = this.worse(s, facts);
    return {
      ...released,
      text: `${released.text}; still ${STATE_OF[lv]}: ${rest.text}`,
      ...(released.parent === undefined ? parentOf(rest.parent) : {}),
    };
  }

  /**
   * The alternative of an anyOf that released the service: the best one now (one that changed at
   * this instant first), not the one that was blamed while every alternative was down.
   */
  cameBack(s: number, prior: Factor, facts: InstantFacts): Factor {
    const w = this.w;
    const grp = w.graph.groups[s]?.[prior.group];
    if (!grp || grp.targets.length < 2 || grp.type !== prior.type || !grp.targets.includes(prior.target)) return prior;
    let x = prior.target;
    for (const y of grp.targets) {
      const better = w.state[y]! < w.state[x]! || (w.state[y] === w.state[x] && facts.changed.has(y) && !facts.changed.has(x));
      if (better) x = y;
    }
    return x === prior.target ? prior : { ...prior, target: x, capacity: false };
  }

  /** After a patch: the service still has an edge of that type to that dependency. */
  private stillHas(s: number, prior: Factor): boolean {
    return (this.w.graph.groups[s] ?? []).some((g) => g.type === prior.type && g.targets.includes(prior.target));
  }
}

function parentOf(p: number | undefined): { parent?: number } {
  return p !== undefined && p >= 0 ? { parent: p } : {};
}
