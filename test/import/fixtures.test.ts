/**
 * The importers on small inputs written for this repository (test/fixtures/import/), reproducing the
 * patterns of the real third-party inputs that `npm run test:corpus` reads: compose base + override
 * files, a release manifest and its per-service directory, a catalog behind a Location, an
 * Elasticsearch bulk body of Jaeger links, a multi-cluster Kiali graph. They run on a bare clone.
 */
import { diagnosticsOf } from '../../src/model/diagnostic.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { audit } from '../../src/analysis/index.js';
import { runImport, type ImportInput } from '../../src/import/index.js';
import { loadText } from '../../src/model/load.js';
import { hard, importFlat } from './helpers.js';

const FX = 'test/fixtures/import';

describe('compose: base + override read together', () => {
  const r = importFlat([
    { format: 'compose', path: `${FX}/compose/docker-compose.yml` },
    { format: 'compose', path: `${FX}/compose/docker-compose.override.yml` },
  ]);

  test('services of both files are one set; stores are guessed datastores', () => {
    expect(r.errors ?? []).toEqual([]);
    expect(r.services).toEqual(['api', 'auth', 'cache', 'db', 'queue', 'search', 'web', 'worker']);
    expect(r.doc.services.db!.role).toBe('datastore');
    expect(r.doc.services.cache!.role).toBe('datastore');
    expect(r.doc.services.web!.role).toBeUndefined();
  });

  test('map-form and list-form depends_on; required: false is soft', () => {
    expect(r.edges.filter((e) => e.startsWith('web '))).toEqual(['web -> api (hard)', 'web -> search (soft)']);
    expect(r.edges.filter((e) => e.startsWith('search '))).toEqual(hard('search', 'cache'));
    const web = r.doc.services.web!.dependsOn as Record<string, unknown>[];
    expect(web.map((d) => d['x-source'])).toEqual([`${FX}/compose/docker-compose.yml:7`, `${FX}/compose/docker-compose.yml:9`]);
  });

  test('env addresses: connection strings, ${VAR:-default}, URLs; merged with depends_on', () => {
    expect(r.edges.filter((e) => e.startsWith('api '))).toEqual(hard('api', 'auth', 'db', 'queue'));
    const api = r.doc.services.api!.dependsOn as Record<string, unknown>[];
    expect(api.find((d) => d.on === 'db')!['x-source']).toEqual([`${FX}/compose/docker-compose.override.yml:6`, `${FX}/compose/docker-compose.yml:15`]);
    expect(api.find((d) => d.on === 'queue')!['x-source']).toEqual([`${FX}/compose/docker-compose.override.yml:7`, `${FX}/compose/docker-compose.yml:16`]);
  });

  test('a health-check-only URL is soft with a comment; a real use stays hard', () => {
    expect(r.edges.filter((e) => e.startsWith('worker '))).toEqual(['worker -> api (hard)', 'worker -> auth (soft)', 'worker -> queue (hard)']);
    expect(r.text).toContain('# guessed: env AuthUrlHC is a URL; a health-check address only → soft');
  });

  test('a service addressing itself is a self-loop warning; 0.0.0.0 and unset ${VAR} hosts are not references', () => {
    expect(r.warnings).toContainEqual(expect.stringMatching(/docker-compose\.override\.yml:9:\d+: warning: self-loop: api calls itself \(env SelfUrl\)/));
    expect(r.warnings.filter((w) => /dangling/.test(w))).toEqual([]);
    expect(r.warnings).toHaveLength(1);
  });
});

