/** Load, capacity, overload, retries, herd, latches: one small graph per rule, exact timelines. */
import { describe, expect, test } from 'vitest';
import { replay } from '../../src/engine/index.js';
import { graph, lines } from './helpers.js';

const ev = (...items: string[]) => items.map((i) => `      - ${i}`).join('\n');
const at = (t: string, svc: string, base: number) => `{ at: "${t}", patch: { services: { ${svc}: { demand: { base: ${base} } } } } }`;

describe('demand and capacity', () => {
  test('served share = healthy × capacity / load; ok, degraded at serving, down below', () => {
    const m = graph('  web: { demand: { base: 300 }, fleet: { nodes: 4, capacity: 100 } }\n  app: { dependsOn: [web] }',
      ev(at('+10m', 'web', 500), at('+20m', 'web', 900), at('+30m', 'web', 300)));
    const r = replay(m);
    expect(lines(r)).toEqual([
      '10 web degraded event', '10 app degraded edge', '20 web down event', '20 app down edge', '30 web ok event', '30 app ok recovered',
    ]);
    expect(r.timeline[0]!.cause.text).toContain('load 500 > capacity 400 (4 of 4 nodes × 100), serves 80%');
    expect(r.timeline[2]!.capacity).toBeCloseTo(400 / 900, 4);
    expect(r.loads!.web!.map((x) => x.load)).toEqual([300, 500, 900, 300]);
  });

  test('load flows through edges × load factor; a cycle edge carries none', () => {
    const m = graph('  users: { demand: { base: 100 }, dependsOn: [{ on: api, load: 3 }] }\n'
      + '  api: { fleet: { nodes: 4, capacity: 100 }, dependsOn: [db] }\n  db: { fleet: { nodes: 1, capacity: 280 }, dependsOn: [{ on: users, type: async }] }',
      ev(at('+10m', 'users', 90)));
    const r = replay(m);
    expect(lines(r)).toEqual(['0 db degraded load', '0 api degraded edge', '0 users degraded edge', '10 db ok event', '10 api ok recovered', '10 users ok recovered']);
    expect(r.loads!.api![0]!.load).toBe(300);
    expect(r.loads!.db![0]!.load).toBe(300);
  });

  test('a daily curve steps at its clock times, exactly', () => {
    const m = graph('  web: { demand: { base: 300, daily: [{ at: "00:30", add: 200 }, { at: "01:00", add: 0 }] }, fleet: { nodes: 4, capacity: 100 } }',
      ev('{ at: "+2h", milestone: end }'));
    // Followed until a day after the last scripted event: the curve repeats the next day.
    expect(lines(replay(m))).toEqual(['30 web degraded load', '60 web ok recovered', '1470 web degraded load', '1500 web ok recovered']);
  });
});

describe('retries: metastable failure', () => {
  const g = (backoff: boolean) => graph(
    `  clients: { demand: { base: 300 }, dependsOn: [{ on: net, retry: { factor: 3, backoff: ${backoff} } }] }\n  net: { fleet: { nodes: 4, capacity: 100 } }`,
    ev(at('+10m', 'clients', 500), at('+20m', 'clients', 300), at('+40m', 'clients', 120)));

  test('without back-off, retries sustain the overload after the surge until load is shed below capacity ÷ factor', () => {
    const r = replay(g(false));
    expect(lines(r)).toEqual([
      '10 net down event', '10 clients down edge', // 500 × 3 = 1,500 > 400: serves 27%
      '40 net ok event', '40 clients ok recovered', // 120 × 3 = 360 ≤ 400 (a patch lowered it: an input)
    ]);
    expect(r.timeline[0]!.cause.text).toContain('1,000 of it retries');
    expect(r.loads!.net!.map((x) => x.load)).toEqual([300, 1500, 900, 120]);
  });

  test('with back-off the outage ends with the surge', () => {
    expect(lines(replay(g(true)))).toEqual(['10 net degraded event', '10 clients degraded edge', '20 net ok event', '20 clients ok recovered']);
  });
});

describe('usage that grows with load, the restart herd and admission control', () => {
  const g = (admission: string) => graph(
    '  web: { demand: { base: 300 }, fleet: { nodes: 4, capacity: 100, perNode: { cpu: { perLoad: 1, limit: 110 } }, restart: { perHour: 60 } } }',
    ev(at('+10m', 'web', 600), at('+20m', 'web', 300), admission, '{ at: "+30m", restart: { service: web } }'));

  test('more load per node than a limit allows: every node fails; restarted nodes take all the load and fail again', () => {
    const r = replay(g('{ at: "+25m", milestone: nothing }'));
    expect(lines(r)).toEqual(['10 web down limit', '30 web stays down restart']);
    expect(r.timeline[0]!.cause.text).toContain('cpu 150 > limit 110');
  });

  test('with admission control a node takes at most its capacity: the restart brings the fleet back node by node', () => {
    const r = replay(g('{ at: "+25m", patch: { services: { web: { fleet: { admission: true } } } } }'));
    // 1 node serves 100 of 300 (down), 2 serve 200 (degraded), 3 serve it all (ok); one node a minute.
    expect(lines(r)).toEqual(['10 web down limit', '31 web degraded restart', '32 web ok restart']);
  });

  test('admission control from the start: the surge only degrades', () => {
    const r = replay(g('{ at: "+25m", milestone: nothing }').doc.services ? graph(
      '  web: { demand: { base: 300 }, fleet: { nodes: 4, capacity: 100, admission: true, perNode: { cpu: { perLoad: 1, limit: 110 } } } }',
      ev(at('+10m', 'web', 600), at('+20m', 'web', 300))) : undefined!);
    expect(lines(r)).toEqual(['10 web degraded event', '20 web ok event']);
  });
});

describe('latch: damage that outlives the cause', () => {
  const g = (recoverAt: string) => graph('  a: {}\n  b: { dependsOn: [{ on: a, latch: { after: 1h, lagPerMinute: 0.5, fixed: 10m } }] }',
    ev('{ at: "+10m", fail: { service: a } }', `{ at: "${recoverAt}", recover: { service: a } }`));

  test('an outage longer than latch.after keeps the dependent down for fixed + lagPerMinute × the outage', () => {
    const r = replay(g('+1h40m'));
    // At 100 the edge no longer holds b, the latch does: a marker names it (a cause names what holds now).
    expect(lines(r)).toEqual(['10 a down event', '10 b down edge', '100 a ok event', '100 b stays down latch', '155 b ok recovered']);
    expect(r.timeline[3]!.cause.text).toContain('latched by a');
  });

  test('a shorter outage does not latch', () => {
    expect(lines(replay(g('+50m')))).toEqual(['10 a down event', '10 b down edge', '50 a ok event', '50 b ok recovered']);
  });
});

describe('capacity added over time', () => {
  test('a scale of a capacity fleet crosses each served-share threshold at its solved instant', () => {
    const m = graph('  web: { demand: { base: 800 }, fleet: { nodes: 2, capacity: 100 } }',
      ev('{ at: "+10m", scale: { service: web, by: 8, over: 80m } }'));
    // N(t) = 2 + (t − 10)/10: 400 served (50%) at t = 30, 800 (100%) at t = 70.
    expect(lines(replay(m))).toEqual(['0 web down load', '30 web degraded recovered', '70 web ok recovered']);
  });
});
