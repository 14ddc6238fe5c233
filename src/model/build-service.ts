/** One service of the Model: defaults applied, its dependencies resolved and checked. */
import { asArray, type BuildContext, type Obj } from './build-context.js';
import { buildDemand, buildFleet } from './build-fleet.js';
import type { JsonPath } from './locate.js';
import { quote } from './sanitize.js';
import { TOOLING_ROLES, type BufferSpec, type Dependency, type JsonValue, type Role, type Service, type Tier } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Runs for every service (100k on a big graph): plain loops, no spread of a fresh object per
 * optional field. The usual service (and edge) is one object literal: an object made at once holds
 * its fields in itself, one grown field by field needs a second array for them. Either way the
 * fields come in the same order.
 */
export function buildService(ctx: BuildContext, id: string, raw: JsonValue): Service {
  const s = raw as Obj;
  const at: JsonPath = ['services', id];
  const role = (s.role as Role | undefined) ?? 'service';
  const raws = asArray(s.dependsOn);
  const dependsOn: Dependency[] = [];
  for (let i = 0; i < raws.length; i++) dependsOn.push(buildDependency(ctx, raws[i]!, id, i));
  checkDependencies(ctx, id, raws, dependsOn);
  const supports = s.supports === undefined
    ? (TOOLING_ROLES.includes(role) ? '*' : undefined)
    : s.supports === '*' ? '*' : asArray(s.supports).map(String);
  if (Array.isArray(supports)) {
    supports.forEach((t, i) => {
      ctx.checkRef(t, [...at, 'supports', i], 'supported service');
      if (supports.indexOf(t) < i) ctx.fail([...at, 'supports', i], `${quote(t)} is listed twice in supports`);
    });
  }
  const title = typeof s.title === 'string' ? s.title : id;
  const tier = (typeof s.tier === 'number' ? s.tier : 2) as Tier;
  if (typeof s.team !== 'string' && typeof s.description !== 'string' && supports === undefined && s.fleet === undefined && s.demand === undefined) {
    const recoversAfterMin = s.recoversAfter === undefined ? 0 : ctx.duration(s.recoversAfter, [...at, 'recoversAfter']);
    return { id, title, role, tier, entrypoint: s.entrypoint === true, recoversAfterMin, dependsOn, loc: ctx.locate(at, 'key') };
  }
  const out: Partial<Mutable<Service>> = { id, title };
  if (typeof s.team === 'string') out.team = s.team;
  if (typeof s.description === 'string') out.description = s.description;
  out.role = role;
  out.tier = tier;
  out.entrypoint = s.entrypoint === true;
  if (supports !== undefined) out.supports = supports;
  if (s.fleet !== undefined) out.fleet = buildFleet(ctx, s.fleet as Obj, [...at, 'fleet']);
  out.recoversAfterMin = s.recoversAfter === undefined ? 0 : ctx.duration(s.recoversAfter, [...at, 'recoversAfter']);
  if (s.demand !== undefined) out.demand = buildDemand(s.demand as Obj);
  out.dependsOn = dependsOn;
  out.loc = ctx.locate(at, 'key');
  return out as Service;
}

/**
 * References, self-dependencies and repeats in one service's dependencies. Runs for every edge (a
 * million on a big graph): a dependency without a problem costs a set lookup and a comparison or
 * two; one with a problem is checked again, target by target, to report it (problems()).
 */
function checkDependencies(ctx: BuildContext, id: string, raws: readonly JsonValue[], dependsOn: readonly Dependency[]): void {
  // Each entry's single target, or null for an anyOf: repeats are looked up in this flat list of
  // strings, not through the dependencies (objects of several shapes, slow to read in a loop).
  const direct: (string | null)[] = [];
  const index = dependsOn.length > LINEAR_DEPS ? new Map<string, number>() : undefined;
  for (let i = 0; i < dependsOn.length; i++) {
    const d = dependsOn[i]!;
    const targets = d.targets;
    let fine = true;
    for (let j = 0; j < targets.length && fine; j++) {
      const t = targets[j]!;
      fine = ctx.ids.has(t) && t !== id && (d.anyOf ? targets.indexOf(t) === j : firstDirect(direct, index, t) < 0);
    }
    if (!fine) problems(ctx, id, raws, d, i, (t) => firstDirect(direct, index, t));
    const single = d.anyOf ? null : targets[0]!;
    direct.push(single);
    if (index && single !== null && !index.has(single)) index.set(single, i);
    if (d.needs !== undefined) needsWarning(ctx, d, ['services', id, 'dependsOn', i, 'needs']);
  }
}

/** Above this many dependencies a service's repeats are found with a map, below in the list. */
const LINEAR_DEPS = 16;

/** The first earlier plain (not anyOf) dependency on `t`, or -1. */
function firstDirect(direct: readonly (string | null)[], index: ReadonlyMap<string, number> | undefined, t: string): number {
  return index ? index.get(t) ?? -1 : direct.indexOf(t);
}

