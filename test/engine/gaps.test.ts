/** Decisions on the engine's gaps (issue 13 items 8–13, 18): each rule with the smallest graph that shows it. */
import { describe, expect, test } from 'vitest';
import { replay, statesAt, whatIfs } from '../../src/engine/index.js';
import { loadText } from '../../src/model/load.js';
import { graph, lines } from './helpers.js';

const ev = (...items: string[]) => items.map((i) => `      - ${i}`).join('\n');
const gfleet = `  g:
    fleet: { nodes: 10, restart: { perHour: 60 } }
  d: { dependsOn: [g] }`;

describe('a service a patch deletes (item 8)', () => {
  test('leaves the replay ok: --at, lost minutes, final and all-ok agree', () => {
    const m = graph('  a: {}\n  b: { dependsOn: [a] }', ev('{ at: "+10m", fail: { service: a } }', '{ at: "+20m", patch: { services: { b: null } } }', '{ at: "+30m", recover: { service: a } }'));
    const r = replay(m);
    expect(lines(r)).toEqual(['10 a down event', '10 b down edge', '20 b ok event', '30 a ok event']);
    expect(r.timeline[2]!.cause.text).toBe('patch at 00:20 removed it');
    expect(statesAt(r, 25).get('b')).toBe('ok');
    const w = whatIfs(m);
    expect(w.baseline.allOkMin).toBe(30);
    expect(w.baseline.serviceMinutesLost).toBe(2 * 20 + 2 * 10);
  });
});

describe('recovery deadlock records (item 9)', () => {
  // Four services that wait on each other (one strongly connected set), spelt two ways.
  const deadlocks = (a: string, b: string, c: string, d: string) => replay(graph(`  r: {}
  ${a}: { dependsOn: [${b}, r] }
  ${b}: { dependsOn: [${a}, ${c}, r] }
  ${c}: { dependsOn: [${d}, r] }
  ${d}: { dependsOn: [${c}, ${b}, r] }`, ev('{ at: "+10m", fail: { service: r } }', '{ at: "+20m", recover: { service: r } }'))).deadlocks;

  test('one record per set of services waiting on each other, however the ids are spelt', () => {
    const one = deadlocks('a', 'b', 'c', 'd');
    const two = deadlocks('a', 'x', 'c', 'd');
    expect(one.map((d) => d.members)).toEqual([['a', 'b', 'c', 'd']]);
    expect(two.map((d) => d.members)).toEqual([['a', 'c', 'd', 'x']]);
    expect(one[0]!.cycle).toEqual(['a', 'b']);
  });
});

describe('operator actions that react (items 11, 18)', () => {
  test('restart when: down with a delay begins that long after the service went down, however late', () => {
    const m = (failAt: string) => graph(gfleet, ev('{ at: "+0m", when: down, delay: 30m, restart: { service: g } }', `{ at: "${failAt}", patch: { services: { g: { fleet: { perNode: { cpu: { base: 2, limit: 1 } } } } } } }`,
      '{ at: "+5h", patch: { services: { g: { fleet: { perNode: null } } } } }'));
    // Over the limit from the failure until +5h: attempts fail; from +5h one node a minute.
    expect(lines(replay(m('+1h'))).slice(0, 3)).toEqual(['60 g down event', '60 d down edge', '90 g stays down restart']);
    expect(lines(replay(m('+2h'))).slice(0, 3)).toEqual(['120 g down event', '120 d down edge', '150 g stays down restart']);
  });

  test('stop always stops; stop when: down acts only on a service that is down', () => {
    const always = replay(graph(gfleet, ev('{ at: "+10m", stop: { service: g } }', '{ at: "+10m", restart: { service: g } }')));
    expect(lines(always)).toEqual(['10 g down event', '10 d down edge', '14 g degraded restart', '14 d degraded recovered', '19 g ok restart', '19 d ok recovered']);
    const reacting = replay(graph(gfleet, ev('{ at: "+10m", when: down, stop: { service: g } }', '{ at: "+10m", restart: { service: g } }')));
    expect(lines(reacting)).toEqual([]);
  });

  test('a what-if is still prevented when only a stop itself took a service down', () => {
    const m = graph('  g:\n    fleet: { nodes: 4, restart: { perHour: 60 } }', ev('{ at: "+10m", stop: { service: g } }', '{ at: "+10m", restart: { service: g } }'),
      '    whatIfs:\n      nothing: { patch: { title: same } }');
    expect(whatIfs(m).outcomes[0]!.prevented).toBe(true);
  });
});

