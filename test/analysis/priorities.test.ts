/** Fix-first priorities on random graphs, against the grouping written the plain way. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { audit, priorities } from '../../src/analysis/index.js';
import { prng } from '../../src/bench/synthetic.js';
import { modelOf, randomDoc } from './helpers.js';

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

test('each service problem holds exactly its findings (sorted, once) and names its SPOF entrypoints sorted, without itself', () => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 60 }), fc.integer(), (n, seed) => {
    const m = modelOf(randomDoc(n, prng(seed), 3));
    const a = audit(m);
    const mine = new Map<string, number[]>();
    const spofOf = new Map<string, string[]>();
    const add = (id: string, i: number) => mine.set(id, [...(mine.get(id) ?? []), i]);
    a.findings.forEach((f, i) => {
      if (f.rule === 'blast-radius') add(f.services[0]!, i);
      if (f.rule === 'single-point-of-failure') {
        for (const s of f.services.slice(1)) { add(s, i); spofOf.set(s, [...(spofOf.get(s) ?? []), f.services[0]!]); }
      }
    });
    const ps = priorities(a, m);
    expect(ps.map((p) => p.rank)).toEqual(ps.map((_, i) => i + 1));
    for (const p of ps.filter((x) => x.kind !== 'cycle')) {
      expect(p.findings).toEqual([...new Set(mine.get(p.subject) ?? [])].sort((x, y) => x - y));
      const entries = [...new Set(spofOf.get(p.subject) ?? [])].filter((e) => e !== p.subject).sort(byId);
      if (entries.length > 0) {
        expect(p.summary).toContain(`single point of failure for ${entries.length} of `);
        expect(p.summary).toContain(`(${entries.slice(0, 8).join(', ')}${entries.length > 8 ? ', …' : ''})`);
      } else expect(p.summary).not.toContain('single point of failure');
    }
    expect(new Set(ps.filter((x) => x.kind !== 'cycle').map((p) => p.subject))).toEqual(new Set(mine.keys()));
  }), { numRuns: 120 });
});