/** The diagnostics of dependency `i`, target by target, in the order they were always reported. */
function problems(ctx: BuildContext, id: string, raws: readonly JsonValue[], d: Dependency, i: number, earlier: (t: string) => number): void {
  const at: JsonPath = ['services', id, 'dependsOn', i];
  const inList = d.anyOf ? new Set<string>() : undefined;
  d.targets.forEach((t, j) => {
    const p = (): JsonPath => typeof raws[i] === 'string' ? at : d.anyOf ? [...at, 'anyOf', j] : [...at, 'on'];
    if (!ctx.ids.has(t)) ctx.checkRef(t, p(), 'dependency');
    if (t === id) ctx.fail(p(), `service ${quote(id)} depends on itself`, 'remove the entry, or model the loop through another service');
    if (inList?.has(t)) ctx.fail(p(), `${quote(t)} is listed twice in this anyOf`, 'each alternative once');
    inList?.add(t);
    const first = d.anyOf ? -1 : earlier(t);
    if (first >= 0) ctx.fail(p(), `dependency on ${quote(t)} is listed twice (also entry ${first + 1})`, 'merge the two entries into one');
  });
}

/** `needs` acts only on hard edges, and only from the target's `serving` up (below it the target is down). */
function needsWarning(ctx: BuildContext, d: Dependency, path: JsonPath): void {
  const needs = d.needs!;
  if (d.targets.every((t) => !ctx.hasFleet(t) && (d.type !== 'hard' || !fleetBehind(ctx, t)))) {
    ctx.warn(path, `"needs" has no effect: ${d.targets.map((t) => quote(t)).join(', ')} ${d.targets.length > 1 ? 'have' : 'has'} no fleet`, 'needs is a share of a fleet\'s healthy nodes; remove it or give the dependency a fleet');
  } else if (d.type !== 'hard') {
    ctx.warn(path, `"needs" has no effect on a ${d.type} edge: only hard edges read a fleet's capacity`, 'remove it, or make the edge hard');
  } else {
    for (const t of d.targets.filter((x) => ctx.hasFleet(x))) {
      const f = ((ctx.doc.services as Obj)[t] as Obj).fleet as Obj;
      const serving = typeof f.serving === 'number' ? f.serving : 0.5;
      if (needs < serving) ctx.warn(path, `"needs" ${needs} is below the serving share ${serving} of ${quote(t)}: below serving ${quote(t)} is down, so this edge is down there anyway`, `raise needs to ${serving} or more, or lower the fleet's serving`);
    }
  }
}

/** Some fleet's share reaches `id` through hard edges and services without fleets (a share flows there). */
function fleetBehind(ctx: BuildContext, id: string): boolean {
  const seen = new Set<string>([id]);
  const stack = [id];
  while (stack.length > 0) {
    for (const raw of asArray(((ctx.doc.services as Obj)[stack.pop()!] as Obj | undefined)?.dependsOn)) {
      const e = (typeof raw === 'string' ? { on: raw } : raw) as Obj;
      if (e.type !== undefined && e.type !== 'hard') continue;
      for (const t of [...asArray(e.anyOf), ...(e.on !== undefined ? [e.on] : [])].map(String)) {
        if (seen.has(t) || !ctx.ids.has(t)) continue;
        if (ctx.hasFleet(t)) return true;
        seen.add(t);
        stack.push(t);
      }
    }
  }
  return false;
}

function buildDependency(ctx: BuildContext, raw: JsonValue, id: string, i: number): Dependency {
  if (typeof raw === 'string') return { targets: [raw], anyOf: false, type: 'hard', loc: ctx.locate(['services', id, 'dependsOn', i]) };
  const path: JsonPath = ['services', id, 'dependsOn', i];
  const d = raw as Obj;
  const anyOf = Array.isArray(d.anyOf);
  const targets = anyOf ? (d.anyOf as JsonValue[]).map(String) : [String(d.on)];
  const type = (d.type as Dependency['type'] | undefined) ?? 'hard';
  const buffer = d.buffer as Obj | undefined;
  if (typeof d.for !== 'string' && typeof d.needs !== 'number' && !d.retry && !d.latch) {
    const load = typeof d.load === 'number' ? d.load : 1;
    return buffer
      ? { targets, anyOf, type, buffer: bufferSpec(ctx, buffer, path), load, loc: ctx.locate(path) }
      : { targets, anyOf, type, load, loc: ctx.locate(path) };
  }
  const out: Partial<Mutable<Dependency>> = { targets, anyOf, type };
  if (typeof d.for === 'string') out.for = d.for;
  if (typeof d.needs === 'number') out.needs = d.needs;
  if (buffer) out.buffer = bufferSpec(ctx, buffer, path);
  out.load = typeof d.load === 'number' ? d.load : 1;
  const retry = d.retry as Obj | undefined;
  if (retry) out.retry = { factor: Number(retry.factor), backoff: retry.backoff === true };
  const latch = d.latch as Obj | undefined;
  if (latch) {
    out.latch = {
      afterMin: ctx.duration(latch.after, () => [...path, 'latch', 'after']),
      lagPerMinute: typeof latch.lagPerMinute === 'number' ? latch.lagPerMinute : 0,
      fixedMin: ctx.duration(latch.fixed, () => [...path, 'latch', 'fixed']),
    };
  }
  out.loc = ctx.locate(path);
  return out as Dependency;
}

function bufferSpec(ctx: BuildContext, buffer: Obj, path: JsonPath): BufferSpec {
  return {
    fillsAfterMin: ctx.duration(buffer.fillsAfter, () => [...path, 'buffer', 'fillsAfter']),
    whenFull: (buffer.whenFull as 'degraded' | 'down' | undefined) ?? 'degraded',
  };
}
