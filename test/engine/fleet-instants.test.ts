/** Fleet dynamics at the instants they belong to: connecting at once, spent restart attempts, patches mid-connection. */
import { describe, expect, test } from 'vitest';
import { fidelity, replay } from '../../src/engine/index.js';
import { graph, lines } from './helpers.js';

const ev = (...items: string[]) => items.map((i) => `      - ${i}`).join('\n');
const fleet = (mesh: string, extra = '') => `  f:
    fleet:
      nodes: 10
      mesh: ${mesh}
      perNode: { threads: { base: 100, perPeer: 1, limit: 112 } }
      restart: { perHour: 60 }
      serving: 0.5${extra}`;

describe('a mesh that connects at once (no connectPerMinute)', () => {
  test('an instant scale past the limit crashes the fleet at that instant', () => {
    const r = replay(graph(fleet('{ peers: all }'), ev('{ at: "+10m", scale: { service: f, by: 10 } }')));
    expect(lines(r)).toEqual(['10 f down limit']);
    expect(r.timeline[0]!.cause.text).toBe('threads 119 > limit 112 on every node (20 nodes, 19 peers)');
  });

  test('a linear scale crashes it when usage passes the limit, not when the scale ends', () => {
    // 10 → 30 nodes over 20m: N − 1 = 13 peers (usage 113) at N = 14, +4 nodes = 4m in.
    const r = replay(graph(fleet('{ peers: all }'), ev('{ at: "+10m", scale: { service: f, to: 30, over: 20m } }')));
    expect(lines(r)).toEqual(['14 f down limit']);
  });

  test('an unrelated patch later does not move the crash', () => {
    const base = lines(replay(graph(fleet('{ peers: all }'), ev('{ at: "+10m", scale: { service: f, by: 10 } }'))));
    const withPatch = lines(replay(graph(fleet('{ peers: all }'), ev('{ at: "+10m", scale: { service: f, by: 10 } }', '{ at: "+50m", patch: { title: same } }'))));
    expect(withPatch).toEqual(base);
  });
});

describe('restart attempts while usage is over the limit are spent', () => {
  test('a patch that later raises the limit does not release banked attempts at once', () => {
    // Down at +12m; restart from +30m fails (over the limit); at +60m the limit is raised: nodes
    // come back one a minute from the next attempt on (+60m, +61m, …), not 31 at one instant.
    const r = replay(graph(fleet('{ peers: all, connectPerMinute: 2 }'), ev(
      '{ at: "+10m", scale: { service: f, by: 10 } }',
      '{ at: "+30m", restart: { service: f } }',
      '{ at: "+60m", patch: { services: { f: { fleet: { perNode: { threads: { limit: 1000 } } } } } } }',
    )));
    expect(lines(r)).toEqual(['12 f down limit', '30 f stays down restart', '70 f degraded restart', '80 f ok restart']);
  });

  test('an unrelated patch in between changes nothing', () => {
    const events = ['{ at: "+10m", scale: { service: f, by: 10 } }', '{ at: "+30m", restart: { service: f } }',
      '{ at: "+60m", patch: { services: { f: { fleet: { perNode: { threads: { limit: 1000 } } } } } } }'];
    const base = lines(replay(graph(fleet('{ peers: all, connectPerMinute: 2 }'), ev(...events))));
    const noop = lines(replay(graph(fleet('{ peers: all, connectPerMinute: 2 }'), ev(events[0]!, events[1]!, '{ at: "+45m", patch: { title: same } }', events[2]!))));
    expect(noop).toEqual(base);
  });
});

describe('a patch that changes the mesh', () => {
  test('connection progress continues from the peers held at the patch', () => {
    // 20 nodes in cells of 10: 9 peers, steady. At +40m the cells go: the target is 19 peers and
    // peers connect at 2/min from 9: 13 peers (usage 113) at +42m, not at once.
    const r = replay(graph(fleet('{ peers: all, connectPerMinute: 2 }', '\n      cells: 10'), ev(
      '{ at: "+5m", scale: { service: f, by: 10 } }',
      '{ at: "+40m", patch: { services: { f: { fleet: { cells: null } } } } }',
    )));
    expect(lines(r)).toEqual(['42 f down limit']);
  });
});

describe('a patch that pushes a fleet over its limit', () => {
  test('names the resource and usage, links the patch, and makes the crash an input', () => {
    const m = graph(fleet('{ peers: all }') + '\n  d: { dependsOn: [f] }', ev('{ at: "+20m", patch: { services: { f: { fleet: { perNode: { threads: { limit: 105 } } } } } } }'),
      '    observed:\n      - { at: "+20m", service: f, state: down }\n      - { at: "+20m", service: d, state: down }');
    const r = replay(m);
    expect(lines(r)).toEqual(['20 f down event', '20 d down edge']);
    expect(r.timeline[0]!.cause.text).toBe('patch at 00:20: threads 109 > limit 105 on every node (10 nodes, 9 peers)');
    const fid = fidelity(r);
    expect(fid.inputs).toBe(2);
    expect(fid.matched).toBe(0);
  });
});
