/**
 * Builds the Model from a document that already has the schema's shape: applies defaults, resolves
 * references and runs the semantic checks the schema cannot express (unknown ids, self-dependency,
 * cells > nodes, times that are malformed, out of order or before the start).
 */
import { MAX_ERRORS, type Diagnostic } from './diagnostic.js';
import type { JsonPath, Locator } from './locate.js';
import { quote } from './sanitize.js';
import { didYouMean } from './suggest.js';
import { MAX_SPAN_MIN, parseDuration, parseIsoStart, parseTime } from './time.js';

/** A value in a message: long enough to recognise, never 400 digits. */
const cut = (t: string) => (t.length > 40 ? `${t.slice(0, 40)}…` : t);
import {
  TOOLING_ROLES, type Demand, type Dependency, type Detection, type MilestoneObservation, type Fleet, type JsonObject, type JsonValue, type Model, type Observation, type Reaction,
  type Resource, type Role, type Scenario, type ScenarioAction, type ScenarioEvent, type Service,
  type ScenarioStart, type State, type Tier, type WhatIf,
} from './types.js';

type Obj = { readonly [key: string]: JsonValue | undefined };

export interface BuildResult {
  readonly model?: Model;
  readonly errors: readonly Diagnostic[];
  /** Problems that do not stop the graph from loading (e.g. a `needs` that can have no effect). */
  readonly warnings?: readonly Diagnostic[];
  /**
   * With errors: the model as far as it could be built, only so that its patches can still be
   * checked in the same run (check.ts). Never returned past checkDocument, never replayed.
   */
  readonly draft?: Model;
}

