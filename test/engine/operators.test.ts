/** The people in the loop: detection tied to monitoring, reactions that wait, the first status post. */
import { describe, expect, test } from 'vitest';
import { fidelity, replay, whatIfs } from '../../src/engine/index.js';
import { graph, lines } from './helpers.js';
import { loadText } from '../../src/model/load.js';

const ev = (...items: string[]) => items.map((i) => `      - ${i}`).join('\n');
const fix = '{ at: "+10m", when: detected, delay: 20m, recover: { service: a } }';

describe('detection', () => {
  test('a failure an ok monitoring service watches is seen after detection.seen (5m); the reaction follows', () => {
    const m = graph('  a: {}\n  mon: { role: monitoring }', ev('{ at: "+10m", fail: { service: a } }', fix));
    const r = replay(m);
    expect(r.detectedAt).toBe(15);
    expect(lines(r)).toEqual(['10 a down event', '35 a ok event']);
    expect(r.eventTimes).toEqual([10, 35]);
  });

  test('monitoring inside the blast radius is blind: detection.blind (30m)', () => {
    const m = graph('  a: {}\n  mon: { role: monitoring, dependsOn: [a] }', ev('{ at: "+10m", fail: { service: a } }', fix));
    const r = replay(m);
    expect(r.detectedAt).toBe(40);
    expect(lines(r)).toEqual(['10 a down event', '10 mon down edge', '60 a ok event', '60 mon ok recovered']);
  });

  test('the scenario sets its own detection times; monitoring that does not support the service does not see it', () => {
    const m = graph('  a: {}\n  b: {}\n  mon: { role: monitoring, supports: [b] }', ev('{ at: "+10m", fail: { service: a } }'),
      '    detection: { seen: 2m, blind: 1h }');
    expect(replay(m).detectedAt).toBe(70);
  });

  test('nothing fails: never detected, and a reaction never happens', () => {
    const m = graph('  a: {}', ev(fix));
    const r = replay(m);
    expect(r.detectedAt).toBeUndefined();
    expect(r.eventTimes).toEqual([null]);
  });
});

describe('reactions that wait for tools', () => {
  test('waitsFor: the action happens at the first instant every listed tool is ok', () => {
    const m = graph('  a: {}\n  deploy: { role: deploy, dependsOn: [{ on: a, type: soft }] }\n  net: {}\n  a2: { dependsOn: [net] }',
      ev('{ at: "+10m", fail: { service: net } }', '{ at: "+20m", fail: { service: a } }',
        '{ at: "+30m", waitsFor: [deploy], recover: { service: net } }', '{ at: "+50m", recover: { service: a } }'));
    const r = replay(m);
    expect(r.eventTimes).toEqual([10, 20, 50, 50]);
    expect(lines(r)).toContain('50 net ok event');
  });
});

describe('communication', () => {
  const g = (tool: string) => graph(`  a: {}\n  mon: { role: monitoring }\n  shd: { role: status-page${tool} }`,
    ev('{ at: "+10m", fail: { service: a } }', '{ at: "+2h", recover: { service: a } }'));

  test('first post = detection + posting (15m) while a status-page tool is ok', () => {
    expect(replay(g('')).communicatedAt).toBe(30);
  });
  test('a degraded tool takes twice as long', () => {
    expect(replay(g(', dependsOn: [{ on: a, type: soft }]')).communicatedAt).toBe(45);
  });
  test('a tool that is down waits until it is usable again', () => {
    expect(replay(g(', dependsOn: [a]')).communicatedAt).toBe(135);
  });
  test('what-ifs report detection and communication, and a what-if that frees the tool changes them', () => {
    const m = graph('  a: {}\n  mon: { role: monitoring, dependsOn: [a] }\n  shd: { role: status-page, dependsOn: [a] }',
      ev('{ at: "+10m", fail: { service: a } }', '{ at: "+2h", recover: { service: a } }'),
      '    whatIfs:\n      free: { patch: { services: { shd: { dependsOn: [] }, mon: { dependsOn: [] } } } }');
    const w = whatIfs(m);
    expect([w.baseline.detectedAt, w.baseline.communicatedAt]).toEqual([40, 135]);
    expect([w.outcomes[0]!.detectedAt, w.outcomes[0]!.communicatedAt]).toEqual([15, 30]);
  });
  test('milestone observations are scored as predictions', () => {
    const m = graph('  a: {}\n  mon: { role: monitoring }\n  shd: { role: status-page }', ev('{ at: "+10m", fail: { service: a } }'),
      '    observed:\n      - { at: "+12m", service: a, state: down }\n      - { at: "+40m", milestone: communicated }');
    const f = fidelity(replay(m));
    expect(f.observations.map((o) => [o.service, o.predictedMin, o.errorMin, o.input])).toEqual([
      ['a', 10, -2, true], ['(first status post)', 30, -10, false],
    ]);
    expect(f.matched).toBe(1);
  });
});

