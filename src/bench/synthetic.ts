/**
 * Seeded synthetic architectures that look like microservice graphs: layered (callers above their
 * dependencies), power-law out-degree (~6 edges a service), a few hubs at the bottom (datastores,
 * networks), a few % of back edges that make cycles, some `anyOf`, soft, buffered and async edges,
 * fleets with thread-per-peer meshes, incident tooling, and optionally a scenario with N events.
 * Same options → same document, byte for byte.
 */
import { buildModel } from '../model/build.js';
import { nullLocator } from '../model/locate.js';
import type { JsonObject, JsonValue, Model } from '../model/types.js';

export interface SyntheticOptions {
  readonly services: number;
  readonly seed?: number;
  /** Mean dependencies per service (power-law distributed). Default 6. */
  readonly meanEdges?: number;
  /** Share of services with a back edge that closes a cycle. Default 0.03. */
  readonly cycleShare?: number;
  /** Scenario events to generate (0 = no scenario). Default 0. */
  readonly events?: number;
}

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticId(i: number, n: number): string {
  return `svc-${String(i).padStart(String(n - 1).length, '0')}`;
}

/** What every service's draw needs: the size, the random stream and the layer geometry. */
interface Shape {
  readonly n: number;
  readonly rand: () => number;
  readonly id: (i: number) => string;
  readonly layers: number;
  readonly layerStart: (l: number) => number;
  readonly hubs: number;
  readonly xmin: number;
  readonly cycleShare: number;
}

export function syntheticDoc(opts: SyntheticOptions): JsonObject {
  const n = opts.services;
  const layers = Math.max(2, Math.min(12, Math.round(Math.log2(n))));
  const shape: Shape = {
    n, rand: prng(opts.seed ?? 42), id: (i: number) => syntheticId(i, n), layers,
    layerStart: (l: number) => Math.floor((l * n) / layers),
    hubs: Math.max(1, Math.floor(n / 100)),
    // Pareto (alpha 2.5), floored and capped at 60: xmin = mean/2.3 lands the mean near the target
    // (measured: 6.0 edges a service at 1k–100k).
    xmin: (opts.meanEdges ?? 6) / 2.3,
    cycleShare: opts.cycleShare ?? 0.03,
  };
  const services: JsonObject = {};
  const fleets: number[] = [];
  for (let i = 0; i < n; i++) {
    const layer = Math.min(layers - 1, Math.floor((i * layers) / n));
    // The draws happen in this order (dependencies, then the service's own fields): same seed, same graph.
    const deps = dependencies(shape, i, layer);
    const s = service(shape, i, layer, fleets);
    if (deps.length > 0) s.dependsOn = deps;
    services[shape.id(i)] = s;
  }

  const doc: JsonObject = {
    faultline: 1,
    name: `synthetic-${n}`,
    title: `Synthetic architecture of ${n} services (seed ${opts.seed ?? 42})`,
    services,
  };
  if (opts.events && opts.events > 0) doc.scenarios = { synthetic: scenario(opts.events, n, fleets, shape.rand, shape.id) };
  return doc;
}