export function buildModel(doc: JsonObject, file: string, locate: Locator): BuildResult {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const fail = (path: JsonPath, message: string, hint?: string, at: 'value' | 'key' = 'value') =>
    errors.push({ ...locate(path, at), severity: 'error', message, ...(hint ? { hint } : {}) });
  const warn = (path: JsonPath, message: string, hint?: string) =>
    warnings.push({ ...locate(path, 'key'), severity: 'warning', message, ...(hint ? { hint } : {}) });

  const serviceDocs = entries(doc.services);
  const ids = new Set(serviceDocs.map(([id]) => id));
  /** `needs` acts only on hard edges, and only from the target's `serving` up (below it the target is down). */
  const needsWarning = (d: Dependency, path: JsonPath) => {
    const needs = d.needs!;
    if (d.targets.every((t) => !hasFleet(t))) {
      warn(path, `"needs" has no effect: ${d.targets.map((t) => quote(t)).join(', ')} ${d.targets.length > 1 ? 'have' : 'has'} no fleet`, 'needs is a share of a fleet\'s healthy nodes; remove it or give the dependency a fleet');
    } else if (d.type !== 'hard') {
      warn(path, `"needs" has no effect on a ${d.type} edge: only hard edges read a fleet's capacity`, 'remove it, or make the edge hard');
    } else {
      for (const t of d.targets.filter(hasFleet)) {
        const f = ((doc.services as Obj)[t] as Obj).fleet as Obj;
        const serving = typeof f.serving === 'number' ? f.serving : 0.5;
        if (needs < serving) warn(path, `"needs" ${needs} is below the serving share ${serving} of ${quote(t)}: below serving ${quote(t)} is down, so this edge is down there anyway`, `raise needs to ${serving} or more, or lower the fleet's serving`);
      }
    }
  };
  const hasFleet = (id: string) => ids.has(id) && (doc.services as Obj)[id] !== null && ((doc.services as Obj)[id] as Obj).fleet !== undefined;
  const checkRef = (id: string, path: JsonPath, what: string) => {
    // A hint only for the errors that will be shown (the first MAX_ERRORS): 5,000 hints took 22 s.
    if (!ids.has(id)) fail(path, `${what} ${quote(id)} is not a service of this graph`, errors.length < MAX_ERRORS ? didYouMean(id, ids) : undefined);
  };
  const duration = (text: JsonValue | undefined, path: JsonPath, fallback = 0): number => {
    if (text === undefined) return fallback;
    const min = parseDuration(String(text));
    if (min === undefined) fail(path, `malformed duration "${String(text)}"`, 'use e.g. 90s, 45m, 2h, 1h30m or 1d');
    else if (!(min <= MAX_SPAN_MIN)) { fail(path, `duration "${cut(String(text))}" is longer than 365 days`, 'durations are at most 365d'); return fallback; }
    return min ?? fallback;
  };

  const services = serviceDocs.map(([id, raw]): Service => {
    const s = raw as Obj;
    const at: JsonPath = ['services', id];
    const role = (s.role as Role | undefined) ?? 'service';
    const dependsOn = asArray(s.dependsOn).map((d, i) => dependency(d, [...at, 'dependsOn', i]));
    checkDependencies(id, s, dependsOn);
    const supports = s.supports === undefined
      ? (TOOLING_ROLES.includes(role) ? '*' : undefined)
      : s.supports === '*' ? '*' : asArray(s.supports).map(String);
    if (Array.isArray(supports)) {
      supports.forEach((t, i) => {
        checkRef(t, [...at, 'supports', i], 'supported service');
        if (supports.indexOf(t) < i) fail([...at, 'supports', i], `${quote(t)} is listed twice in supports`);
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
      ...(s.fleet !== undefined ? { fleet: fleet(s.fleet as Obj, [...at, 'fleet']) } : {}),
      recoversAfterMin: duration(s.recoversAfter, [...at, 'recoversAfter']),
      ...(s.demand !== undefined ? { demand: demand(s.demand as Obj) } : {}),
      dependsOn,
      loc: locate(at, 'key'),
    };
  });

  /**
   * References, self-dependencies and repeats in one service's dependencies. Runs for every edge
   * (a million on a big graph): paths are only built for the diagnostics that need them.
   */
  function checkDependencies(id: string, s: Obj, dependsOn: readonly Dependency[]): void {
    const at: JsonPath = ['services', id];
    const direct = new Map<string, number>();
    for (const [i, d] of dependsOn.entries()) {
      const inList = d.anyOf ? new Set<string>() : undefined;
      d.targets.forEach((t, j) => {
        const p = (): JsonPath => typeof asArray(s.dependsOn)[i] === 'string'
          ? [...at, 'dependsOn', i] : d.anyOf ? [...at, 'dependsOn', i, 'anyOf', j] : [...at, 'dependsOn', i, 'on'];
        if (!ids.has(t)) checkRef(t, p(), 'dependency');
        if (t === id) fail(p(), `service ${quote(id)} depends on itself`, 'remove the entry, or model the loop through another service');
        if (inList?.has(t)) fail(p(), `${quote(t)} is listed twice in this anyOf`, 'each alternative once');
        inList?.add(t);
        if (!d.anyOf && direct.has(t)) fail(p(), `dependency on ${quote(t)} is listed twice (also entry ${direct.get(t)! + 1})`, 'merge the two entries into one');
        if (!d.anyOf && !direct.has(t)) direct.set(t, i);
      });
      if (d.needs !== undefined) needsWarning(d, [...at, 'dependsOn', i, 'needs']);
    }
  }

  function dependency(raw: JsonValue, path: JsonPath): Dependency {
    if (typeof raw === 'string') return { targets: [raw], anyOf: false, type: 'hard', loc: locate(path) };
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
          fillsAfterMin: duration(buffer.fillsAfter, [...path, 'buffer', 'fillsAfter']),
          whenFull: (buffer.whenFull as 'degraded' | 'down' | undefined) ?? 'degraded',
        },
      } : {}),
      load: typeof d.load === 'number' ? d.load : 1,
      ...(retry ? { retry: { factor: Number(retry.factor), backoff: retry.backoff === true } } : {}),
      ...(latch ? {
        latch: {
          afterMin: duration(latch.after, [...path, 'latch', 'after']),
          lagPerMinute: typeof latch.lagPerMinute === 'number' ? latch.lagPerMinute : 0,
          fixedMin: duration(latch.fixed, [...path, 'latch', 'fixed']),
        },
      } : {}),
      loc: locate(path),
    };
  }

  function demand(d: Obj): Demand {
    const daily = asArray(d.daily).map((p) => {
      const [h, m] = String((p as Obj).at).split(':').map(Number);
      return { minuteOfDay: (h ?? 0) * 60 + (m ?? 0), add: Number((p as Obj).add) };
    }).sort((a, b) => a.minuteOfDay - b.minuteOfDay);
    return { base: typeof d.base === 'number' ? d.base : 0, daily };
  }

  function fleet(f: Obj, path: JsonPath): Fleet {
    const nodes = Number(f.nodes);
    const mesh = f.mesh as Obj | undefined;
    const restart = f.restart as Obj | undefined;
    if (typeof f.cells === 'number' && f.cells > nodes) {
      fail([...path, 'cells'], `cells of ${f.cells} nodes exceed the fleet's ${nodes} nodes`, 'a cell cannot be larger than the fleet');
    }
    const perNode = entries(f.perNode).map(([name, r]): Resource => {
      const res = r as Obj;
      return { name, base: Number(res.base ?? 0), perPeer: Number(res.perPeer ?? 0), limit: Number(res.limit), perLoad: Number(res.perLoad ?? 0), loc: locate([...path, 'perNode', name], 'key') };
    });
    return {
      nodes,
      ...(mesh ? {
        mesh: {
          peers: mesh.peers === 'all' || mesh.peers === undefined ? 'all' : Number(mesh.peers),
          connectPerMinute: Number(mesh.connectPerMinute ?? Infinity),
          ...(typeof mesh.spreadPerMinute === 'number' ? { spreadPerMinute: mesh.spreadPerMinute } : {}),
          checksums: mesh.checksums === true,
        },
      } : {}),
      ...(typeof f.cells === 'number' ? { cells: f.cells } : {}),
      perNode,
      ...(restart && typeof restart.perHour === 'number' ? { restartPerHour: restart.perHour } : {}),
      serving: typeof f.serving === 'number' ? f.serving : 0.5,
      ...(typeof f.capacity === 'number' ? { capacity: f.capacity } : {}),
      admission: f.admission === true,
      loc: locate(path),
    };
  }

  const scenarios = entries(doc.scenarios).map(([id, raw]): Scenario => {
    const s = raw as Obj;
    const at: JsonPath = ['scenarios', id];
    const start: ScenarioStart = parseIsoStart(String(s.start)) ?? { epochMs: 0, offsetMin: 0 };
    const startOk = parseIsoStart(String(s.start)) !== undefined;
    if (!startOk) fail([...at, 'start'], `malformed start time "${String(s.start)}"`, 'use an ISO time with its offset within ±14:00, e.g. 2020-11-25T02:44:00-08:00');
    const time = (text: JsonValue | undefined, path: JsonPath): number => {
      const min = startOk ? parseTime(String(text), start) : 0;
      if (min === undefined) fail(path, `malformed time "${String(text)}"`, 'use "HH:MM", "+1d HH:MM", an ISO time or an offset like "+2h30m"');
      else if (min < 0) fail(path, `time "${String(text)}" is before the scenario start`);
      else if (!(min <= MAX_SPAN_MIN)) { fail(path, `time "${cut(String(text))}" is more than 365 days after the scenario start`); return 0; }
      return min ?? 0;
    };
    let last = -Infinity;
    const events = asArray(s.events).map((e, i): ScenarioEvent => {
      const ev = e as Obj;
      const path: JsonPath = [...at, 'events', i];
      const atMin = time(ev.at, [...path, 'at']);
      if (atMin < last) fail([...path, 'at'], `event at "${String(ev.at)}" is earlier than the event before it`, 'list events in time order');
      last = Math.max(last, atMin);
      const waitsFor = asArray(ev.waitsFor).map(String);
      waitsFor.forEach((t, j) => checkRef(t, [...path, 'waitsFor', j], 'awaited service'));
      return {
        atMin, action: action(ev, path), ...(typeof ev.note === 'string' ? { note: ev.note } : {}),
        ...(ev.when === 'detected' ? { when: 'detected' as const } : {}),
        delayMin: duration(ev.delay, [...path, 'delay']),
        ...(waitsFor.length > 0 ? { waitsFor } : {}),
        loc: locate(path),
      };
    });
    const milestones = asArray(s.observed).flatMap((o, i): MilestoneObservation[] => {
      const ob = o as Obj;
      if (ob.milestone === undefined) return [];
      const path: JsonPath = [...at, 'observed', i];
      const milestone = ob.milestone as MilestoneObservation['milestone'];
      return [{ atMin: time(ob.at, [...path, 'at']), milestone, ...(typeof ob.note === 'string' ? { note: ob.note } : {}), ...fitted(ob), loc: locate(path) }];
    });
    const det = (s.detection ?? {}) as Obj;
    const com = (s.communication ?? {}) as Obj;
    const detection: Detection = {
      seenMin: duration(det.seen, [...at, 'detection', 'seen'], 5),
      blindMin: duration(det.blind, [...at, 'detection', 'blind'], 30),
      postingMin: duration(com.posting, [...at, 'communication', 'posting'], 15),
    };
    const observed = asArray(s.observed).flatMap((o, i): Observation[] => {
      const ob = o as Obj;
      if (ob.milestone !== undefined) return [];
      const path: JsonPath = [...at, 'observed', i];
      checkRef(String(ob.service), [...path, 'service'], 'observed service');
      return [{
        atMin: time(ob.at, [...path, 'at']), service: String(ob.service), state: ob.state as State,
        ...(typeof ob.note === 'string' ? { note: ob.note } : {}), ...fitted(ob), loc: locate(path),
      }];
    });
    const whatIfs = entries(s.whatIfs).map(([wid, w]): WhatIf => ({
      id: wid, title: typeof (w as Obj).title === 'string' ? String((w as Obj).title) : wid,
      patch: (w as Obj).patch ?? {}, loc: locate([...at, 'whatIfs', wid], 'key'),
    }));
    const until = s.until === undefined ? {} : { untilMin: time(s.until, [...at, 'until']) };
    return { id, title: typeof s.title === 'string' ? s.title : id, start, events, observed, milestones, detection, whatIfs, ...until, loc: locate(at, 'key') };
  });

  /** `when: down` (and `delay`) of a restart or stop: an operator action that reacts to the failure. */
  function reaction(a: Obj, path: JsonPath): { when?: Reaction } {
    if (a.when !== 'down') return {};
    return { when: { state: 'down', delayMin: a.delay === undefined ? 0 : duration(a.delay, [...path, 'delay']) } };
  }

  function action(ev: Obj, path: JsonPath): ScenarioAction {
    const one = (key: string) => ev[key] as Obj;
    if (ev.scale !== undefined) {
      const a = one('scale');
      checkRef(String(a.service), [...path, 'scale', 'service'], 'scaled service');
      if (ids.has(String(a.service)) && !hasFleet(String(a.service))) fail([...path, 'scale', 'service'], `${quote(String(a.service))} has no fleet to scale`, 'add a fleet: { nodes: N } to the service');
      return {
        kind: 'scale', service: String(a.service),
        ...(typeof a.to === 'number' ? { to: a.to } : {}), ...(typeof a.by === 'number' ? { by: a.by } : {}),
        overMin: duration(a.over, [...path, 'scale', 'over']),
      };
    }
    if (ev.fail !== undefined) {
      const a = one('fail');
      checkRef(String(a.service), [...path, 'fail', 'service'], 'failed service');
      return { kind: 'fail', service: String(a.service), state: (a.state as 'down' | 'degraded' | undefined) ?? 'down' };
    }
    if (ev.recover !== undefined) {
      const a = one('recover');
      checkRef(String(a.service), [...path, 'recover', 'service'], 'recovered service');
      return { kind: 'recover', service: String(a.service) };
    }
    if (ev.restart !== undefined) {
      const a = one('restart');
      checkRef(String(a.service), [...path, 'restart', 'service'], 'restarted service');
      if (ids.has(String(a.service)) && !hasFleet(String(a.service))) fail([...path, 'restart', 'service'], `${quote(String(a.service))} has no fleet to restart`, 'add a fleet: { nodes: N } to the service');
      const after = asArray(a.after).map(String);
      after.forEach((t, j) => {
        checkRef(t, [...path, 'restart', 'after', j], 'awaited service');
        if (t === String(a.service)) fail([...path, 'restart', 'after', j], `the restart of ${quote(t)} cannot wait for ${quote(t)} itself to be ok`, 'list the services it needs first');
      });
      return {
        kind: 'restart', service: String(a.service), ...(typeof a.perHour === 'number' ? { perHour: a.perHour } : {}),
        ...(after.length > 0 ? { after } : {}), ...reaction(a, [...path, 'restart']),
      };
    }
    if (ev.corrupt !== undefined || ev.stop !== undefined) {
      const key = ev.corrupt !== undefined ? 'corrupt' : 'stop';
      const a = one(key);
      checkRef(String(a.service), [...path, key, 'service'], key === 'corrupt' ? 'corrupted service' : 'stopped service');
      if (ids.has(String(a.service)) && !hasFleet(String(a.service))) fail([...path, key, 'service'], `${quote(String(a.service))} has no fleet to ${key}`, 'add a fleet: { nodes: N } to the service');
      return key === 'corrupt'
        ? { kind: 'corrupt', service: String(a.service), nodes: typeof a.nodes === 'number' ? a.nodes : 1 }
        : { kind: 'stop', service: String(a.service), ...reaction(a, [...path, 'stop']) };
    }
    if (typeof ev.milestone === 'string') return { kind: 'milestone', text: ev.milestone };
    return { kind: 'patch', patch: ev.patch ?? {} };
  }

  const model: Model = {
    file,
    name: String(doc.name),
    title: typeof doc.title === 'string' ? doc.title : String(doc.name),
    sources: asArray(doc.sources).map(String),
    services,
    byId: new Map(services.map((s) => [s.id, s])),
    scenarios,
    doc,
  };
  if (errors.length > 0) return { errors, ...(warnings.length > 0 ? { warnings } : {}), draft: model };
  return { model: freezeModel(model), errors, ...(warnings.length > 0 ? { warnings } : {}) };
}

