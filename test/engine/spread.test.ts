/**
 * Semantics of a bad state spreading through a mesh (`corrupt`), the global `stop` and the rebuild
 * that follows (`restart`), and `milestone` events: small graphs, exact expected timelines.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { replay, stateAt, whatIfs } from '../../src/engine/index.js';
import { nextSpreadCrossing, spreadAfter } from '../../src/engine/spread.js';
import { loadText } from '../../src/model/load.js';
import { graph, lines } from './helpers.js';

const ev = (...items: string[]) => items.map((i) => `      - ${i}`).join('\n');
/** A fleet `f` of `nodes` nodes whose bad state spreads at `spread` per minute (serving 0.5). */
const mesh = (nodes: number, spread: string, extra = '') =>
  `  f:\n    fleet:\n      nodes: ${nodes}\n      mesh: { peers: all, ${spread} }\n      restart: { perHour: 60 }\n      serving: 0.5${extra}`;

describe('corrupt: a bad state spreads through the mesh (logistic)', () => {
  test('degraded at once; down the instant the logistic curve passes half the fleet; a needy dependent earlier', () => {
    // I(t) = 100 / (1 + 99·e^(−0.5t)): 21 nodes at ln(21·99/79)/0.5 = 6.54 min, 51 at ln(51·99/49)/0.5 = 9.27 min.
    const m = graph(`${mesh(100, 'spreadPerMinute: 0.5')}\n  d: { dependsOn: [{ on: f, type: hard, needs: 0.8 }] }\n  e: { dependsOn: [f] }`,
      ev('{ at: "+10m", corrupt: { service: f, nodes: 1 } }'));
    const r = replay(m);
    expect(lines(r)).toEqual([
      '10 f degraded event', '10 d degraded edge', '10 e degraded edge',
      '16.54 d down edge',
      '19.27 f down spread', '19.27 e down edge',
    ]);
    expect(r.timeline[0]!.cause.text).toBe('corrupt at 00:10: a bad state reached 1 node, leaving 99 of 100 nodes healthy (99%) ≥ serving 50%');
    expect(r.timeline[4]!.cause.text).toBe('bad state spread at 0.5/min through the mesh (no checksums) to 51 of 100 nodes, leaving 49 of 100 nodes healthy (49%) < serving 50%');
    expect(r.timeline[3]).toMatchObject({ cause: { text: 'f at 79% capacity < needs 80%', via: 'f' } });
    expect(r.timeline[4]!.capacity).toBe(0.49);
  });

  test('with checksums the corrupted messages are rejected: nothing happens', () => {
    const m = graph(`${mesh(100, 'spreadPerMinute: 0.5, checksums: true')}\n  e: { dependsOn: [f] }`,
      ev('{ at: "+10m", corrupt: { service: f, nodes: 40 } }'));
    expect(lines(replay(m))).toEqual([]);
  });

  test('without spreadPerMinute only the corrupted nodes are affected, and they stay so', () => {
    const few = graph(mesh(10, 'connectPerMinute: 1'), ev('{ at: "+10m", corrupt: { service: f, nodes: 3 } }'));
    expect(lines(replay(few))).toEqual(['10 f degraded event']);
    expect(stateAt(replay(few), 'f', 600).since?.capacity).toBe(0.7);
    const many = graph(mesh(10, 'connectPerMinute: 1'), ev('{ at: "+10m", corrupt: { service: f, nodes: 6 } }'));
    expect(lines(replay(many))).toEqual(['10 f down event']);
  });

  test('a restart does not help while the fault persists (affected nodes are not failed ones)', () => {
    const m = graph(mesh(10, 'spreadPerMinute: 1'), ev('{ at: "+10m", corrupt: { service: f, nodes: 6 } }', '{ at: "+20m", restart: { service: f } }'));
    expect(lines(replay(m))).toEqual(['10 f down event']);
  });
});

