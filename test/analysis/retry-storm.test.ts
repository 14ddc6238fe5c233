/** retry-storm: retries without back-off that keep a capacity fleet overloaded once it is (metastable). */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { audit } from '../../src/analysis/index.js';
import { replay, statesAt } from '../../src/engine/index.js';
import { modelOf } from './helpers.js';
import { graph } from '../engine/helpers.js';

const storms = (services: Record<string, unknown>) => audit(modelOf(services as Parameters<typeof modelOf>[0])).findings.filter((f) => f.rule === 'retry-storm');
const net = { fleet: { nodes: 100, capacity: 10 } };
const clients = (factor: number, extra: Record<string, unknown> = {}, demand: unknown = { base: 600 }) =>
  ({ demand, dependsOn: [{ on: 'net', retry: { factor, ...extra } }] });

describe('retry-storm', () => {
  test('fires: 600 against 1,000 with factor 6 (R = 3,000): (L0 + R)/2 = 1,800 > 1,000 and 3,600² ≥ 4·3,000·1,000', () => {
    const f = storms({ clients: clients(6), net });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warn', services: ['net', 'clients'] });
    expect(f[0]!.message).toBe('"net" is retried without back-off by clients: at peak demand it carries 600 against a capacity of 1,000, and retries add up to 3,000 more while it fails'
      + ' — once overloaded it stays so at full capacity (load 2,290, 44% served: a metastable failure) until load is shed; give the callers back-off');
  });

  test('does not fire: factor 4 (3,000² < 4·1,800·1,000: the fleet recovers), back-off, no capacity, no demand', () => {
    expect(storms({ clients: clients(4), net })).toEqual([]);
    expect(storms({ clients: clients(6, { backoff: true }), net })).toEqual([]);
    expect(storms({ clients: clients(6), net: { fleet: { nodes: 100 } } })).toEqual([]);
    expect(storms({ clients: { dependsOn: [{ on: 'net', retry: { factor: 6 } }] }, net })).toEqual([]);
  });

  test('the daily peak counts, and load through services without a fleet reaches the fleet', () => {
    expect(storms({ clients: clients(4, {}, { base: 600, daily: [{ at: '09:00', add: 300 }, { at: '18:00', add: 0 }] }), net })).toHaveLength(1);
    expect(storms({ users: { demand: { base: 600 }, dependsOn: ['proxy'] }, proxy: { dependsOn: [{ on: 'net', retry: { factor: 6 } }] }, net })).toHaveLength(1);
  });

  test('the rule fires exactly when the replay stays overloaded after a surge (same condition as the engine)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 100, max: 1000 }), fc.integer({ min: 1, max: 9 }), (nodes, base, factor) => {
      const cap = 100;
      const fires = storms({ clients: clients(factor, {}, { base }), net: { fleet: { nodes, capacity: cap } } }).length > 0;
      const m = graph(`  clients: { demand: { base: ${base} }, dependsOn: [{ on: net, retry: { factor: ${factor} } }] }\n  net: { fleet: { nodes: ${nodes}, capacity: ${cap} } }`,
        `      - { at: "+10m", patch: { services: { clients: { demand: { base: ${nodes * cap * 2} } } } } }\n      - { at: "+20m", patch: { services: { clients: { demand: { base: ${base} } } } } }`);
      // Overloaded without any retry (base > capacity) is not this rule's: it never recovers either way.
      expect(statesAt(replay(m), 30).get('net') !== 'ok').toBe(fires || base > nodes * cap);
    }), { numRuns: 200 });
  });
});