function fitted(ob: Obj): { fitted?: string[] } {
  return Array.isArray(ob.fitted) && ob.fitted.length > 0 ? { fitted: ob.fitted.map(String) } : {};
}

function entries(v: JsonValue | undefined): [string, JsonValue][] {
  return v && typeof v === 'object' && !Array.isArray(v)
    ? Object.keys(v).map((k) => [k, (v)[k]!])
    : [];
}

function asArray(v: JsonValue | undefined): JsonValue[] {
  return Array.isArray(v) ? v : [];
}

/**
 * Frozen down to each service and its list of dependencies; the dependency entries themselves
 * (with their locations) and the source document `doc` stay readonly by type only. Freezing those
 * too meant visiting ~5 objects per edge — 5M on a 1M-edge graph, a noticeable part of the load —
 * to guard objects no code writes to (what-ifs patch a copy of `doc`, never `doc`).
 */
function freezeModel(model: Model): Model {
  for (const s of model.services) {
    Object.freeze(s.dependsOn);
    if (s.fleet) deepFreeze(s.fleet);
    if (Array.isArray(s.supports)) Object.freeze(s.supports);
    Object.freeze(s);
  }
  Object.freeze(model.services);
  deepFreeze(model.scenarios);
  Object.freeze(model.byId);
  Object.freeze(model.sources);
  return Object.freeze(model);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    const children = value instanceof Map ? [...value.values()] : Object.values(value);
    for (const child of children) deepFreeze(child);
  }
  return value;
}
