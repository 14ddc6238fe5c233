/** The people in the loop: detection tied to monitoring, reactions that wait, the first status post. */
import { describe, expect, test } from 'vitest';
import { fidelity, replay, whatIfs } from '../../src/engine/index.js';
import { graph, lines } from './helpers.js';

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
