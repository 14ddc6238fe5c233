/** Load, capacity, overload, retries, herd, latches: one small graph per rule, exact timelines. */
import { describe, expect, test } from 'vitest';
import { replay } from '../../src/engine/index.js';
import { graph, lines } from './helpers.js';
import { loadText } from '../../src/model/load.js';

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
  const g = (backoff: boolean, factor = 5) => graph(
    `  clients: { demand: { base: 300 }, dependsOn: [{ on: net, retry: { factor: ${factor}, backoff: ${backoff} } }] }\n  net: { fleet: { nodes: 4, capacity: 100 } }`,
    ev(at('+10m', 'clients', 500), at('+20m', 'clients', 300), at('+40m', 'clients', 120)));
  // L = L0 + R·(1 − K/L) above capacity: the larger root of L² − (L0 + R)·L + R·K = 0.
  const high = (l0: number, r: number, k: number) => (l0 + r + Math.sqrt((l0 + r) ** 2 - 4 * r * k)) / 2;

  test('without back-off, retries proportional to the failing share sustain the overload after the surge until load is shed', () => {
    const r = replay(g(false));
    expect(lines(r)).toEqual([
      '10 net down event', '10 clients down edge', // 500 + 2,000 × failing share: 2,123 > 400, serves 19%
      '40 net ok event', '40 clients ok recovered', // 120: (L0 + R)/2 = 300 ≤ 400, no overloaded equilibrium (a patch lowered it: an input)
    ]);
    const loads = r.loads!.net!.map((x) => x.load);
    expect(loads[0]).toBe(300);
    expect(loads[1]).toBeCloseTo(high(500, 2000, 400), 6);
    // At 300 the fleet stays on the overloaded equilibrium: (300 + 1,200)/2 = 750 > 400 and 1,500² ≥ 4·1,200·400.
    expect(loads[2]).toBeCloseTo(high(300, 1200, 400), 6);
    expect(loads[3]).toBe(120);
    expect(r.loads!.net![2]!.retries).toBeCloseTo(high(300, 1200, 400) - 300, 6);
  });

  test('retries are not all-or-nothing: factor 3 (R = 600 at 300) has no overloaded equilibrium, so the outage ends with the surge', () => {
    // All-or-nothing retries would keep it down: 300 × 3 = 900 > 400.
    expect(lines(replay(g(false, 3)))).toEqual(['10 net down event', '10 clients down edge', '20 net ok event', '20 clients ok recovered']);
  });

  test('with back-off the outage ends with the surge', () => {
    expect(lines(replay(g(true)))).toEqual(['10 net degraded event', '10 clients degraded edge', '20 net ok event', '20 clients ok recovered']);
  });

  test('adding capacity to an overloaded fleet: degraded at K = θ(M − θR), ok when the high equilibrium ends at K = M²/4R, both solved', () => {
    // 300 demand, factor 5: M = 1,500, R = 1,200. Serving 0.5 at K = 0.5·(1,500 − 600) = 450 (4.5 nodes → 5), ok at 1,500²/4,800 = 468.75 (→ 5 nodes).
    const m = graph('  clients: { demand: { base: 300 }, dependsOn: [{ on: net, retry: { factor: 5 } }] }\n  net: { fleet: { nodes: 4, capacity: 100 } }',
      ev(at('+10m', 'clients', 500), at('+20m', 'clients', 300), '{ at: "+30m", scale: { service: net, by: 4, over: 40m } }'));
    // 4 → 8 nodes over 40 min: capacity 450 at +5 min, 468.75 at +6.875 min; shares are solved on the line, not at whole nodes.
    expect(lines(replay(m))).toEqual(['10 net down event', '10 clients down edge', '35 net degraded recovered', '35 clients degraded recovered', '36.88 net ok recovered', '36.88 clients ok recovered']);
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

describe('served share through services without a fleet', () => {
  // net serves 400; the surge asks 560: share 400/560 = 71% (degraded). api has no fleet: its share is net's.
  const g = (needs: string) => graph(
    `  web: { dependsOn: [{ on: api${needs} }] }\n  api: { demand: { base: 300 }, dependsOn: [net] }\n  net: { fleet: { nodes: 4, capacity: 100 } }`,
    ev(at('+10m', 'api', 560), at('+20m', 'api', 300)));

  test('needs on an edge to a fleet-less service reads the share flowing through it: 71% < 80% → down', () => {
    expect(lines(replay(g(', needs: 0.8')))).toEqual([
      '10 net degraded event', '10 api degraded edge', '10 web down edge',
      '20 net ok event', '20 api ok recovered', '20 web ok recovered',
    ]);
  });

  test('needs 0.7 is met (degraded, as api); without needs the edge copies api\'s state', () => {
    expect(lines(replay(g(', needs: 0.7'))).filter((l) => l.includes('web'))).toEqual(['10 web degraded edge', '20 web ok recovered']);
    expect(lines(replay(g(''))).filter((l) => l.includes('web'))).toEqual(['10 web degraded edge', '20 web ok recovered']);
  });

  test('the share crossing a needs behind a fleet-less service is an instant of its own (a scale, solved exactly)', () => {
    const m = graph('  web: { dependsOn: [{ on: api, needs: 0.9 }] }\n  api: { demand: { base: 500 }, dependsOn: [net] }\n  net: { fleet: { nodes: 4, capacity: 100 } }',
      ev('{ at: "+10m", scale: { service: net, by: 4, over: 40m } }'));
    // 400/500 = 80% (degraded) at first; 90% needs 4.5 nodes (+5 min), all of it 5 nodes (+10 min).
    expect(lines(replay(m))).toEqual(['0 net degraded load', '0 api degraded edge', '0 web down edge', '15 web degraded recovered', '20 net ok recovered', '20 api ok recovered', '20 web ok recovered']);
  });

  test('validation: needs behind a fleet-less service that reaches a fleet is not "no effect"; one that reaches none still warns', () => {
    expect(g(', needs: 0.8') && loadText(`faultline: 1\nname: t\nservices:\n  web: { dependsOn: [{ on: api, needs: 0.8 }] }\n  api: { dependsOn: [net] }\n  net: { fleet: { nodes: 2 } }\n`, 't.yaml').warnings).toEqual([]);
    expect(loadText(`faultline: 1\nname: t\nservices:\n  web: { dependsOn: [{ on: api, needs: 0.8 }] }\n  api: { dependsOn: [{ on: net, type: soft }] }\n  net: { fleet: { nodes: 2 } }\n`, 't.yaml').warnings?.length).toBe(1);
  });
});

describe('anyOf load goes to the primary (its first listed alternative), whatever the states', () => {
  const g = (events: string) => graph('  s0: { demand: { base: 11 }, dependsOn: [{ anyOf: [s2, s1] }] }\n  s1: { fleet: { nodes: 1, capacity: 10 } }\n  s2: { fleet: { nodes: 1, capacity: 10 } }', events);

  test('a load that degrades the primary stays there, whatever other instants come (routing by state ping-ponged here)', () => {
    expect(lines(replay(g(ev('{ at: "+10m", milestone: a }', '{ at: "+20m", milestone: b }'))))).toEqual(['0 s2 degraded load']);
  });

  test('a surge that takes the primary down does not move to the backup; s0 is served by the backup (its state is the best alternative\'s)', () => {
    const r = replay(g(ev(at('+10m', 's0', 61), at('+30m', 's0', 11))));
    expect(lines(r)).toEqual(['0 s2 degraded load', '10 s2 down event', '30 s2 degraded event']);
    expect(r.loads!.s1).toBeUndefined();
  });
});

describe('a restart under retries: the thresholds the restarted nodes cross are solved with the retry load', () => {
  const g = (factor: number) => graph(
    `  clients: { demand: { base: 300 }, dependsOn: [{ on: net, retry: { factor: ${factor} } }] }\n  net: { fleet: { nodes: 4, capacity: 100, restart: { perHour: 60 } } }`,
    ev('{ at: "+10m", stop: { service: net } }', '{ at: "+10m", restart: { service: net } }'));

  test('factor 3: degraded at 3 nodes (K = 0.5·(900 − 300) = 300), ok at 4 (past M²/4R = 337.5)', () => {
    expect(lines(replay(g(3))).filter((l) => l.includes(' net '))).toEqual(['10 net down event', '12 net degraded restart', '13 net ok restart']);
  });

  test('factor 5: the whole fleet back is not enough — the retries keep it overloaded (a relapse after a reset)', () => {
    const r = replay(g(5));
    expect(lines(r).filter((l) => l.includes(' net '))).toEqual(['10 net down event']);
    expect(r.final.net).toBe('down');
  });
});