/** Edges to deeper layers (30 % to hubs), a Pareto number of them, plus an occasional edge back up (a cycle). */
function dependencies(g: Shape, i: number, layer: number): JsonValue[] {
  const { n, rand, id, layers, layerStart, hubs } = g;
  const deeper = layer + 1 < layers ? layerStart(layer + 1) : n;
  const deps: JsonValue[] = [];
  const seen = new Set<number>();
  const degree = deeper >= n ? 0 : Math.min(n - deeper, 60, Math.floor(g.xmin * (1 - rand()) ** (-1 / 1.5)));
  const target = (): number => {
    for (let tries = 0; tries < 8; tries++) {
      const j = rand() < 0.3 ? n - 1 - Math.floor(rand() * hubs) : deeper + Math.floor(rand() * (n - deeper));
      if (j !== i && !seen.has(j)) return j;
    }
    return -1;
  };
  for (let d = 0; d < degree; d++) {
    const j = target();
    if (j < 0) continue;
    seen.add(j);
    const r = rand();
    if (r < 0.05) {
      const k = target();
      if (k < 0) continue;
      seen.add(k);
      deps.push({ anyOf: [id(j), id(k)], type: 'hard' });
    } else if (r < 0.78) deps.push(d % 3 === 0 ? id(j) : { on: id(j), type: 'hard' });
    else if (r < 0.9) deps.push({ on: id(j), type: 'soft' });
    else if (r < 0.95) deps.push({ on: id(j), type: 'buffered', buffer: { fillsAfter: `${15 * (1 + Math.floor(rand() * 12))}m`, whenFull: rand() < 0.5 ? 'degraded' : 'down' } });
    else deps.push({ on: id(j), type: 'async' });
  }
  if (layer > 0 && rand() < g.cycleShare) {
    const j = layerStart(layer - 1) + Math.floor(rand() * (layerStart(layer) - layerStart(layer - 1)));
    // Same random draws as before; a buffer only on a buffered edge (the schema requires it).
    if (j !== i && !seen.has(j)) {
      const type = rand() < 0.7 ? 'hard' : 'buffered';
      deps.push({ on: id(j), type, ...(rand() < 0.7 || type !== 'buffered' ? {} : { buffer: { fillsAfter: '1h', whenFull: 'degraded' } }) });
    }
    const last = deps[deps.length - 1] as JsonObject | undefined;
    if (last && last.type === 'buffered' && !last.buffer) last.buffer = { fillsAfter: '1h', whenFull: 'degraded' };
  }
  return deps;
}

/** The service's own fields: role (hubs are stores and networks), tier, entrypoint, sometimes a fleet. */
function service(g: Shape, i: number, layer: number, fleets: number[]): JsonObject {
  const { rand } = g;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const isHub = i >= g.n - g.hubs;
  const s: JsonObject = {
    title: `Service ${i}`,
    team: `team-${i % 97}`,
    role: isHub ? pick(['datastore', 'network', 'queue'] as const) : i % 211 === 7 ? pick(['status-page', 'monitoring', 'alerting', 'deploy'] as const) : 'service',
    tier: Math.floor(rand() * 4),
  };
  if (layer === 0 && rand() < 0.5) s.entrypoint = true;
  if (rand() < 0.02) {
    const nodes = 50 + Math.floor(rand() * 1950);
    s.fleet = {
      nodes,
      mesh: { peers: 'all', connectPerMinute: 1 + Math.floor(rand() * 20) },
      perNode: { threads: { base: 1000, perPeer: 1, limit: 1000 + Math.floor(nodes * (1.05 + rand())) } },
      restart: { perHour: 100 + Math.floor(rand() * 900) },
      serving: 0.5,
    };
    fleets.push(i);
  }
  return s;
}

function scenario(count: number, n: number, fleets: readonly number[], rand: () => number, id: (i: number) => string): JsonObject {
  const events: JsonValue[] = [];
  const failed: number[] = [];
  let minute = 0;
  for (let e = 0; e < count; e++) {
    minute += 1 + Math.floor(rand() * 5);
    const at = `+${minute}m`;
    const r = rand();
    if (failed.length > 0 && r < 0.4) {
      events.push({ at, recover: { service: id(failed.splice(Math.floor(rand() * failed.length), 1)[0]!) } });
    } else if (fleets.length > 0 && r < 0.55) {
      const f = fleets[Math.floor(rand() * fleets.length)]!;
      events.push(rand() < 0.6
        ? { at, scale: { service: id(f), by: 10 + Math.floor(rand() * 200), over: '30m' } }
        : { at, restart: { service: id(f) } });
    } else {
      const i = Math.floor(rand() * n);
      failed.push(i);
      events.push({ at, fail: { service: id(i), ...(rand() < 0.3 ? { state: 'degraded' } : {}) } });
    }
  }
  return { title: `${count} synthetic events`, start: '2026-01-01T00:00:00Z', events };
}

/** The synthetic document built into a Model without YAML (no source positions). */
export function syntheticModel(opts: SyntheticOptions): Model {
  const file = `synthetic-${opts.services}.yaml`;
  const { value: model, errors } = buildModel(syntheticDoc(opts), file, nullLocator(file));
  if (!model) throw new Error(`synthetic graph is invalid: ${errors[0]?.message}`);
  return model;
}
