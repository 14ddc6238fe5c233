/** A cause always names what holds a service now (issue 13, item 5). */
import { describe, expect, test } from 'vitest';
import { explain, fidelity, replay } from '../../src/engine/index.js';
import { graph, lines } from './helpers.js';

const ev = (...items: string[]) => items.map((i) => `      - ${i}`).join('\n');
const chain = (r: ReturnType<typeof replay>, s: string, at: number) => explain(r, s, at).map((t) => `${t.service} ${t.state} ${t.cause.kind}`);

describe('two things hold a service at the same level', () => {
  test('the first clears: the service is now blamed on the second, and its recovery credited to it', () => {
    const r = replay(graph('  a1: {}\n  a2: {}\n  b: { dependsOn: [a1, a2] }', ev(
      '{ at: "+10m", fail: { service: a1 } }', '{ at: "+15m", fail: { service: a2 } }',
      '{ at: "+20m", recover: { service: a1 } }', '{ at: "+30m", recover: { service: a2 } }',
    )));
    expect(lines(r)).toEqual([
      '10 a1 down event', '10 b down edge', '15 a2 down event', '20 a1 ok event', '20 b stays down edge', '30 a2 ok event', '30 b ok recovered',
    ]);
    expect(r.timeline[4]!.cause).toMatchObject({ via: 'a2', text: 'still down: hard dependency a2 is down', parent: 2 });
    expect(chain(r, 'b', 25)).toEqual(['b down edge', 'a2 down event']);
    expect(r.timeline[6]!.cause).toMatchObject({ via: 'a2', parent: 5 });
  });

  test('its own fail clears while a dependency still holds it: the chain leads to the dependency', () => {
    const r = replay(graph('  a: {}\n  b: { dependsOn: [a] }', ev(
      '{ at: "+10m", fail: { service: b } }', '{ at: "+15m", fail: { service: a } }', '{ at: "+20m", recover: { service: b } }',
    )));
    expect(lines(r)).toEqual(['10 b down event', '15 a down event', '20 b stays down edge']);
    expect(chain(r, 'b', 25)).toEqual(['b down edge', 'a down event']);
  });

  test('a fleet restarted while a dependency holds it: the later recovery is the dependency\'s, an input', () => {
    const m = graph(`  a: {}
  f:
    fleet: { nodes: 4, perNode: { threads: { base: 200, limit: 100 } }, restart: { perHour: 60 } }
    dependsOn: [a]`, ev(
      '{ at: "+10m", fail: { service: a } }',
      '{ at: "+20m", patch: { services: { f: { fleet: { perNode: { threads: { limit: 1000 } } } } } } }',
      '{ at: "+20m", restart: { service: f } }',
      '{ at: "+40m", recover: { service: a } }',
    ), '    observed:\n      - { at: "+40m", service: f, state: ok }');
    const r = replay(m);
    expect(lines(r)).toEqual(['0 f down limit', '10 a down event', '21 f stays down edge', '40 a ok event', '40 f ok recovered']);
    expect(r.timeline.at(-1)!.cause.via).toBe('a');
    expect(fidelity(r).inputs).toBe(1);
  });
});

describe('anyOf', () => {
  test('a recovery is credited to the alternative that came back', () => {
    const r = replay(graph('  a: {}\n  b: {}\n  c: { dependsOn: [{ anyOf: [a, b] }] }', ev(
      '{ at: "+10m", fail: { service: a } }', '{ at: "+20m", fail: { service: b } }', '{ at: "+30m", recover: { service: b } }',
    )));
    expect(lines(r)).toEqual(['10 a down event', '20 b down event', '20 c down edge', '30 b ok event', '30 c ok recovered']);
    expect(r.timeline[4]!.cause).toMatchObject({ via: 'b', parent: 3, text: 'b is ok' });
  });
});
