/** Observations are matched to transitions globally per service (issue 13, item 17). */
import { describe, expect, test } from 'vitest';
import { fidelity, replay } from '../../src/engine/index.js';
import { graph } from './helpers.js';

const ev = (...items: string[]) => items.map((i) => `      - ${i}`).join('\n');
const observed = (...items: string[]) => `    observed:\n${items.map((i) => `      - ${i}`).join('\n')}`;

describe('fidelity matching', () => {
  test('an observation the engine cannot produce (a relapse) does not consume the real one', () => {
    // Replay: a down at 10, ok at 50. Observed: down 10, ok 20, down 30 (relapse), ok 50.
    const m = graph('  a: {}\n  b: { dependsOn: [a] }', ev('{ at: "+10m", fail: { service: a } }', '{ at: "+50m", recover: { service: a } }'),
      observed('{ at: "+10m", service: b, state: down }', '{ at: "+20m", service: b, state: ok }', '{ at: "+30m", service: b, state: down }', '{ at: "+50m", service: b, state: ok }'));
    const f = fidelity(replay(m));
    expect(f.observations.map((o) => o.errorMin ?? null)).toEqual([0, null, null, 0]);
    expect(f.unmatched.map((o) => `${o.observedMin} ${o.state}`)).toEqual(['20 ok', '30 down']);
    expect(f.maxErrorMinutes).toBe(0);
  });

  test('the most observations matched first, then the least total error, order kept', () => {
    // Replay: b down 10, ok 30, down 40, ok 70. Observed: ok 60 only: the nearer of the two ok transitions.
    const m = graph('  a: {}\n  b: { dependsOn: [a] }', ev(
      '{ at: "+10m", fail: { service: a } }', '{ at: "+30m", recover: { service: a } }', '{ at: "+40m", fail: { service: a } }', '{ at: "+70m", recover: { service: a } }',
    ), observed('{ at: "+60m", service: b, state: ok }', '{ at: "+62m", service: a, state: down }'));
    const f = fidelity(replay(m));
    expect(f.observations.map((o) => o.predictedMin ?? null)).toEqual([70, 40]);
  });
});