describe('k8s: one release manifest, and the same manifests one file per document', () => {
  const r = importFlat([{ format: 'k8s', path: `${FX}/k8s/shop.yaml` }]);
  const dir = mkdtempSync(join(tmpdir(), 'faultline-k8s-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every workload is a service; edges from *_ADDR values and a mongodb:// URL', () => {
    expect(r.errors ?? []).toEqual([]);
    expect(r.services).toEqual(['cart', 'catalog', 'frontend', 'loadgenerator', 'redis-cart', 'reviews-db']);
    expect(r.edges).toEqual([
      ...hard('cart', 'redis-cart', 'reviews-db'),
      ...hard('frontend', 'cart', 'catalog'),
      ...hard('loadgenerator', 'frontend'),
    ]);
  });

  test('an undeployed target (a bare name, a cluster DNS name) is a dangling warning and a comment', () => {
    expect(r.warnings).toContainEqual(expect.stringMatching(/shop\.yaml:22:\d+: warning: dangling reference: frontend names "assistant" \(env ASSISTANT_ADDR\)/));
    expect(r.warnings).toContainEqual(expect.stringMatching(/dangling reference: catalog names "collector" \(env TRACING\)/));
    expect(r.text).toMatch(/# names "assistant" \(env ASSISTANT_ADDR/);
  });

  test('the same address in the init container and the main one: one edge, both sources, one duplicate warning', () => {
    expect(r.warnings.filter((w) => /duplicate/.test(w))).toEqual([
      expect.stringMatching(/shop\.yaml:163:\d+: warning: duplicate: env FRONTEND_ADDR states loadgenerator → frontend again \(first at line 157\)/),
    ]);
    const dep = (r.doc.services.loadgenerator!.dependsOn as Record<string, unknown>[])[0]!;
    expect(dep['x-source']).toEqual([`${FX}/k8s/shop.yaml:157`, `${FX}/k8s/shop.yaml:163`]);
  });

  test('guesses are marked: LoadBalancer entrypoint, store images', () => {
    expect(r.doc.services.frontend!.entrypoint).toBe(true);
    expect(r.text).toContain('# guessed: entrypoint, exposed by LoadBalancer Service frontend-external');
    expect(r.text).toContain('# guessed: role datastore from image redis:alpine\n  redis-cart:');
    expect(r.doc.services['reviews-db']!.role).toBe('datastore');
  });

  test('a directory of one-document files gives the same graph', () => {
    const docs = readFileSync(`${FX}/k8s/shop.yaml`, 'utf8').split(/^---$/m);
    docs.forEach((d, i) => writeFileSync(join(dir, `${String(i).padStart(2, '0')}.yaml`), d));
    const split = importFlat([{ format: 'k8s', path: dir }]);
    expect(split.services).toEqual(r.services);
    expect(split.edges).toEqual(r.edges);
  });
});

describe('backstage: a catalog reached through a Location', () => {
  const r = importFlat([{ format: 'backstage', path: `${FX}/backstage/all.yaml` }]);

  test('the Location targets are followed; an API nobody provides stands in for its provider', () => {
    expect(r.errors ?? []).toEqual([]);
    expect(r.services).toEqual(['ledger', 'orders', 'orders-db', 'orders-ingest', 'payments-api', 'storefront']);
    expect(r.text).toContain('# guessed: no component in the inputs provides this API; it stands in for its provider\n  payments-api:');
  });

  test('consumer → provider of the API; dependsOn a resource; subcomponents are soft, commented guesses', () => {
    expect(r.edges).toEqual([
      'ledger -> payments-api (hard)',
      'orders -> orders-db (hard)',
      'orders -> orders-ingest (soft)',
      'storefront -> orders (hard)',
    ]);
    expect(r.text).toContain('# guessed: subcomponentOf — the parent is degraded, not down, when a part fails');
  });

  test('both sides of a relation (consumesApis and apiConsumedBy) are one edge with two sources', () => {
    const dep = (r.doc.services.storefront!.dependsOn as Record<string, unknown>[])[0]!;
    expect(dep['x-source']).toEqual([`${FX}/backstage/components/orders.yaml:40`, `${FX}/backstage/components/storefront.yaml:11`]);
    expect(r.warnings).toEqual([]);
  });

  test('owner → team, resource role, system, lifecycle and tags as x- fields', () => {
    expect(r.doc.services.storefront).toMatchObject({ team: 'web-team', entrypoint: true, 'x-lifecycle': 'production', 'x-tags': ['typescript'], 'x-system': 'shop' });
    expect(r.doc.services['orders-db']).toMatchObject({ role: 'datastore', team: 'checkout', 'x-system': 'shop', 'x-kind': 'Resource' });
  });
});

describe('jaeger: an Elasticsearch bulk body', () => {
  test('links inside the second NDJSON document; numeric and string call counts; names lower-cased', () => {
    const r = importFlat([{ format: 'jaeger', path: `${FX}/jaeger/write_dependencies.json` }]);
    expect(r.errors ?? []).toEqual([]);
    expect(r.services).toEqual(['checkout', 'inventory', 'payments']);
    expect(r.edges).toEqual(hard('checkout', 'inventory', 'payments'));
    expect(r.doc.services.checkout!['x-name']).toBe('Checkout');
    const deps = r.doc.services.checkout!.dependsOn as Record<string, unknown>[];
    expect(deps.map((d) => d['x-calls'])).toEqual([3, 7]);
    expect(deps[0]!['x-source']).toBe(`${FX}/jaeger/write_dependencies.json:2`);
  });
});

describe('kiali: a service graph over two clusters', () => {
  const r = importFlat([{ format: 'kiali', path: `${FX}/kiali/service_graph.json` }]);

  test('services and edges; two protocols between the same services are one edge', () => {
    expect(r.errors ?? []).toEqual([]);
    expect(r.services).toEqual(['gateway', 'orders', 'payments', 'payments.west', 'reports']);
    expect(r.edges).toEqual([
      ...hard('gateway', 'orders'),
      ...hard('orders', 'payments', 'payments.west'),
      ...hard('reports', 'orders'),
    ]);
    const gw = (r.doc.services.gateway!.dependsOn as Record<string, unknown>[])[0]!;
    expect(gw['x-source']).toHaveLength(2);
  });

  test('unknown nodes, the self-loop and the same name in two clusters are warnings; boxes are skipped', () => {
    const w = r.warnings.join('\n');
    expect(w).toMatch(/:7:17: warning: Kiali "unknown" node \(traffic from outside the mesh\)/);
    expect(w).toMatch(/:12:17: warning: Kiali "unknown" destination is not a service/);
    expect(w).toMatch(/:23:17: warning: edge orders → unknown destination/);
    expect(w).toMatch(/:20:17: warning: self-loop: orders calls itself/);
    expect(w).toMatch(/id collision: "payments"/);
    expect(w).not.toMatch(/duplicate/);
    expect(r.warnings).toHaveLength(5);
  });

  test('entrypoints: called from "unknown", or a traffic root', () => {
    expect(r.services.filter((s) => r.doc.services[s]!.entrypoint === true)).toEqual(['gateway', 'reports']);
    expect(r.doc.services['payments.west']).toMatchObject({ 'x-name': 'payments', 'x-cluster': 'west', 'x-namespace': 'shop' });
  });
});

describe('every fixture imports into a valid graph that audits, the same bytes twice', () => {
  const cases: Record<string, ImportInput[]> = {
    compose: [{ format: 'compose', path: `${FX}/compose` }],
    k8s: [{ format: 'k8s', path: `${FX}/k8s` }],
    backstage: [{ format: 'backstage', path: `${FX}/backstage` }],
    'compose + jaeger + kiali combined': [
      { format: 'compose', path: `${FX}/compose/docker-compose.yml` },
      { format: 'jaeger', path: `${FX}/jaeger` },
      { format: 'kiali', path: `${FX}/kiali/service_graph.json` },
    ],
  };
  for (const [name, inputs] of Object.entries(cases)) {
    test(name, () => {
      const r = runImport(inputs);
      expect(diagnosticsOf(r).filter((d) => d.severity === 'error')).toEqual([]);
      const loaded = loadText(r.value!.text, 'imported.yaml');
      expect(loaded.errors ?? []).toEqual([]);
      const result = audit(loaded.value!);
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(result.blastRadius).toHaveLength(loaded.value!.services.length);
      expect(runImport(inputs).value?.text).toBe(r.value?.text);
    });
  }
});
