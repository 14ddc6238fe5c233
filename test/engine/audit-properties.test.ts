/**
 * Seeded properties that tie the engine to the audit and to itself (issue 13): the audit's blast
 * radius is the final state of a single-failure replay; softening an edge or raising a limit never
 * makes any service worse; a no-op patch or milestone changes nothing; renaming ids changes nothing
 * but names.
 */
import { describe, expect, test } from 'vitest';
import { blastMembers } from '../../src/analysis/index.js';
import { prng } from '../../src/bench/synthetic.js';
import { replay, statesAt, type Replay } from '../../src/engine/index.js';
import { checkDocument } from '../../src/model/check.js';
import { nullLocator } from '../../src/model/locate.js';
import type { JsonObject, JsonValue, Model, State } from '../../src/model/types.js';
import { randomDoc } from '../analysis/helpers.js';

const RANK: Record<State, number> = { ok: 0, degraded: 1, down: 2 };

function model(doc: JsonObject): Model {
  const { value: m, errors } = checkDocument(doc, 'p.yaml', nullLocator('p.yaml'));
  if (!m) throw new Error(`${errors.map((e) => e.message).join('; ')}\n${JSON.stringify(doc)}`);
  return m;
}

const doc = (services: Record<string, JsonObject>, events: JsonValue[]): JsonObject =>
  ({ faultline: 1, name: 'p', services: services, scenarios: { s: { start: '2020-01-01T00:00:00Z', events } } });

/** Random fail/recover events on services s0…s(n−1), in time order. */
function randomEvents(n: number, rand: () => number, count: number): JsonValue[] {
  const at = Array.from({ length: count }, () => Math.floor(rand() * 120)).sort((a, b) => a - b);
  return at.map((t): JsonValue => {
    const s = `s${Math.floor(rand() * n)}`;
    const r = rand();
    return r < 0.5 ? { at: `+${t}m`, fail: { service: s } } : r < 0.7 ? { at: `+${t}m`, fail: { service: s, state: 'degraded' } } : { at: `+${t}m`, recover: { service: s } };
  });
}

/** b is never better than a for any service at any instant where either changes (and just after). */
function neverBetter(a: Replay, b: Replay, what: string): void {
  const times = [...new Set([...a.timeline, ...b.timeline].map((t) => t.atMin))].flatMap((x) => [x, x + 0.5]);
  for (const t of times) {
    const sa = statesAt(a, t);
    const sb = statesAt(b, t);
    for (const [id, s] of sb) expect(RANK[s], `${what}: ${id} at ${t}`).toBeLessThanOrEqual(RANK[sa.get(id) ?? 'ok']);
  }
}

const sameStates = (a: Replay, b: Replay, rename: (id: string) => string = (x) => x) => {
  const times = [...new Set([...a.timeline, ...b.timeline].map((t) => t.atMin))].flatMap((x) => [x, x + 0.5]);
  for (const t of times) {
    const sb = statesAt(b, t);
    for (const [id, s] of statesAt(a, t)) expect(sb.get(rename(id)), `${id} at ${t}`).toBe(s);
  }
};

describe('audit and replay agree', () => {
  test('blast radius = the final states of a replay in which that one service fails for good', () => {
    const rand = prng(13);
    for (let g = 0; g < 60; g++) {
      const services = randomDoc(8, rand, 2);
      for (const id of Object.keys(services)) {
        const m = model(doc(services, [{ at: '+0m', fail: { service: id } }]));
        const r = replay(m);
        const b = blastMembers(m, id);
        const down = Object.entries(r.final).filter(([s, st]) => s !== id && st === 'down').map(([s]) => s).sort();
        const degraded = Object.entries(r.final).filter(([s, st]) => s !== id && st === 'degraded').map(([s]) => s).sort();
        expect({ down, degraded }, `graph ${g}, ${id} fails: ${JSON.stringify(services)}`).toEqual({ down: b.down, degraded: b.degraded });
      }
    }
  });
});

/** Each edge type and what softening it may give (down the lattice: hard ≥ buffered-down ≥ buffered-degraded ≤ soft ≥ async). */
const SOFTER: Record<string, JsonObject[]> = {
  hard: [{ type: 'soft' }, { type: 'async' }, { type: 'buffered', buffer: { fillsAfter: '10m', whenFull: 'down' } }],
  soft: [{ type: 'async' }, { type: 'buffered', buffer: { fillsAfter: '10m', whenFull: 'degraded' } }],
  buffered: [{ type: 'async' }, { type: 'buffered', buffer: { fillsAfter: '500m', whenFull: 'degraded' } }],
  async: [{ type: 'async' }],
};

