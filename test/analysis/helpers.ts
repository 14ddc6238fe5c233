/** Small graphs built in memory, and a naive reference propagation to check the fast one against. */
import { buildModel } from '../../src/model/build.js';
import { loadText } from '../../src/model/load.js';
import { nullLocator } from '../../src/model/locate.js';
import type { JsonObject, JsonValue, Model } from '../../src/model/types.js';

export function modelOf(services: Record<string, JsonObject>, extra: JsonObject = {}): Model {
  const doc: JsonObject = { faultline: 1, name: 'test', services: services, ...extra };
  const { value: model, errors } = buildModel(doc, 'test.yaml', nullLocator('test.yaml'));
  if (!model) throw new Error(errors.map((e) => e.message).join('; '));
  return model;
}

export function modelFromYaml(text: string, file = 'test.yaml'): Model {
  const { value: model, errors } = loadText(text, file);
  if (!model) throw new Error(errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; '));
  return model;
}

export type Level = 0 | 1 | 2;

/**
 * The §4 semantics written the slow, obvious way: times to degraded/down for every service when
 * `source` goes down for good, by repeated relaxation until nothing changes.
 */
export function naiveImpact(model: Model, source: string): Map<string, { state: 'down' | 'degraded'; atMin: number }> {
  const deg = new Map<string, number>();
  const down = new Map<string, number>();
  for (const s of model.services) { deg.set(s.id, Infinity); down.set(s.id, Infinity); }
  deg.set(source, 0);
  down.set(source, 0);
  let changed = true;
  while (changed) {
    changed = false;
    for (const s of model.services) {
      if (s.id === source) continue;
      let d = Infinity;
      let g = Infinity;
      for (const e of s.dependsOn) {
        const allDeg = Math.max(...e.targets.map((t) => deg.get(t)!));
        const allDown = Math.max(...e.targets.map((t) => down.get(t)!));
        if (e.type === 'hard') { d = Math.min(d, allDown); g = Math.min(g, allDeg); }
        else if (e.type === 'soft') g = Math.min(g, allDown);
        else if (e.type === 'buffered') {
          const at = allDown + e.buffer!.fillsAfterMin; // a buffer fills only while its dependency is down
          g = Math.min(g, at);
          if (e.buffer!.whenFull === 'down') d = Math.min(d, at);
        }
      }
      g = Math.min(g, d);
      if (d < down.get(s.id)!) { down.set(s.id, d); changed = true; }
      if (g < deg.get(s.id)!) { deg.set(s.id, g); changed = true; }
    }
  }
  const out = new Map<string, { state: 'down' | 'degraded'; atMin: number }>();
  for (const s of model.services) {
    if (s.id === source) continue;
    if (down.get(s.id)! < Infinity) out.set(s.id, { state: 'down', atMin: down.get(s.id)! });
    else if (deg.get(s.id)! < Infinity) out.set(s.id, { state: 'degraded', atMin: deg.get(s.id)! });
  }
  return out;
}

/** A random graph of n services with every edge kind, anyOf and cycles. */
export function randomDoc(n: number, rand: () => number, edges = 2): Record<string, JsonObject> {
  const id = (i: number) => `s${i}`;
  const services: Record<string, JsonObject> = {};
  for (let i = 0; i < n; i++) {
    const deps: JsonValue[] = [];
    const used = new Set<number>([i]);
    const k = Math.floor(rand() * (edges * 2 + 1));
    for (let j = 0; j < k; j++) {
      const a = Math.floor(rand() * n);
      if (used.has(a)) continue;
      used.add(a);
      const r = rand();
      const type = r < 0.45 ? 'hard' : r < 0.65 ? 'soft' : r < 0.85 ? 'buffered' : 'async';
      const buffer = type === 'buffered' ? { buffer: { fillsAfter: `${1 + Math.floor(rand() * 90)}m`, whenFull: rand() < 0.5 ? 'down' : 'degraded' } } : {};
      if (rand() < 0.25) {
        const b = Math.floor(rand() * n);
        if (used.has(b)) continue;
        used.add(b);
        deps.push({ anyOf: [id(a), id(b)], type, ...buffer } as JsonObject);
      } else deps.push({ on: id(a), type, ...buffer } as JsonObject);
    }
    services[id(i)] = { tier: Math.floor(rand() * 4), ...(rand() < 0.3 ? { entrypoint: true } : {}), ...(deps.length ? { dependsOn: deps } : {}) };
  }
  return services;
}
