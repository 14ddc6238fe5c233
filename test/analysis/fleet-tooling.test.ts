import { describe, expect, test } from 'vitest';
import { audit } from '../../src/analysis/index.js';
import { maxNodes } from '../../src/analysis/fleet.js';
import type { Fleet, JsonObject, Resource } from '../../src/model/types.js';
import { modelOf } from './helpers.js';

const loc = { file: 'x', line: 1, column: 1 };
const res = (base: number, perPeer: number, limit: number): Resource => ({ name: 'r', base, perPeer, limit, loc });
const fleet = (over: Partial<Fleet>): Fleet => ({ nodes: 100, perNode: [], serving: 0.5, loc, mesh: { peers: 'all', connectPerMinute: 1 }, ...over });

describe('largest fleet that fits a per-peer limit', () => {
  test('full mesh: usage = base + perPeer·(N−1)', () => {
    expect(maxNodes(fleet({}), res(100, 2, 300))).toBe(101);
    expect(maxNodes(fleet({}), res(100, 2, 301))).toBe(101);
    expect(maxNodes(fleet({}), res(100, 2, 302))).toBe(102);
  });
  test('cells and k peers cap the peers: unbounded when the cap fits', () => {
    expect(maxNodes(fleet({ cells: 50 }), res(100, 2, 300))).toBe(Infinity);
    expect(maxNodes(fleet({ cells: 200 }), res(100, 2, 300))).toBe(101);
    expect(maxNodes(fleet({ mesh: { peers: 10, connectPerMinute: 1 } }), res(100, 2, 300))).toBe(Infinity);
    expect(maxNodes(fleet({ mesh: { peers: 200, connectPerMinute: 1 } }), res(100, 2, 300))).toBe(101);
  });
  test('already over: 0', () => {
    expect(maxNodes(fleet({}), res(400, 2, 300))).toBe(0);
  });
});

describe('fleet findings', () => {
  const mk = (nodes: number, limit: number, events: object[] = []) => modelOf({
    f: { fleet: { nodes, mesh: { peers: 'all', connectPerMinute: 1 }, perNode: { conns: { base: 0, perPeer: 1, limit } }, restart: { perHour: 100 } } },
  }, (events.length ? { scenarios: { s: { start: '2026-01-01T00:00:00Z', events } } } : {}) as JsonObject);

  test('over the limit is an error; low headroom a warning; ample headroom nothing', () => {
    expect(audit(mk(100, 50)).findings.map((f) => f.rule)).toEqual(['fleet-over-limit']);
    expect(audit(mk(100, 110)).findings.map((f) => f.rule)).toEqual(['scaling-headroom']);
    expect(audit(mk(100, 1000)).findings.map((f) => f.rule)).toEqual([]);
  });

  test('scale events replayed in order: the one that crosses is flagged with its time', () => {
    const a = audit(mk(100, 1000, [{ at: '+10m', scale: { service: 'f', by: 500 } }, { at: '+20m', scale: { service: 'f', to: 1200 } }]));
    expect(a.scaling[0]!.crossedBy).toMatchObject({ scenario: 's', atMin: 20, fromNodes: 600, toNodes: 1200 });
    expect(a.findings.filter((f) => f.rule === 'scale-crosses-limit')).toHaveLength(1);
  });

  test('restart time over the threshold', () => {
    const a = audit(modelOf({ f: { fleet: { nodes: 1000, restart: { perHour: 100 } } }, g: { fleet: { nodes: 100, restart: { perHour: 100 } } } }));
    expect(a.restart.map((r) => [r.service, r.fullRestartHours])).toEqual([['f', 9.99], ['g', 0.99]]); // (N − 1)/perHour: the first node is back at once
    expect(a.findings.filter((f) => f.rule === 'restart-time').map((f) => f.services[0])).toEqual(['f']);
  });
});

describe('incident-tooling cycles', () => {
  test('plain cycle, shared fate through a common dependency, and support lists', () => {
    const m = modelOf({
      net: {},
      app: { dependsOn: ['net'] },
      other: {},
      pager: { role: 'alerting', supports: ['app'], dependsOn: ['net'] },
      chat: { role: 'chat', dependsOn: [{ on: 'app', type: 'soft' }] },
      deploy: { role: 'deploy', dependsOn: [{ anyOf: ['app', 'other'] }] },
    });
    const t = audit(m).toolingCycles;
    // pager supports app only: net takes both down (shared fate); `other` is not involved.
    expect(t.filter((x) => x.tool === 'pager').map((x) => [x.root, x.path.join('>')])).toEqual([['net', 'pager>net']]);
    // chat degrades when app or net fails.
    expect(t.filter((x) => x.tool === 'chat').map((x) => [x.root, x.toolState, x.path.join('>')]))
      .toEqual([['app', 'degraded', 'chat>app'], ['net', 'degraded', 'chat>app>net']]);
    // deploy has redundancy: no single root takes it down.
    expect(t.some((x) => x.tool === 'deploy')).toBe(false);
    const f = audit(m).findings.filter((x) => x.rule === 'tooling-cycle');
    expect(f.find((x) => x.services[0] === 'chat')!.severity).toBe('warn');
    expect(f.find((x) => x.services[0] === 'pager')!.severity).toBe('error');
  });

  test('the delay is the earliest impact: a zero-delay route beats a shorter buffered one (issue 13 item 7)', () => {
    const m = modelOf({
      db: {},
      app: { dependsOn: ['db'] },
      cache: { dependsOn: ['db'] },
      pager: { role: 'alerting', supports: ['app'], dependsOn: [{ on: 'db', type: 'buffered', buffer: { fillsAfter: '1h', whenFull: 'down' } }, 'cache'] },
    });
    const t = audit(m).toolingCycles.filter((x) => x.tool === 'pager' && x.root === 'db');
    expect(t.map((x) => [x.path.join('>'), x.bufferDelayMin])).toEqual([['pager>cache>db', 0]]);
    expect(audit(m).findings.find((f) => f.rule === 'tooling-cycle' && f.services[0] === 'pager')!.message).not.toMatch(/buffering/);
  });

  test('among equally early routes the one with fewer hops, then smaller ids, is shown', () => {
    const m = modelOf({
      db: {},
      app: { dependsOn: ['db'] },
      b: { dependsOn: [{ on: 'db', type: 'buffered', buffer: { fillsAfter: '10m', whenFull: 'down' } }] },
      b2: { dependsOn: [{ on: 'db', type: 'buffered', buffer: { fillsAfter: '10m', whenFull: 'down' } }] },
      a: { dependsOn: [{ on: 'db', type: 'buffered', buffer: { fillsAfter: '10m', whenFull: 'down' } }] },
      c: { dependsOn: ['a'] },
      pager: { role: 'alerting', supports: ['app'], dependsOn: [{ on: 'db', type: 'buffered', buffer: { fillsAfter: '2h', whenFull: 'down' } }, 'c', 'b2', 'b'] },
    });
    const t = audit(m).toolingCycles.filter((x) => x.tool === 'pager' && x.root === 'db');
    expect(t.map((x) => [x.path.join('>'), x.bufferDelayMin])).toEqual([['pager>b>db', 10]]);
  });

  test('a tool supporting one service is not flagged for roots that spare that service', () => {
    const m = modelOf({ db: {}, app: {}, pager: { role: 'alerting', supports: ['app'], dependsOn: ['db'] } });
    expect(audit(m).toolingCycles).toEqual([]);
  });
});
