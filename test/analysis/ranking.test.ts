/** The ranking's packed numeric sort against the plain comparator it replaces. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { idOrder, ranking } from '../../src/analysis/audit.js';

const byComparator = (score: Float64Array, rank: Int32Array) =>
  Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b]! - score[a]! || rank[a]! - rank[b]!);

test('services by score descending, then id: packed keys equal the comparator, ties and all', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 200 }), (rows) => {
    const ids = [...new Set(rows.map(([id]) => id))];
    const score = Float64Array.from(ids, (_, i) => rows[i % rows.length]![1] / 2);
    const o = idOrder(ids);
    expect(Array.from(ranking(score, o))).toEqual(byComparator(score, o.rank));
  }), { numRuns: 300 });
});

test('scores that are not halves, or too large to pack, take the comparator: same order', () => {
  const ids = ['c', 'a', 'b', 'd', 'e'];
  const o = idOrder(ids);
  for (const score of [Float64Array.of(0.3, 0.3, 1e-9, 2, 2), Float64Array.of(2 ** 52, 1, 2 ** 52, 0, 3), Float64Array.of(0, 0, 0, 0, 0)]) {
    expect(Array.from(ranking(score, o))).toEqual(byComparator(score, o.rank));
  }
});
