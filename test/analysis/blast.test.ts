import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { audit, blastMembers } from '../../src/analysis/index.js';
import { blastCounts } from '../../src/analysis/blast.js';
import { buildIndex } from '../../src/analysis/graph.js';
import { Propagator } from '../../src/analysis/propagate.js';
import { prng } from '../../src/bench/synthetic.js';
import { tierWeight } from '../../src/model/types.js';
import { modelOf, naiveImpact, randomDoc } from './helpers.js';

describe('blast radius semantics', () => {
  const m = modelOf({
    db: { tier: 0 },
    dns1: { tier: 3 },
    dns2: { tier: 3 },
    api: { tier: 0, entrypoint: true, dependsOn: [{ on: 'db', type: 'hard' }, { anyOf: ['dns1', 'dns2'], type: 'hard' }] },
    web: { tier: 1, entrypoint: true, dependsOn: [{ on: 'api', type: 'soft' }] },
    batch: { tier: 2, dependsOn: [{ on: 'api', type: 'buffered', buffer: { fillsAfter: '30m', whenFull: 'down' } }] },
    report: { tier: 3, dependsOn: [{ on: 'batch', type: 'hard' }, { on: 'db', type: 'async' }] },
  });
  const br = (id: string) => audit(m).blastRadius.find((b) => b.service === id)!;

  test('hard → down, soft → degraded, buffered → whenFull after its delay, async → nothing', () => {
    expect(br('db')).toMatchObject({
      down: ['api', 'batch', 'report'], degraded: ['web'], downCount: 3, degradedCount: 1, entrypointsHit: 2, timeToImpactMin: 0,
      delayed: [{ service: 'batch', state: 'down', atMin: 30 }, { service: 'report', state: 'down', atMin: 30 }],
    });
    expect(br('db').score).toBe(tierWeight(0) + tierWeight(2) + tierWeight(3) + tierWeight(1) / 2);
  });

  test('anyOf redundancy: one alternative down hits nothing (plain reachability would say api is down)', () => {
    expect(br('dns1')).toMatchObject({ downCount: 0, degradedCount: 0, down: [], degraded: [], score: 0 });
    expect(br('dns1').timeToImpactMin).toBeUndefined();
  });

  test('soft edges stop the down state: web degraded, nothing behind it down', () => {
    expect(br('api')).toMatchObject({ down: ['batch', 'report'], degraded: ['web'] });
    expect(br('batch')).toMatchObject({ down: ['report'], degraded: [], timeToImpactMin: 0 });
  });

  test('only a buffered dependent: time to impact is the buffer', () => {
    const g = modelOf({ a: {}, b: { dependsOn: [{ on: 'a', type: 'buffered', buffer: { fillsAfter: '1h', whenFull: 'degraded' } }] } });
    expect(audit(g).blastRadius.find((b) => b.service === 'a')).toMatchObject({ timeToImpactMin: 60, degraded: ['b'] });
  });

  test('ranked by score, then id', () => {
    const ranked = audit(m).blastRadius.map((b) => b.service);
    expect(ranked[0]).toBe('db');
    expect(ranked.slice(-4)).toEqual(['dns1', 'dns2', 'report', 'web']);
  });

  test('cycles terminate at the least fixpoint', () => {
    const g = modelOf({ a: { dependsOn: ['b'] }, b: { dependsOn: [{ on: 'a', type: 'soft' }] }, c: { dependsOn: ['a'] } });
    expect(blastMembers(g, 'c')).toMatchObject({ down: [], degraded: [] });
    expect(blastMembers(g, 'b')).toMatchObject({ down: ['a', 'c'], degraded: [] });
    expect(blastMembers(g, 'a')).toMatchObject({ down: ['c'], degraded: ['b'] });
  });
});

