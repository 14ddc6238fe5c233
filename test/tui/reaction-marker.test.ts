/** The timeline marks a reaction at the instant it happened in the replay, not at its scripted `at`. */
import { expect, test } from 'vitest';
import { eventTimes, replay } from '../../src/engine/index.js';
import type { PaneCtx } from '../../src/tui/context.js';
import { changesAt } from '../../src/tui/timeline.js';
import { graph } from '../engine/helpers.js';

test('a reaction (detection + 20m) is marked at 35, not at its scripted 10; one that never happens is not marked', () => {
  const m = graph('  a: {}\n  b: {}\n  mon: { role: monitoring }', [
    '      - { at: "+10m", fail: { service: a } }',
    '      - { at: "+10m", when: detected, delay: 20m, recover: { service: a } }',
    '      - { at: "+10m", when: down, recover: { service: b } }',
  ].join('\n'));
  const r = replay(m);
  expect(r.eventTimes).toEqual([10, 35, null]);
  expect(eventTimes(r)).toEqual([10, 35]);
  const ctx = { data: { scenario: m.scenarios[0] }, view: { replay: r } } as unknown as PaneCtx;
  const marks = (t: number) => changesAt(ctx, t).map((s) => s.text).filter((x) => x.startsWith('⚑'));
  expect(marks(10)).toEqual(['⚑ a fails (down)  ']);
  expect(marks(35)).toEqual(['⚑ a recovers (the fail is cleared)  ']);
});