describe('stop and rebuild', () => {
  test('stop clears the fault, every node down; the restart brings nodes back one at a time', () => {
    // Down when 31 of 60 hold the bad state: ln(31·59/29)/2 = 2.07 min. 60 nodes at 60/h: node k
    // is back at 40 + (k − 1) min; serving (30 nodes) at 69, all at 99.
    const m = graph(`${mesh(60, 'spreadPerMinute: 2')}\n  e: { dependsOn: [f] }`, ev(
      '{ at: "+0m", corrupt: { service: f, nodes: 1 } }',
      '{ at: "+30m", stop: { service: f } }',
      '{ at: "+40m", restart: { service: f } }',
    ));
    const r = replay(m);
    expect(lines(r).slice(2)).toEqual([
      '2.07 f down spread', '2.07 e down edge',
      '30 f stays down event', // the stop, on a fleet already down: a marker with capacity 0
      '69 f degraded restart', '69 e degraded recovered',
      '99 f ok restart', '99 e ok recovered',
    ]);
    expect(stateAt(r, 'f', 35)).toMatchObject({ state: 'down', since: { capacity: 0, cause: { kind: 'event' } } });
    expect(r.timeline[4]!.cause.text).toBe('stop at 00:30: every node stopped and its state cleared, leaving 0 of 60 nodes healthy (0%) < serving 50%');
  });

  /** f spreads a bad state and takes g down; both are stopped at 30 and f restarted; then `gRestart`. */
  const stoppedPair = (gRestart: string) => graph(`${mesh(60, 'spreadPerMinute: 2')}\n  g:\n    fleet: { nodes: 30, restart: { perHour: 60 }, serving: 0.5 }\n    dependsOn: [f]`, ev(
    '{ at: "+0m", corrupt: { service: f, nodes: 1 } }',
    '{ at: "+30m", stop: { service: f } }',
    '{ at: "+30m", stop: { service: g } }',
    '{ at: "+30m", restart: { service: f } }',
    gRestart,
  ));

  test('a fleet held down by its dependency, then stopped, names the restart when it comes back', () => {
    const m = stoppedPair('{ at: "+100m", restart: { service: g } }');
    const r = replay(m);
    // f: serving at 30 + 29 = 59, ok at 89. g: 15 of 30 at 100 + 14 = 114, ok at 129.
    expect(lines(r).slice(2)).toEqual(['2.07 f down spread', '2.07 g down edge', '30 f stays down event', '30 g stays down event', '59 f degraded restart', '59 g stays down event', '89 f ok restart', '114 g degraded restart', '129 g ok restart']);
    expect(r.timeline.find((t) => t.service === 'g' && t.state === 'degraded' && t.atMin > 100)!.cause.text).toBe('rolling restart: 15 of 30 nodes healthy (50%) ≥ serving 50%');
  });

  test('the smaller of two fleets rebuilt at the same rate is back first, in proportion to its size', () => {
    const fleetAt = (id: string, nodes: number) => `  ${id}:\n    fleet: { nodes: ${nodes}, restart: { perHour: 120 }, serving: 0.5 }`;
    const m = graph(`${fleetAt('big', 300)}\n${fleetAt('small', 100)}`, ev(
      '{ at: "+0m", fail: { service: big } }', '{ at: "+0m", fail: { service: small } }',
      '{ at: "+1m", stop: { service: big } }', '{ at: "+1m", stop: { service: small } }',
      '{ at: "+2m", recover: { service: big } }', '{ at: "+2m", recover: { service: small } }',
      '{ at: "+10m", restart: { service: big } }', '{ at: "+10m", restart: { service: small } }',
    ));
    const r = replay(m);
    const okAt = (id: string) => r.timeline.find((t) => t.service === id && t.state === 'ok' && t.atMin > 2)!.atMin;
    expect(okAt('small')).toBeCloseTo(10 + 99 * 0.5, 6);
    expect(okAt('big')).toBeCloseTo(10 + 299 * 0.5, 6);
  });

  test('restart.after: the rebuild begins once every awaited service is ok (here when f is whole again)', () => {
    const m = stoppedPair('{ at: "+30m", restart: { service: g, after: [f] } }');
    // f whole at 30 + 59 = 89; g starts then: 15 of 30 at 89 + 14 = 103, all at 118.
    expect(lines(replay(m)).slice(4)).toEqual(['30 f stays down event', '30 g stays down event', '59 f degraded restart', '59 g stays down event', '89 f ok restart', '103 g degraded restart', '118 g ok restart']);
  });

  test('restart.after on services already ok starts at once', () => {
    const m = graph(`  a: {}\n${mesh(60, 'spreadPerMinute: 2')}`, ev(
      '{ at: "+0m", corrupt: { service: f, nodes: 1 } }', '{ at: "+30m", stop: { service: f } }', '{ at: "+40m", restart: { service: f, after: [a] } }',
    ));
    expect(lines(replay(m)).slice(2)).toEqual(['30 f stays down event', '69 f degraded restart', '99 f ok restart']);
  });

  test('stop when: down does nothing to a service that is ok (a cure is not replayed where there is nothing to cure)', () => {
    const m = graph(mesh(10, 'spreadPerMinute: 1'), ev('{ at: "+10m", when: down, stop: { service: f } }', '{ at: "+20m", restart: { service: f } }'));
    expect(lines(replay(m))).toEqual([]);
  });

  test('a milestone changes nothing', () => {
    const m = graph('  a: {}', ev('{ at: "+10m", milestone: "diagnosis" }', '{ at: "+20m", fail: { service: a } }'));
    expect(lines(replay(m))).toEqual(['20 a down event']);
    expect(m.scenarios[0]!.events[0]!.action).toEqual({ kind: 'milestone', text: 'diagnosis' });
  });

  test('a checksum what-if prevents the outage even though the scenario still stops (when: down) and restarts', () => {
    const m = graph(`${mesh(60, 'spreadPerMinute: 2')}\n  e: { dependsOn: [f] }`, ev(
      '{ at: "+0m", corrupt: { service: f, nodes: 1 } }', '{ at: "+30m", when: down, stop: { service: f } }', '{ at: "+40m", restart: { service: f } }',
    ), `    whatIfs:\n      sums: { patch: { services: { f: { fleet: { mesh: { checksums: true } } } } } }`);
    const w = whatIfs(m);
    expect(w.outcomes[0]).toMatchObject({ id: 'sums', prevented: true, serviceMinutesLost: 0 });
    expect(w.baseline.prevented).toBe(false);
  });

  test('what spreads from the corrupted nodes is an outage even with no other service around', () => {
    const m = graph(mesh(60, 'spreadPerMinute: 2'), ev('{ at: "+0m", corrupt: { service: f, nodes: 1 } }'),
      `    whatIfs:\n      nospread: { patch: { services: { f: { fleet: { mesh: { spreadPerMinute: null } } } } } }`);
    const w = whatIfs(m);
    expect(w.baseline.prevented).toBe(false);
    // The reached node alone (degraded, forced by the event) is not an outage: nothing spread.
    expect(w.outcomes[0]).toMatchObject({ id: 'nospread', prevented: true });
  });
});

