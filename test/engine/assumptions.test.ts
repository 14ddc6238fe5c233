/** Which assumed numbers a prediction rests on is computed by moving each one (assumptions.ts), not declared. */
import { describe, expect, test } from 'vitest';
import { fidelity, replay } from '../../src/engine/index.js';
import { assumedNumbers, perturb } from '../../src/engine/assumptions.js';
import { loadText } from '../../src/model/load.js';
import { graph } from './helpers.js';

const services = [
  '  g: { fleet: { nodes: 10, restart: { perHour: 60, x-assumed: true }, serving: 0.5, x-assumed: [nodes] } }',
  '  web: { dependsOn: [g] }',
  '  other: { recoversAfter: 20m, x-assumed: true }',
  '  spare: { fleet: { nodes: 3, restart: { perHour: 6 }, x-assumed: [restart] } }',
].join('\n');
const events = [
  '      - { at: "+10m", fail: { service: other } }',
  '      - { at: "+10m", stop: { service: g } }',
  '      - { at: "+10m", when: down, delay: 30m, x-assumed: [delay], restart: { service: g } }',
].join('\n');
const observed = [
  '    observed:',
  '      - { at: "+10m", service: g, state: down }',
  '      - { at: "+50m", service: g, state: degraded }',
  '      - { at: "+60m", service: web, state: ok }',
].join('\n');

describe('assumed numbers', () => {
  const m = graph(services, events, observed);

  test('every x-assumed number of the services and the scenario, labelled by where it is', () => {
    expect(assumedNumbers(m.doc, 's').map((a) => a.label)).toEqual(['g.fleet.nodes', 'g.fleet.restart.perHour', 'other.recoversAfter', 'spare.fleet.restart.perHour', 'events[2].delay']);
  });

  test('a prediction rests on the numbers that move it; an input on none; an unrelated assumption is not listed', () => {
    const f = fidelity(replay(m));
    const by = (state: string) => f.observations.find((o) => o.state === state)!;
    expect(by('down').input).toBe(true);
    expect(by('down').restsOn).toBeUndefined();
    // Degraded at 5 of 10 nodes back: the reaction's delay, the restart pace and the fleet size (with serving, not assumed).
    expect(by('degraded').restsOn).toEqual(['g.fleet.nodes', 'g.fleet.restart.perHour', 'events[2].delay']);
    expect(by('ok').restsOn).toEqual(['g.fleet.nodes', 'g.fleet.restart.perHour', 'events[2].delay']);
  });

  test('moves: 10% of a number, whole counts by at least 1, durations in minutes, times by at least a minute', () => {
    expect(perturb('capacity', 10, 1, undefined)).toBeCloseTo(11, 9);
    expect(perturb('nodes', 5, -1, undefined)).toBe(4);
    expect(perturb('delay', '1h', 1, undefined)).toBe('66m');
    expect(perturb('at', '+0m', 1, { epochMs: 0, offsetMin: 0 })).toBe('+1m');
    expect(perturb('note', 'text', 1, undefined)).toBeUndefined();
  });

  test('`fitted:` on an observation is ignored, with a located deprecation warning', () => {
    const r = loadText(`faultline: 1\nname: t\nservices:\n  a: {}\nscenarios:\n  s:\n    start: 2020-01-01T00:00:00Z\n    observed:\n      - { at: "+1m", service: a, state: down, fitted: [F1] }\n`, 't.yaml');
    expect(r.warnings?.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual(['9:47 "fitted" is deprecated and ignored: the replay computes which x-assumed numbers each prediction rests on']);
  });
});