describe('monotone in the graph', () => {
  test('softening one edge never makes any service worse at any time', () => {
    const rand = prng(1313);
    for (let g = 0; g < 150; g++) {
      const services = randomDoc(6, rand, 2);
      const events = randomEvents(6, rand, 6);
      const owners = Object.keys(services).filter((id) => ((services[id]!.dependsOn as JsonObject[] | undefined) ?? []).length > 0);
      if (owners.length === 0) continue;
      const owner = owners[Math.floor(rand() * owners.length)]!;
      const deps = services[owner]!.dependsOn as JsonObject[];
      const k = Math.floor(rand() * deps.length);
      const was = deps[k]!;
      const wasKey = was.type === 'buffered' && (was.buffer as JsonObject).whenFull === 'down' ? 'hard' : String(was.type);
      const options: JsonObject[] = wasKey === 'hard' && was.type === 'buffered'
        ? [{ type: 'buffered', buffer: { fillsAfter: (was.buffer as JsonObject).fillsAfter!, whenFull: 'degraded' } }, { type: 'async' }] : SOFTER[wasKey]!;
      const soft = options[Math.floor(rand() * options.length)]!;
      const { type: _t, buffer: _b, ...rest } = was;
      const softened: Record<string, JsonObject> = { ...services, [owner]: { ...services[owner], dependsOn: deps.map((d, i): JsonObject => (i === k ? { ...rest, ...soft } : d)) } };
      neverBetter(replay(model(doc(services, events))), replay(model(doc(softened, events))), `graph ${g}: ${owner}.dependsOn[${k}] ${JSON.stringify(was)} → ${JSON.stringify(soft)}`);
    }
  });

  test('raising a limit never makes any service worse at any time', () => {
    const rand = prng(7);
    for (let g = 0; g < 120; g++) {
      const nodes = 5 + Math.floor(rand() * 20);
      const limit = 100 + Math.floor(rand() * 30);
      const fleet = (lim: number): JsonObject => ({
        fleet: { nodes, mesh: { peers: 'all', ...(rand() < 0.5 ? { connectPerMinute: 1 + Math.floor(rand() * 3) } : {}) }, perNode: { t: { base: 100, perPeer: 1, limit: lim } }, restart: { perHour: 30 + Math.floor(rand() * 60) } },
      });
      const events: JsonValue[] = [
        { at: `+${Math.floor(rand() * 20)}m`, scale: { service: 'f', by: Math.floor(rand() * 30) - 5, ...(rand() < 0.5 ? { over: `${1 + Math.floor(rand() * 20)}m` } : {}) } },
        { at: `+${30 + Math.floor(rand() * 30)}m`, restart: { service: 'f' } },
        { at: `+${70 + Math.floor(rand() * 30)}m`, scale: { service: 'f', by: -Math.floor(rand() * 20) } },
      ];
      const services = (lim: number) => ({ f: fleet(lim), d: { dependsOn: [{ on: 'f', type: 'hard', needs: 0.8 }] } });
      const spec = JSON.stringify(services(limit));
      const low = JSON.parse(spec) as Record<string, JsonObject>;
      const high = JSON.parse(spec) as Record<string, JsonObject>;
      ((high.f!.fleet as JsonObject).perNode as { t: JsonObject }).t.limit = limit + 1 + Math.floor(rand() * 20);
      neverBetter(replay(model(doc(low, events))), replay(model(doc(high, events))), `graph ${g}: ${spec} ${JSON.stringify(events)}`);
    }
  });
});

describe('invariance', () => {
  test('an inserted no-op patch or milestone changes nothing', () => {
    const rand = prng(99);
    for (let g = 0; g < 150; g++) {
      const services = randomDoc(6, rand, 2);
      const events = randomEvents(6, rand, 6);
      const at = Math.floor(rand() * 130);
      const noop: JsonValue = rand() < 0.5 ? { at: `+${at}m`, patch: { title: 'same' } } : { at: `+${at}m`, milestone: 'nothing' };
      const withNoop = [...events, noop].sort((a, b) => parseInt(String((a as JsonObject).at).slice(1)) - parseInt(String((b as JsonObject).at).slice(1)));
      sameStates(replay(model(doc(services, events))), replay(model(doc(services, withNoop))));
    }
  });

  test('renaming ids changes nothing but names', () => {
    const rand = prng(4242);
    for (let g = 0; g < 150; g++) {
      const services = randomDoc(6, rand, 2);
      const events = randomEvents(6, rand, 6);
      // A random injective renaming that reorders ids: s3 → "a9", s0 → "q2", …
      const ids = Object.keys(services);
      const shuffled = [...ids].sort(() => rand() - 0.5);
      const name = new Map(ids.map((id, i) => [id, `${'zqmaxb'[i % 6]}${shuffled.indexOf(id)}`]));
      const text = JSON.stringify(doc(services, events)).replace(/"s(\d+)"/g, (_, d: string) => `"${name.get(`s${d}`)}"`);
      const a = replay(model(doc(services, events)));
      const b = replay(model(JSON.parse(text) as JsonObject));
      sameStates(a, b, (id) => name.get(id)!);
      const kinds = (r: Replay, f: (id: string) => string) => r.timeline.map((t) => `${t.atMin} ${f(t.service)} ${t.from}>${t.state} ${t.cause.kind}`).sort();
      expect(kinds(b, (x) => x)).toEqual(kinds(a, (id) => name.get(id)!));
      const sets = (r: Replay, f: (id: string) => string) => r.deadlocks.map((d) => `${d.atMin} ${d.members.map(f).sort().join(',')}`).sort();
      expect(sets(b, (x) => x)).toEqual(sets(a, (id) => name.get(id)!));
    }
  });
});