describe('what-if horizon (item 10)', () => {
  const m = (until = '') => graph('  a: {}\n  b: {}', ev('{ at: "+10m", fail: { service: a } }', '{ at: "+30m", recover: { service: a } }'),
    `${until}    whatIfs:\n      worse: { patch: { scenarios: { s: { events: [ { at: "+10m", fail: { service: a } } ] } } } }\n      other: { patch: { title: x } }`);

  test('a never-ending outage counts to the horizon; the baseline does not depend on the selection', () => {
    const all = whatIfs(m());
    const one = whatIfs(m(), undefined, ['worse']);
    expect(all.baseline.serviceMinutesLost).toBe(one.baseline.serviceMinutesLost);
    // Horizon: last event (+30m) + the longest recovery in the baseline (20m) = +50m.
    expect(all.baseline.serviceMinutesLost).toBe(2 * 20);
    expect(all.outcomes.find((o) => o.id === 'worse')!.serviceMinutesLost).toBe(2 * 40);
  });

  test('until sets the horizon', () => {
    expect(whatIfs(m('    until: "+2h"\n')).outcomes.find((o) => o.id === 'worse')!.serviceMinutesLost).toBe(2 * 110);
  });
});

describe('buffered edges (item 12)', () => {
  test('a buffer fills only while its dependency is down: a degraded dependency never fills it', () => {
    const m = graph('  a: {}\n  b: { dependsOn: [{ on: a, type: buffered, buffer: { fillsAfter: 20m } }] }', ev(
      '{ at: "+10m", fail: { service: a, state: degraded } }', '{ at: "+60m", fail: { service: a } }', '{ at: "+70m", recover: { service: a } }', '{ at: "+70m", fail: { service: a, state: degraded } }', '{ at: "+200m", recover: { service: a } }'));
    expect(lines(replay(m))).toEqual(['10 a degraded event', '60 a down event', '70 a degraded event', '200 a ok event']);
  });

  test('it drains once the dependency serves again (degraded or ok)', () => {
    const m = graph('  a: {}\n  b: { dependsOn: [{ on: a, type: buffered, buffer: { fillsAfter: 20m } }] }', ev(
      '{ at: "+10m", fail: { service: a } }', '{ at: "+60m", recover: { service: a } }', '{ at: "+60m", fail: { service: a, state: degraded } }'));
    expect(lines(replay(m))).toEqual(['10 a down event', '30 b degraded edge', '60 a degraded event', '60 b ok recovered']);
  });
});

describe('needs warnings (item 13)', () => {
  const warnings = (dep: string) => {
    const text = `faultline: 1\nname: t\nservices:\n  f: { fleet: { nodes: 10, serving: 0.5 } }\n  d: { dependsOn: [${dep}] }\n`;
    return (loadText(text, 't.yaml').warnings ?? []).map((w) => w.message);
  };
  test('needs below the target\'s serving has no effect, and says so', () => {
    expect(warnings('{ on: f, needs: 0.3 }')).toEqual(['"needs" 0.3 is below the serving share 0.5 of "f": below serving "f" is down, so this edge is down there anyway']);
    expect(warnings('{ on: f, needs: 0.5 }')).toEqual([]);
  });
  test('needs on a soft, buffered or async edge has no effect, and says so', () => {
    expect(warnings('{ on: f, type: soft, needs: 0.8 }')).toEqual(['"needs" has no effect on a soft edge: only hard edges read a fleet\'s capacity']);
  });
});
