/** The blast pass's kernel on its own: dependency order, and each lane's final states against the naive propagation. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { BitSweep } from '../../src/analysis/bit-sweep.js';
import { dependencyOrder } from '../../src/analysis/dependency-order.js';
import { buildIndex } from '../../src/analysis/graph.js';
import { prng } from '../../src/bench/synthetic.js';
import { modelOf, naiveImpact, randomDoc } from './helpers.js';

test('dependency order: every clause target comes earlier, except inside a cycle (a contiguous component)', () => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 60 }), fc.integer(), (n, seed) => {
    const o = dependencyOrder(buildIndex(modelOf(randomDoc(n, prng(seed), 3))));
    expect([...o.node].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
    for (let p = 0; p < n; p++) {
      expect(o.at[o.node[p]!]).toBe(p);
      expect(o.compStart[p]! <= p && p < o.compEnd[p]!).toBe(true);
      for (let k = o.targetStart[o.clauseStart[p]!]!; k < o.targetStart[o.clauseStart[p + 1]!]!; k++) {
        const t = o.targets[k]!;
        if (t >= o.compStart[p]!) expect(o.loop[p] === 1 && t < o.compEnd[p]!).toBe(true);
        let named = false;
        for (let d = o.dependentStart[t]!; d < o.dependentStart[t + 1]!; d++) named ||= o.dependents[d] === p;
        expect(named).toBe(true);
      }
    }
  }), { numRuns: 150 });
});

test('each lane holds exactly the services its failure takes down / hits, at any batch width and offset', () => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 80 }), fc.integer(), fc.constantFrom(1, 2), (n, seed, W) => {
    const m = modelOf(randomDoc(n, prng(seed), 3));
    const o = dependencyOrder(buildIndex(m));
    const sweep = new BitSweep(o, W);
    const width = Math.min(n, 32 * W - (seed & 7));
    for (let first = 0; first < n; first += width) {
      const size = Math.min(width, n - first);
      const finals: number[] = [];
      sweep.run(first, size, { final: (p) => finals.push(p) });
      const touched = new Set(Array.from(sweep.touched.subarray(0, sweep.touchedCount)));
      expect(new Set(finals)).toEqual(touched);
      for (let l = 0; l < size; l++) {
        const source = m.services[o.node[first + l]!]!.id;
        const naive = naiveImpact(m, source);
        for (let p = 0; p < n; p++) {
          const id = m.services[o.node[p]!]!.id;
          const at = 2 * (p * W + (l >> 5));
          const down = (sweep.DG[at]! >>> (l & 31)) & 1;
          const hit = (sweep.DG[at + 1]! >>> (l & 31)) & 1;
          const want = id === source ? 'down' : naive.get(id)?.state;
          expect([id, down, hit]).toEqual([id, want === 'down' ? 1 : 0, want ? 1 : 0]);
        }
      }
    }
  }), { numRuns: 120 });
});
