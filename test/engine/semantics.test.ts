/** The semantics table: one small graph per rule, with the exact expected timeline. */
import { describe, expect, test } from 'vitest';
import { explain, replay, stateAt } from '../../src/engine/index.js';
import { graph, lines } from './helpers.js';

const ev = (...items: string[]) => items.map((i) => `      - ${i}`).join('\n');

describe('edges', () => {
  test('hard chain: down propagates at once and clears at once', () => {
    const m = graph('  a: {}\n  b: { dependsOn: [a] }\n  c: { dependsOn: [{ on: b, type: hard }] }',
      ev('{ at: "+10m", fail: { service: a } }', '{ at: "+30m", recover: { service: a } }'));
    expect(lines(replay(m))).toEqual([
      '10 a down event', '10 b down edge', '10 c down edge',
      '30 a ok event', '30 b ok recovered', '30 c ok recovered',
    ]);
  });

  test('hard: degraded stays degraded downstream', () => {
    const m = graph('  a: {}\n  b: { dependsOn: [a] }', ev('{ at: "+5m", fail: { service: a, state: degraded } }'));
    expect(lines(replay(m))).toEqual(['5 a degraded event', '5 b degraded edge']);
  });

  test('soft: down degrades, degraded does nothing', () => {
    const m = graph('  a: {}\n  b: { dependsOn: [{ on: a, type: soft }] }',
      ev('{ at: "+5m", fail: { service: a, state: degraded } }', '{ at: "+10m", fail: { service: a } }', '{ at: "+20m", recover: { service: a } }'));
    expect(lines(replay(m))).toEqual(['5 a degraded event', '10 a down event', '10 b degraded edge', '20 a ok event', '20 b ok recovered']);
  });

  test('buffered: whenFull after fillsAfter of the dependency continuously down; clears when it serves; the buffer resets', () => {
    const m = graph('  a: {}\n  b: { dependsOn: [{ on: a, type: buffered, buffer: { fillsAfter: 20m, whenFull: down } }] }', ev(
      '{ at: "+10m", fail: { service: a } }', '{ at: "+25m", recover: { service: a } }', // 15 min: never full
      '{ at: "+40m", fail: { service: a } }', '{ at: "+70m", recover: { service: a } }',
    ));
    expect(lines(replay(m))).toEqual([
      '10 a down event', '25 a ok event', '40 a down event', '60 b down edge', '70 a ok event', '70 b ok recovered',
    ]);
    expect(replay(m).timeline[3]!.cause.text).toContain('full after 20m');
  });

  test('async: no effect, but the data lost is counted', () => {
    const m = graph('  a: {}\n  b: { dependsOn: [{ on: a, type: async }] }',
      ev('{ at: "+10m", fail: { service: a } }', '{ at: "+30m", recover: { service: a } }'));
    const r = replay(m);
    expect(lines(r)).toEqual(['10 a down event', '30 a ok event']);
    expect(r.asyncLoss).toEqual([{ service: 'b', on: 'a', minutes: 20 }]);
  });

  test('anyOf: one alternative down changes nothing; all down takes it down; one back brings it back', () => {
    const m = graph('  a: {}\n  b: {}\n  c: { dependsOn: [{ anyOf: [a, b], type: hard }] }', ev(
      '{ at: "+10m", fail: { service: a } }', '{ at: "+20m", fail: { service: b } }', '{ at: "+30m", recover: { service: a } }',
    ));
    expect(lines(replay(m))).toEqual(['10 a down event', '20 b down event', '20 c down edge', '30 a ok event', '30 c ok recovered']);
  });
});

