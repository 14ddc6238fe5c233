import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { neighbourhood, parseDepth } from '../../src/analysis/neighbourhood.js';
import { syntheticModel } from '../../src/bench/synthetic.js';
import type { Model } from '../../src/model/types.js';
import { modelOf } from './helpers.js';

/** The slow, obvious definition: repeat "add every neighbour" N times, in each direction on its own. */
function naive(model: Model, focus: string, depth: number): { deps: Set<string>; dents: Set<string> } {
  const edges = model.services.flatMap((s) => s.dependsOn.flatMap((d) => d.targets.map((t) => [s.id, t] as const)));
  const grow = (set: Set<string>, dir: 0 | 1) => {
    for (let h = 0; h < depth; h++) {
      const add = edges.filter((e) => set.has(e[dir])).map((e) => e[1 - dir]!);
      add.forEach((x) => set.add(x));
    }
    return set;
  };
  return { deps: grow(new Set([focus]), 0), dents: grow(new Set([focus]), 1) };
}

describe('neighbourhood', () => {
  const m = modelOf({
    db: {},
    cache: {},
    api: { dependsOn: [{ on: 'db', type: 'hard' }, { on: 'cache', type: 'async' }] },
    web: { dependsOn: ['api'] },
    cdn: { dependsOn: ['web'] },
    batch: { dependsOn: ['db'] },
    lone: {},
  });

  test('dependencies and dependents within N hops, each direction on its own, async edges included', () => {
    const n1 = neighbourhood(m, 'api', 1)!;
    expect(n1.members).toEqual(['db', 'cache', 'api', 'web']);
    expect([...n1.dependencies]).toEqual([['db', 1], ['cache', 1], ['api', 0]]);
    expect([...n1.dependents]).toEqual([['api', 0], ['web', 1]]);
    // batch shares db with api but is neither a dependency nor a dependent of api.
    expect(neighbourhood(m, 'api', 5)!.members).toEqual(['db', 'cache', 'api', 'web', 'cdn']);
    expect(neighbourhood(m, 'api', 0)!.members).toEqual(['api']);
    expect(neighbourhood(m, 'lone', 3)!.members).toEqual(['lone']);
    expect(neighbourhood(m, 'nope', 1)).toBeUndefined();
  });

  test('agrees with the naive definition on random synthetic graphs', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 120 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 4 }), fc.nat(),
      (services, seed, depth, pick) => {
        const model = syntheticModel({ services, seed });
        const focus = model.services[pick % services]!.id;
        const got = neighbourhood(model, focus, depth)!;
        const want = naive(model, focus, depth);
        expect(new Set(got.dependencies.keys())).toEqual(want.deps);
        expect(new Set(got.dependents.keys())).toEqual(want.dents);
        expect(got.members).toEqual(model.services.map((s) => s.id).filter((id) => want.deps.has(id) || want.dents.has(id)));
      }), { numRuns: 60 });
  });

  test('--depth parsing', () => {
    expect(parseDepth(undefined)).toBe(2);
    expect(parseDepth('0')).toBe(0);
    expect(parseDepth('3')).toBe(3);
    expect(parseDepth('-1')).toMatch(/whole number/);
    expect(parseDepth('1.5')).toMatch(/whole number/);
    expect(parseDepth('x')).toMatch(/whole number/);
  });
});
