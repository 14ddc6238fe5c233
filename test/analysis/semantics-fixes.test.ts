/** Audit decisions of issue 13 (items 6, 14, 15, 16): each with the smallest graph that shows it. */
import { describe, expect, test } from 'vitest';
import { audit } from '../../src/analysis/index.js';
import { replay } from '../../src/engine/index.js';
import { modelFromYaml, modelOf } from './helpers.js';

describe('recovery deadlocks through anyOf (item 6)', () => {
  test('a loop closed through an anyOf whose alternatives all wait on the loop is a deadlock, as in the replay', () => {
    const m = modelFromYaml(`faultline: 1
name: t
services:
  r: {}
  a: { dependsOn: [r, { anyOf: [b, c] }] }
  b: { dependsOn: [a] }
  c: { dependsOn: [a] }
scenarios:
  s:
    start: 2020-01-01T00:00:00Z
    events:
      - { at: "+10m", fail: { service: r } }
      - { at: "+20m", recover: { service: r } }
`);
    expect(replay(m).deadlocks.map((d) => d.members)).toEqual([['a', 'b', 'c']]);
    const a = audit(m);
    expect((a.deadlocks ?? []).map((d) => d.members)).toEqual([['a', 'b', 'c']]);
    expect(a.findings.filter((f) => f.rule === 'recovery-deadlock')).toHaveLength(1);
  });

  test('an anyOf with an alternative outside the loop is no deadlock (it can start through it)', () => {
    const a = audit(modelOf({ a: { dependsOn: [{ anyOf: ['b', 'd'] }] }, b: { dependsOn: ['a'] }, d: {} }));
    expect(a.deadlocks ?? []).toEqual([]);
  });
});

describe('restart duration (item 14)', () => {
  test('one formula: the first node back at once, the last (N − 1)/perHour later — audit and replay agree', () => {
    const m = modelFromYaml(`faultline: 1
name: t
services:
  f: { fleet: { nodes: 61, restart: { perHour: 60 } } }
scenarios:
  s:
    start: 2020-01-01T00:00:00Z
    events:
      - { at: "+0m", stop: { service: f } }
      - { at: "+0m", restart: { service: f } }
`);
    expect(audit(m).restart[0]!.fullRestartHours).toBe(1);
    expect(replay(m).timeline.at(-1)).toMatchObject({ service: 'f', state: 'ok', atMin: 60 });
  });
});

describe('fleets over the limit from the start (item 15)', () => {
  test('base usage alone over the limit, or over it without a mesh: fleet-over-limit, as the replay has them down from 00:00', () => {
    const a = audit(modelOf({
      base: { fleet: { nodes: 3, mesh: { peers: 'all' }, perNode: { mem: { base: 200, perPeer: 1, limit: 100 } } } },
      nomesh: { fleet: { nodes: 3, perNode: { mem: { base: 200, limit: 100 } } } },
      fine: { fleet: { nodes: 3, perNode: { mem: { base: 50, limit: 100 } } } },
    }));
    const over = a.findings.filter((f) => f.rule === 'fleet-over-limit');
    expect(over.map((f) => f.services[0])).toEqual(['base', 'nomesh']);
    expect(over[1]!.message).toBe('"nomesh" is over its mem limit at any size: every node is at 200 > 100 (200 + 0 per peer ≤ 100), so the fleet is down from the start');
  });
});

describe('tooling cycles count a degraded supported service (item 16)', () => {
  test('the root takes the tool down and only degrades the service it supports: still a tooling cycle', () => {
    const a = audit(modelOf({
      r: {},
      svc: { dependsOn: [{ on: 'r', type: 'soft' }] },
      tool: { role: 'chat', supports: ['svc'], dependsOn: ['r'] },
    }));
    expect(a.toolingCycles.map((c) => `${c.tool}>${c.root} ${c.toolState}`)).toEqual(['tool>r down']);
  });
});