describe('against a naive propagation on random graphs', () => {
  test('exact propagation (states and times) equals the naive one', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 30 }), fc.integer(), (n, seed) => {
      const m = modelOf(randomDoc(n, prng(seed)));
      const p = new Propagator(buildIndex(m));
      const ix = buildIndex(m);
      for (const s of m.services) {
        const naive = naiveImpact(m, s.id);
        const fast = p.run(ix.pos.get(s.id)!);
        const got = new Map(fast.hit.map((v) => [ix.ids[v]!, fast.tDown[v]! < Infinity
          ? { state: 'down', atMin: fast.tDown[v]! } : { state: 'degraded', atMin: fast.tDegraded[v]! }]));
        expect(got).toEqual(naive);
        const sparse = p.hits(ix.pos.get(s.id)!);
        const again = new Map(Array.from(sparse.hit, (v, i) => [ix.ids[v]!, sparse.tDown[i]! < Infinity
          ? { state: 'down', atMin: sparse.tDown[i]! } : { state: 'degraded', atMin: sparse.tDegraded[i]! }]));
        expect(again).toEqual(naive);
      }
    }), { numRuns: 150 });
  });

  test('member lists of every row (by id) and delayed members (by time, then id) equal the naive propagation; none when memberLists is false', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 40 }), fc.integer(), (n, seed) => {
      const m = modelOf(randomDoc(n, prng(seed)));
      const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      const ix = buildIndex(m);
      const p = new Propagator(ix);
      for (const row of audit(m).blastRadius) {
        const naive = [...naiveImpact(m, row.service)];
        expect(row.down).toEqual(naive.filter(([, x]) => x.state === 'down').map(([id]) => id).sort(byId));
        expect(row.degraded).toEqual(naive.filter(([, x]) => x.state === 'degraded').map(([id]) => id).sort(byId));
        // Delayed: first degraded after 0 (the naive form gives only the down time of a down service; run() is checked against it above).
        const exact = p.run(ix.pos.get(row.service)!);
        const delayed = exact.hit.filter((v) => exact.tDegraded[v]! > 0).map((v) => ({
          service: ix.ids[v]!, state: exact.tDown[v]! < Infinity ? 'down' : 'degraded', atMin: exact.tDown[v]! < Infinity ? exact.tDown[v]! : exact.tDegraded[v]!,
        })).sort((a, b) => a.atMin - b.atMin || byId(a.service, b.service));
        expect(row.delayed).toEqual(delayed.length > 0 ? delayed : undefined);
      }
      const bare = audit(m, undefined, { memberLists: false });
      expect(bare.blastRadius.every((b) => b.down === undefined && b.degraded === undefined && b.delayed === undefined)).toBe(true);
      expect(bare.findings).toEqual(audit(m).findings);
    }), { numRuns: 100 });
  });

  test('bit-parallel counts, scores and SPOFs equal the exact member lists, at any batch width', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 90 }), fc.integer(), fc.constantFrom(1, 2, 32), (n, seed, words) => {
      const m = modelOf(randomDoc(n, prng(seed), 3));
      const ix = buildIndex(m);
      const counts = blastCounts(ix, [], words);
      const spofs = new Map<string, string[]>();
      for (const s of m.services) {
        const naive = naiveImpact(m, s.id);
        const v = ix.pos.get(s.id)!;
        const down = [...naive].filter(([, x]) => x.state === 'down').map(([id]) => id);
        const degraded = [...naive].filter(([, x]) => x.state === 'degraded').map(([id]) => id);
        expect(counts.downCount[v]).toBe(down.length);
        expect(counts.degradedCount[v]).toBe(degraded.length);
        const w = (ids: string[]) => ids.reduce((a, id) => a + tierWeight(m.byId.get(id)!.tier), 0);
        expect(counts.score[v]).toBe(w(down) + w(degraded) / 2);
        expect(counts.entrypointsHit[v]).toBe([...naive.keys()].filter((id) => m.byId.get(id)!.entrypoint).length);
        for (const id of down) if (m.byId.get(id)!.entrypoint) spofs.set(id, [...(spofs.get(id) ?? []), s.id]);
      }
      for (const [e, list] of counts.spof) expect(list.map((v) => ix.ids[v])).toEqual((spofs.get(ix.ids[e]!) ?? []).sort((a, b) => ix.pos.get(a)! - ix.pos.get(b)!));
    }), { numRuns: 120 });
  });
});

test('a 20,000-service chain and a 20,000-service cycle do not overflow the stack', () => {
  const n = 20_000;
  const chain: Record<string, object> = {};
  const ring: Record<string, object> = {};
  for (let i = 0; i < n; i++) {
    chain[`s${i}`] = i + 1 < n ? { dependsOn: [`s${i + 1}`] } : {};
    ring[`s${i}`] = { dependsOn: [`s${(i + 1) % n}`] };
  }
  const a = audit(modelOf(chain as never));
  expect(a.blastRadius[0]).toMatchObject({ service: `s${n - 1}`, downCount: n - 1 });
  const r = audit(modelOf(ring as never));
  expect(r.blastRadius.every((b) => b.downCount === n - 1)).toBe(true);
  expect(r.cycles).toHaveLength(1);
  expect(r.cycles[0]!.members).toHaveLength(n);
  expect(r.cycles[0]!.path).toHaveLength(n + 1);
  expect(r.findings.filter((f) => f.rule === 'recovery-deadlock')).toHaveLength(1);
}, 60_000);

test('member lists: every service on small graphs, only the top N above the threshold', () => {
  const m = modelOf({ a: {}, b: { dependsOn: ['a'] }, c: { dependsOn: ['b'] } });
  expect(audit(m).blastRadius.every((b) => b.down !== undefined)).toBe(true);
  const big = audit(m, undefined, { listAllUpTo: 2, top: 1 }).blastRadius;
  expect(big.map((b) => [b.service, b.down])).toEqual([['a', ['b', 'c']], ['b', undefined], ['c', undefined]]);
  expect(big.map((b) => b.downCount)).toEqual([2, 1, 0]);
});

test('SPOF lists capped with keep: the count, and the keep lowest by rank, at any batch width', () => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 120 }), fc.integer(), fc.constantFrom(1, 2), fc.integer({ min: 1, max: 4 }), (n, seed, words, keep) => {
    const m = modelOf(randomDoc(n, prng(seed), 3));
    const ix = buildIndex(m);
    const rand = prng(seed ^ 0x5bd1e995);
    const rank = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [rank[i], rank[j]] = [rank[j]!, rank[i]!]; }
    const all = blastCounts(ix, [], words);
    const capped = blastCounts(ix, [], words, { keep, rank });
    expect(capped.spofCount).toEqual(all.spofCount);
    for (const [e, list] of all.spof) {
      expect(capped.spof.get(e)).toEqual([...list].sort((a, b) => rank[a]! - rank[b]!).slice(0, keep));
    }
  }), { numRuns: 150 });
});