describe('one reaction form on any event (when: detected | down, delay, waitsFor)', () => {
  const g = '  a: {}\n  net: {}\n  deploy: { role: deploy, dependsOn: [net] }';
  test('when: down on any action: it happens once its service has been down for delay, then waits for tools', () => {
    const m = graph(g, ev('{ at: "+0m", when: down, delay: 20m, waitsFor: [deploy], recover: { service: a } }',
      '{ at: "+10m", fail: { service: a } }', '{ at: "+15m", fail: { service: net } }', '{ at: "+45m", recover: { service: net } }'));
    const r = replay(m);
    // a down at 10, down for 20m at 30, deploy (through net) back at 45: the recover happens then.
    expect(r.eventTimes).toEqual([45, 10, 15, 45]);
    expect(lines(r)).toContain('45 a ok event');
  });

  test('a service that never goes down: the reaction never happens', () => {
    const r = replay(graph(g, ev('{ at: "+0m", when: down, recover: { service: a } }', '{ at: "+10m", fail: { service: a, state: degraded } }')));
    expect(r.eventTimes).toEqual([null, 10]);
  });

  test('the older spelling inside restart/stop loads with a located deprecation warning and replays the same', () => {
    const fleet = '  g: { fleet: { nodes: 4, restart: { perHour: 60 } } }';
    const old = loadText(`faultline: 1\nname: t\nservices:\n${fleet}\nscenarios:\n  s:\n    start: 2020-01-01T00:00:00Z\n    events:\n${ev('{ at: "+0m", restart: { service: g, when: down, delay: 30m } }', '{ at: "+10m", stop: { service: g } }')}\n`, 't.yaml');
    expect(old.warnings?.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual(['9:45 "when" inside restart is deprecated: write `when: down` (and `delay`) on the event, beside `at`']);
    const now = graph(fleet, ev('{ at: "+0m", when: down, delay: 30m, restart: { service: g } }', '{ at: "+10m", stop: { service: g } }'));
    expect(lines(replay(old.value!))).toEqual(lines(replay(now)));
    expect(replay(now).eventTimes).toEqual([40, 10]);
  });

  test('given on both levels, or when: down on an event without a service: located errors with a hint', () => {
    const load = (e: string) => loadText(`faultline: 1\nname: t\nservices:\n  g: { fleet: { nodes: 4 } }\nscenarios:\n  s:\n    start: 2020-01-01T00:00:00Z\n    events:\n${ev(e)}\n`, 't.yaml').errors ?? [];
    expect(load('{ at: "+0m", when: down, stop: { service: g, when: down } }').map((e) => `${e.line}:${e.column} ${e.message} (${e.hint})`))
      .toEqual(['9:54 the reaction is given twice: on the event and inside its stop (write it once, on the event: when: down, delay: … beside at)']);
    expect(load('{ at: "+0m", when: down, milestone: x }').map((e) => `${e.line}:${e.column} ${e.message}`))
      .toEqual(['9:22 "when: down" waits for the event\'s service to go down, and a milestone event has none']);
  });
});