describe('the crossing instant is exact', () => {
  test('property: at the solved instant ⌊I⌋ reaches the target, a moment before it had not', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 5000 }), fc.double({ min: 0.01, max: 5, noNaN: true }), fc.integer({ min: 1, max: 50 }),
      fc.double({ min: 0.05, max: 1, noNaN: true }),
      (n, beta, seed, theta) => {
        const bad = Math.min(seed, n - 1);
        const t = nextSpreadCrossing(0, bad, beta, n, 0, [theta]);
        if (!Number.isFinite(t)) return true;
        const cap = (i: number) => (n - Math.floor(i + 1e-7)) / n;
        expect(cap(spreadAfter(bad, beta, n, t))).toBeLessThan(theta - 1e-9);
        // A moment before: when I was 1e-5 nodes lower (well beyond the rounding tolerance).
        const i = spreadAfter(bad, beta, n, t);
        const before = t - 1e-5 / (beta * i * (1 - i / n));
        if (before > 0) expect(cap(spreadAfter(bad, beta, n, before))).toBeGreaterThanOrEqual(theta - 1e-9);
        return true;
      },
    ), { numRuns: 300 });
  });
});

test('a spread slower than about two years never arrives (hostile rates do not produce absurd clocks)', () => {
  const m = graph(mesh(100, 'spreadPerMinute: 1e-300'), ev('{ at: "+10m", corrupt: { service: f, nodes: 1 } }'));
  expect(lines(replay(m))).toEqual(['10 f degraded event']);
});

