/** One service of the Model: defaults applied, its dependencies resolved and checked. */
import { asArray, type BuildContext, type Obj } from './build-context.js';
import { buildDemand, buildFleet } from './build-fleet.js';
import type { JsonPath } from './locate.js';
import { quote } from './sanitize.js';
import { TOOLING_ROLES, type Dependency, type JsonValue, type Role, type Service, type Tier } from './types.js';

export function buildService(ctx: BuildContext, id: string, raw: JsonValue): Service {
  const s = raw as Obj;
  const at: JsonPath = ['services', id];
  const role = (s.role as Role | undefined) ?? 'service';
  const dependsOn = asArray(s.dependsOn).map((d, i) => buildDependency(ctx, d, [...at, 'dependsOn', i]));
  checkDependencies(ctx, id, s, dependsOn);
  const supports = s.supports === undefined
    ? (TOOLING_ROLES.includes(role) ? '*' : undefined)
    : s.supports === '*' ? '*' : asArray(s.supports).map(String);
  if (Array.isArray(supports)) {
    supports.forEach((t, i) => {
      ctx.checkRef(t, [...at, 'supports', i], 'supported service');
      if (supports.indexOf(t) < i) ctx.fail([...at, 'supports', i], `${quote(t)} is listed twice in supports`);
    });
  }
  return {
    id,
    title: typeof s.title === 'string' ? s.title : id,
    ...(typeof s.team === 'string' ? { team: s.team } : {}),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    role,
    tier: (typeof s.tier === 'number' ? s.tier : 2) as Tier,
    entrypoint: s.entrypoint === true,
    ...(supports !== undefined ? { supports } : {}),
    ...(s.fleet !== undefined ? { fleet: buildFleet(ctx, s.fleet as Obj, [...at, 'fleet']) } : {}),
    recoversAfterMin: ctx.duration(s.recoversAfter, [...at, 'recoversAfter']),
    ...(s.demand !== undefined ? { demand: buildDemand(s.demand as Obj) } : {}),
    dependsOn,
    loc: ctx.locate(at, 'key'),
  };
}

/**
 * References, self-dependencies and repeats in one service's dependencies. Runs for every edge
 * (a million on a big graph): paths are only built for the diagnostics that need them.
 */
function checkDependencies(ctx: BuildContext, id: string, s: Obj, dependsOn: readonly Dependency[]): void {
  const at: JsonPath = ['services', id];
  const direct = new Map<string, number>();
  for (const [i, d] of dependsOn.entries()) {
    const inList = d.anyOf ? new Set<string>() : undefined;
    d.targets.forEach((t, j) => {
      const p = (): JsonPath => typeof asArray(s.dependsOn)[i] === 'string'
        ? [...at, 'dependsOn', i] : d.anyOf ? [...at, 'dependsOn', i, 'anyOf', j] : [...at, 'dependsOn', i, 'on'];
      if (!ctx.ids.has(t)) ctx.checkRef(t, p(), 'dependency');
      if (t === id) ctx.fail(p(), `service ${quote(id)} depends on itself`, 'remove the entry, or model the loop through another service');
      if (inList?.has(t)) ctx.fail(p(), `${quote(t)} is listed twice in this anyOf`, 'each alternative once');
      inList?.add(t);
      if (!d.anyOf && direct.has(t)) ctx.fail(p(), `dependency on ${quote(t)} is listed twice (also entry ${direct.get(t)! + 1})`, 'merge the two entries into one');
      if (!d.anyOf && !direct.has(t)) direct.set(t, i);
    });
    if (d.needs !== undefined) needsWarning(ctx, d, [...at, 'dependsOn', i, 'needs']);
  }
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

function buildDependency(ctx: BuildContext, raw: JsonValue, path: JsonPath): Dependency {
  if (typeof raw === 'string') return { targets: [raw], anyOf: false, type: 'hard', loc: ctx.locate(path) };
  const d = raw as Obj;
  const anyOf = Array.isArray(d.anyOf);
  const type = (d.type as Dependency['type'] | undefined) ?? 'hard';
  const buffer = d.buffer as Obj | undefined;
  const retry = d.retry as Obj | undefined;
  const latch = d.latch as Obj | undefined;
  return {
    targets: anyOf ? (d.anyOf as JsonValue[]).map(String) : [String(d.on)],
    anyOf,
    type,
    ...(typeof d.for === 'string' ? { for: d.for } : {}),
    ...(typeof d.needs === 'number' ? { needs: d.needs } : {}),
    ...(buffer ? {
      buffer: {
        fillsAfterMin: ctx.duration(buffer.fillsAfter, [...path, 'buffer', 'fillsAfter']),
        whenFull: (buffer.whenFull as 'degraded' | 'down' | undefined) ?? 'degraded',
      },
    } : {}),
    load: typeof d.load === 'number' ? d.load : 1,
    ...(retry ? { retry: { factor: Number(retry.factor), backoff: retry.backoff === true } } : {}),
    ...(latch ? {
      latch: {
        afterMin: ctx.duration(latch.after, [...path, 'latch', 'after']),
        lagPerMinute: typeof latch.lagPerMinute === 'number' ? latch.lagPerMinute : 0,
        fixedMin: ctx.duration(latch.fixed, [...path, 'latch', 'fixed']),
      },
    } : {}),
    loc: ctx.locate(path),
  };
}