describe('cycles', () => {
  test('a cycle that never failed stays ok', () => {
    const m = graph('  a: { dependsOn: [b] }\n  b: { dependsOn: [a] }\n  z: {}', ev('{ at: "+10m", fail: { service: z } }'));
    expect(lines(replay(m))).toEqual(['10 z down event']);
  });

  test('a soft cycle comes back with its root (least fixpoint, no deadlock)', () => {
    const m = graph('  r: {}\n  a: { dependsOn: [r, { on: b, type: soft }] }\n  b: { dependsOn: [{ on: a, type: soft }] }',
      ev('{ at: "+10m", fail: { service: r } }', '{ at: "+20m", recover: { service: r } }'));
    expect(lines(replay(m))).toEqual(['10 r down event', '10 a down edge', '10 b degraded edge', '20 r ok event', '20 a ok recovered', '20 b ok recovered']);
  });

  test('a hard cycle deadlocks on recovery until a recover event starts one member', () => {
    const m = graph('  c: {}\n  a: { dependsOn: [b, c] }\n  b: { dependsOn: [a, c] }', ev(
      '{ at: "+10m", fail: { service: c } }', '{ at: "+20m", recover: { service: c } }', '{ at: "+40m", recover: { service: a } }',
    ));
    const r = replay(m);
    expect(lines(r)).toEqual([
      '10 c down event', '10 a down edge', '10 b down edge',
      '20 c ok event', '20 a stays down deadlock', '20 b stays down deadlock',
      '40 a ok event', '40 b ok recovered',
    ]);
    expect(r.deadlocks).toEqual([{ atMin: 20, cycle: ['a', 'b'], members: ['a', 'b'] }]);
    expect(stateAt(r, 'a', 30)).toMatchObject({ state: 'down', since: { cause: { kind: 'deadlock' } } });
    expect(explain(r, 'b', 30).map((t) => `${t.service} ${t.cause.kind}`)).toEqual(['b deadlock', 'b edge', 'a edge', 'c event']);
  });

  test('a patch that removes the cycle edge breaks the deadlock', () => {
    const m = graph('  c: {}\n  a: { dependsOn: [b, c] }\n  b: { dependsOn: [a, c] }', ev(
      '{ at: "+10m", fail: { service: c } }', '{ at: "+20m", recover: { service: c } }',
      '{ at: "+50m", patch: { services: { b: { dependsOn: [c] } } } }',
    ));
    expect(lines(replay(m)).slice(-2)).toEqual(['50 a ok event', '50 b ok event']);
  });
});

const fleet = (extra = '') => `  f:
    fleet:
      nodes: 10
      mesh: { peers: all, connectPerMinute: 2 }
      perNode: { threads: { base: 100, perPeer: 1, limit: 112 } }
      restart: { perHour: 60 }
      serving: 0.5${extra}
  d: { dependsOn: [{ on: f, type: hard, needs: 0.8 }] }`;

describe('fleets', () => {
  test('the limit is crossed when the peers connected at connectPerMinute pass it, not when nodes are added', () => {
    // 10 → 20 nodes at +10m; peers grow 9 → 13 at 2/min: usage 113 > 112 at +12m.
    const r = replay(graph(fleet(), ev('{ at: "+10m", scale: { service: f, by: 10 } }')));
    expect(lines(r)).toEqual(['12 f down limit', '12 d down edge']);
    expect(r.timeline[0]!.cause.text).toBe('threads 113 > limit 112 on every node (20 nodes, 13 peers)');
  });

  test('a linear scale: the crossing waits for the target to allow it', () => {
    // 10 → 30 nodes over 20m: peers at 2/min could reach 13 at +12m, but N − 1 reaches 13 only at +14m.
    const r = replay(graph(fleet(), ev('{ at: "+10m", scale: { service: f, to: 30, over: 20m } }')));
    expect(lines(r)[0]).toBe('14 f down limit');
  });

  test('cells bound the mesh: the same addition crosses nothing', () => {
    const r = replay(graph(fleet('\n      cells: 10'), ev('{ at: "+10m", scale: { service: f, by: 10 } }')));
    expect(lines(r)).toEqual([]);
  });

  test('restart rate and serving: one node a minute; serving, needs and full capacity at exact instants', () => {
    const r = replay(graph(fleet(), ev(
      '{ at: "+10m", scale: { service: f, by: 10 } }', // all fail at +12m
      '{ at: "+20m", scale: { service: f, by: -10 } }', // failed nodes removed first: 10 left, all failed
      '{ at: "+30m", restart: { service: f } }', // node k back at 30 + k (k = 0…9)
    )));
    expect(lines(r)).toEqual([
      '12 f down limit', '12 d down edge',
      '34 f degraded restart', // 5 of 10 healthy ≥ serving 0.5; d still down: 50% < its needs 0.8
      '37 d degraded recovered', // 8 of 10
      '39 f ok restart', '39 d ok recovered',
    ]);
    expect(r.timeline.find((t) => t.service === 'f' && t.state === 'degraded')!.cause.text).toContain('5 of 10 nodes healthy (50%)');
  });

  test('restarted nodes that would still pass the limit fail again', () => {
    const r = replay(graph(fleet(), ev('{ at: "+10m", scale: { service: f, by: 10 } }', '{ at: "+30m", restart: { service: f } }')));
    expect(lines(r)).toEqual(['12 f down limit', '12 d down edge', '30 f stays down restart']);
    expect(r.timeline[2]!.cause.text).toContain('fail again');
  });
});

