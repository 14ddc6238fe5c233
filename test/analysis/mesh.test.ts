/** Mesh hazards: request path on a full mesh, unchecked state spread, rebuild time ∝ fleet size. */
import { describe, expect, test } from 'vitest';
import { audit } from '../../src/analysis/index.js';
import { parseRules } from '../../src/analysis/rules-load.js';
import { auditText } from '../../src/analysis/format-text.js';
import { loadFile } from '../../src/model/load.js';
import { modelOf } from './helpers.js';

const rules = (a: ReturnType<typeof audit>, rule: string) => a.findings.filter((f) => f.rule === rule);

describe('request-path-mesh', () => {
  const m = modelOf({
    web: { entrypoint: true, dependsOn: ['api'] },
    api: { dependsOn: ['gossip'] },
    batch: { entrypoint: true, dependsOn: [{ on: 'gossip', type: 'soft' }] },
    alt: { entrypoint: true, dependsOn: [{ anyOf: ['gossip', 'other'], type: 'hard' }] },
    other: {},
    gossip: { fleet: { nodes: 50, mesh: { peers: 'all' } } },
    celled: { entrypoint: true, fleet: { nodes: 50, cells: 10, mesh: { peers: 'all' } } },
    kpeers: { entrypoint: true, fleet: { nodes: 50, mesh: { peers: 5 } } },
  });
  const a = audit(m);

  test('entrypoints that wait on a full mesh over single hard edges, with the path from the nearest', () => {
    expect(a.mesh!.requestPath).toEqual([
      expect.objectContaining({ service: 'gossip', entrypoints: ['web'], path: ['web', 'api', 'gossip'] }),
    ]);
    const f = rules(a, 'request-path-mesh');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warn', services: ['gossip', 'web'], path: ['web', 'api', 'gossip'] });
    expect(f[0]!.message).toContain('"gossip" is a full mesh of 50 nodes without cells');
  });

  test('cells, k peers, soft edges and anyOf alternatives do not count', () => {
    expect(a.mesh!.requestPath.map((h) => h.service)).toEqual(['gossip']);
  });

  test('a meshed entrypoint handles requests on its own mesh', () => {
    const self = audit(modelOf({ fe: { entrypoint: true, fleet: { nodes: 9, mesh: { peers: 'all' } } }, user: { entrypoint: true, dependsOn: ['fe'] } }));
    expect(rules(self, 'request-path-mesh')[0]!.message).toMatch(/^requests to "fe" are handled on a full mesh of 9 nodes without cells, 1 entrypoint\(s\) wait on it over hard edges \(user → fe\): user/);
  });
});

describe('unchecked-state-spread', () => {
  test('spreading mesh without checksums: error with the logistic time to fall below serving', () => {
    const m = modelOf({ g: { fleet: { nodes: 100, serving: 0.5, mesh: { spreadPerMinute: 0.5 } } } });
    const f = rules(audit(m), 'unchecked-state-spread');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    // 51 of 100 nodes from 1: ln(51 · 99 / 49) / 0.5 = 9.27 min.
    expect(audit(m).mesh!.unchecked[0]!.minutesToDown).toBe(9.3);
    expect(f[0]!.message).toContain('below serving 50% in 9.3 min');
  });

  test('checksums, or no spread rate, mean no finding', () => {
    const m = modelOf({
      a: { fleet: { nodes: 100, mesh: { spreadPerMinute: 0.5, checksums: true } } },
      b: { fleet: { nodes: 100, mesh: { peers: 'all' } } },
    });
    expect(rules(audit(m), 'unchecked-state-spread')).toEqual([]);
  });
});

describe('restart-scales-with-fleet', () => {
  const m = modelOf({
    mesh: { fleet: { nodes: 300, mesh: { peers: 'all' }, restart: { perHour: 100 } } },
    user: { fleet: { nodes: 200, restart: { perHour: 100 } }, dependsOn: ['mesh'] },
    small: { fleet: { nodes: 50, restart: { perHour: 100 } }, dependsOn: ['mesh'] },
    alone: { fleet: { nodes: 300, restart: { perHour: 100 } } },
    huge: { fleet: { nodes: 1000, mesh: { peers: 'all' }, restart: { perHour: 100 } } },
  });
  const a = audit(m);

  test('fleets a full mesh can take down whole, restored slower than minHours; long ones are left to restart-time', () => {
    expect(rules(a, 'restart-scales-with-fleet').map((f) => f.services)).toEqual([['mesh'], ['user', 'mesh']]);
    expect(rules(a, 'restart-time').map((f) => f.services)).toEqual([['huge']]);
    expect(a.mesh!.rebuild.map((h) => `${h.service} ${h.hours}${h.via ? ` via ${h.via}` : ''}`)).toEqual([
      'mesh 2.99', 'user 1.99 via mesh', 'small 0.49 via mesh', 'huge 9.99', // (N − 1)/perHour
    ]);
  });

  test('minHours is configurable; with restart-time off the long ones are reported here', () => {
    const r = parseRules('faultline-rules: 1\nrules:\n  restart-scales-with-fleet: { minHours: 0.25 }\n  restart-time: off', 'r.yaml');
    expect(r.errors ?? []).toEqual([]);
    expect(rules(audit(m, r.value), 'restart-scales-with-fleet').map((f) => f.services[0]).sort()).toEqual(['huge', 'mesh', 'small', 'user']);
  });
});

describe('the S3 2008 graph surfaces the hazards of its post-mortem', () => {
  const a = audit(loadFile('graphs/aws-s3-2008.yaml').value!);

  test('request handling waits on the all-to-all gossip protocol', () => {
    expect(rules(a, 'request-path-mesh').map((f) => f.services)).toEqual([['s3-gossip', 's3-customers-eu', 's3-customers-us']]);
  });

  test('state messages without checksums', () => {
    const f = rules(a, 'unchecked-state-spread');
    expect(f.map((x) => [x.severity, x.services])).toEqual([['error', ['s3-gossip']]]);
  });

  test('the text output has a mesh-hazard table', () => {
    const text = auditText(a, { top: 20, color: false });
    expect(text).toContain('Mesh hazards (one fault can reach every node)');
    expect(text).toMatch(/s3-gossip +2640 +2 +0\.42\/min, no checksums +18\.8 min/);
  });

  test('recovery time grows with fleet size: the US fleet and the gossip fleet, not the smaller EU', () => {
    expect(rules(a, 'restart-scales-with-fleet').map((f) => f.services[0]).sort()).toEqual(['s3-gossip', 's3-requests-us']);
    expect(a.mesh!.rebuild.find((h) => h.service === 's3-requests-eu')).toMatchObject({ hours: 0.84, via: 's3-gossip' });
  });
});