describe('property: random spread, stop and rebuild scenarios', () => {
  test('down at the analytic instant, only worse until the stop, all ok after the rebuild; checksums: no spread', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 3000 }), fc.double({ min: 0.05, max: 3, noNaN: true }), fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 60, max: 600 }),
      (n, beta, k, serving10, needs10, stopAt) => {
        const seed = Math.min(k, n);
        const text = `faultline: 1\nname: p\nservices:\n  f:\n    fleet: { nodes: ${n}, mesh: { spreadPerMinute: ${beta} }, restart: { perHour: ${n * 2} }, serving: ${serving10 / 10} }\n`
          + `  d: { dependsOn: [{ on: f, type: hard, needs: ${needs10 / 10} }] }\n`
          + `scenarios:\n  s:\n    start: 2020-01-01T00:00:00Z\n    events:\n      - { at: "+0m", corrupt: { service: f, nodes: ${seed} } }\n`
          + `      - { at: "+${stopAt}m", stop: { service: f } }\n      - { at: "+${stopAt}m", restart: { service: f } }\n`
          + `    whatIfs:\n      sums: { patch: { services: { f: { fleet: { mesh: { checksums: true } } } } } }\n`;
        const { value: model } = loadText(text, 'p.yaml');
        const r = replay(model!);
        const times = r.timeline.map((t) => t.atMin);
        expect([...times].sort((a, b) => a - b)).toEqual(times);
        const rank = { ok: 0, degraded: 1, down: 2 } as const;
        for (const t of r.timeline) if (t.atMin < stopAt) expect(rank[t.state]).toBeGreaterThan(rank[t.from]);
        expect(r.final).toEqual({ f: 'ok', d: 'ok' });
        // Down when fewer than serving·n nodes are healthy: the logistic curve from `seed`, exactly.
        const target = Math.floor(n - (serving10 / 10) * n + 1e-6) + 1;
        const down = r.timeline.find((t) => t.service === 'f' && t.state === 'down');
        const expected = seed >= target ? 0 : target >= n ? Infinity : Math.log((target * (n - seed)) / (seed * (n - target))) / beta;
        if (expected < stopAt - 1e-6) expect(down!.atMin).toBeCloseTo(expected, 6);
        else if (expected > stopAt + 1e-6) expect(down === undefined || down.atMin >= stopAt).toBe(true);
        // With checksums nothing spreads: only the stop (which always stops) and the rebuild remain.
        const sums = whatIfs(model!).outcomes[0]!;
        expect(sums.affected.every((id) => id === 'f' || id === 'd')).toBe(true);
        return true;
      },
    ), { numRuns: 150 });
  });
});

describe('validation', () => {
  const doc = (event: string) => `faultline: 1\nname: t\nservices:\n  a: {}\n  f: { fleet: { nodes: 3 } }\nscenarios:\n  s:\n    start: 2020-01-01T00:00:00Z\n    events:\n      - ${event}\n`;
  test.each([
    ['{ at: "+1m", corrupt: { service: a } }', '"a" has no fleet to corrupt'],
    ['{ at: "+1m", stop: { service: ff } }', 'stopped service "ff" is not a service of this graph'],
    ['{ at: "+1m", corrupt: { service: f, nodes: 0 } }', 'nodes'],
    ['{ at: "+1m", stop: { service: f }, milestone: x }', 'has both "stop" and "milestone"'],
    ['{ at: "+1m", restart: { service: f, after: [aa] } }', 'awaited service "aa" is not a service of this graph'],
    ['{ at: "+1m", restart: { service: f, after: [f] } }', 'cannot wait for "f" itself'],
  ])('%s', (event, message) => {
    const { value: model, errors } = loadText(doc(event), 't.yaml');
    expect(model).toBeUndefined();
    expect(errors!.map((e) => e.message).join('\n')).toContain(message);
  });

  test('corrupt defaults to one node; checksums default to false', () => {
    const { value: model } = loadText(doc('{ at: "+1m", corrupt: { service: f } }').replace('{ nodes: 3 }', '{ nodes: 3, mesh: { spreadPerMinute: 1 } }'), 't.yaml');
    expect(model!.scenarios[0]!.events[0]!.action).toEqual({ kind: 'corrupt', service: 'f', nodes: 1 });
    expect(model!.byId.get('f')!.fleet!.mesh).toMatchObject({ spreadPerMinute: 1, checksums: false });
  });
});