describe('recovery', () => {
  test('recoversAfter delays every improvement; a worsening cancels the pending one', () => {
    const m = graph('  a: {}\n  b: { recoversAfter: 15m, dependsOn: [a] }', ev(
      '{ at: "+10m", fail: { service: a } }', '{ at: "+20m", recover: { service: a } }',
      '{ at: "+25m", fail: { service: a } }', '{ at: "+30m", recover: { service: a } }',
    ));
    expect(lines(replay(m))).toEqual(['10 a down event', '10 b down edge', '20 a ok event', '25 a down event', '30 a ok event', '45 b ok recovered']);
  });

  test('recoversAfter: down → degraded and degraded → ok each wait from when their hold cleared', () => {
    const m = graph('  a: {}\n  b: { recoversAfter: 15m, dependsOn: [a] }', ev(
      '{ at: "+10m", fail: { service: a } }',
      '{ at: "+20m", recover: { service: a } }', '{ at: "+20m", fail: { service: a, state: degraded } }', // failures only add up: recover first
      '{ at: "+30m", recover: { service: a } }',
    ));
    expect(lines(replay(m))).toEqual(['10 a down event', '10 b down edge', '20 a degraded event', '30 a ok event', '35 b degraded recovered', '45 b ok recovered']);
  });

  test('a mid-replay patch changes the graph, keeping the state of the rest', () => {
    const m = graph('  a: {}\n  b: { dependsOn: [a] }\n  c: { dependsOn: [a] }', ev(
      '{ at: "+10m", fail: { service: a } }', '{ at: "+20m", patch: { services: { b: { dependsOn: [] } } } }',
    ));
    const r = replay(m);
    expect(lines(r)).toEqual(['10 a down event', '10 b down edge', '10 c down edge', '20 b ok event']);
    expect(r.final).toEqual({ a: 'down', b: 'ok', c: 'down' });
  });

  test('a patch that softens an edge: one sentence with its time, resting on what still holds the service', () => {
    const m = graph('  a: {}\n  b: { dependsOn: [a] }', ev('{ at: "+10m", fail: { service: a } }', '{ at: "+20m", patch: { services: { b: { dependsOn: [{ on: a, type: soft }] } } } }'));
    const r = replay(m);
    expect(lines(r)).toEqual(['10 a down event', '10 b down edge', '20 b degraded event']);
    expect(r.timeline[2]!.cause).toEqual({ kind: 'event', text: 'patch at 00:20 changed its dependencies; still degraded: soft dependency a is down', parent: 0 });
    expect(explain(r, 'b', 30).map((t) => `${t.service} ${t.state}`)).toEqual(['b degraded', 'a down']);
  });

  test('a patch recovery waited out by recoversAfter says when the patch came and what still holds it', () => {
    const m = graph('  a: {}\n  b: { recoversAfter: 30m, dependsOn: [a] }', ev(
      '{ at: "+10m", fail: { service: a, state: degraded } }', '{ at: "+11m", fail: { service: a } }',
      '{ at: "+20m", patch: { services: { b: { dependsOn: [{ on: a, type: soft }] } } } }',
      '{ at: "+40m", recover: { service: a } }',
    ));
    const r = replay(m);
    expect(lines(r)).toEqual(['10 a degraded event', '10 b degraded edge', '11 a down event', '11 b down edge', '40 a ok event', '50 b degraded recovered', '70 b ok recovered']);
    expect(r.timeline[5]!.cause).toEqual({
      kind: 'recovered', parent: 4,
      text: 'patch at 00:20 changed its dependencies; back after recoversAfter 30m; still degraded: a is ok at 00:40, recoversAfter 30m not over yet',
    });
    expect(r.timeline[6]!.cause).toMatchObject({ kind: 'recovered', via: 'a', parent: 4, text: 'a is ok at 00:40; back after recoversAfter 30m' });
  });

  test('a patch event that makes the graph invalid is bad input, located', () => {
    expect(() => graph('  a: {}', ev('{ at: "+10m", patch: { services: { a: { dependsOn: [nope] } } } }'))).toThrow(/9:\d+ .*"nope"/);
  });

  test('an unknown scenario is bad input with a hint', () => {
    const m = graph('  a: {}', ev('{ at: "+10m", fail: { service: a } }'));
    expect(() => replay(m, 'x')).toThrow(/unknown scenario "x"/);
  });
});
