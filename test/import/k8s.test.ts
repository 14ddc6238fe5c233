import { describe, expect, test } from 'vitest';
import { REAL, hard, importFlat } from './helpers.js';
import { runImport } from '../../src/import/index.js';
import { readK8s } from '../../src/import/k8s.js';
import { combine } from '../../src/import/combine.js';

const SHOP = `${REAL}/GoogleCloudPlatform+microservices-demo/release/kubernetes-manifests.yaml`;

describe('k8s: Online Boutique release manifest (one multi-document file)', () => {
  // Derived by reading the file: 12 Deployments (each selected by a same-named Service); edges are the
  // env values `*_ADDR = host:port` of each container, and init containers count too.
  const r = importFlat([{ format: 'k8s', path: SHOP }]);

  test('every Deployment is a service', () => {
    expect(r.errors).toEqual([]);
    expect(r.services).toEqual([
      'adservice', 'cartservice', 'checkoutservice', 'currencyservice', 'emailservice', 'frontend',
      'loadgenerator', 'paymentservice', 'productcatalogservice', 'recommendationservice', 'redis-cart', 'shippingservice',
    ]);
  });

  test('edges come from the *_ADDR env values', () => {
    expect(r.edges).toEqual([
      ...hard('cartservice', 'redis-cart'), // REDIS_ADDR=redis-cart:6379
      ...hard('checkoutservice', 'cartservice', 'currencyservice', 'emailservice', 'paymentservice', 'productcatalogservice', 'shippingservice'),
      ...hard('frontend', 'adservice', 'cartservice', 'checkoutservice', 'currencyservice', 'productcatalogservice', 'recommendationservice', 'shippingservice'),
      ...hard('loadgenerator', 'frontend'), // FRONTEND_ADDR, in the init container and again in the main one
      ...hard('recommendationservice', 'productcatalogservice'),
    ]);
  });

  test('a target that is never deployed is a dangling warning, not an edge', () => {
    // SHOPPING_ASSISTANT_SERVICE_ADDR = "shoppingassistantservice:80" (line 90) names no Service in the file
    expect(r.warnings).toContainEqual(expect.stringMatching(/kubernetes-manifests\.yaml:89:\d+: warning: dangling reference: frontend names "shoppingassistantservice"/));
    expect(r.text).toMatch(/# names "shoppingassistantservice" \(env SHOPPING_ASSISTANT_SERVICE_ADDR/);
  });

  test('the env var declared twice is one edge with both sources, and a duplicate warning', () => {
    expect(r.warnings).toContainEqual(expect.stringMatching(/:509:\d+: warning: duplicate: env FRONTEND_ADDR states loadgenerator → frontend again \(first at line 496\)/));
    const dep = (r.doc.services.loadgenerator!.dependsOn as Record<string, unknown>[])[0]!;
    expect(dep['x-source']).toEqual([`${SHOP}:496`, `${SHOP}:509`]);
  });

  test('guesses are marked: LoadBalancer entrypoint, redis datastore', () => {
    expect(r.doc.services.frontend!.entrypoint).toBe(true);
    expect(r.doc.services['redis-cart']!.role).toBe('datastore');
    expect(r.text).toMatch(/# guessed: entrypoint, exposed by LoadBalancer Service frontend-external\n {2}# names|# guessed: entrypoint, exposed by LoadBalancer Service frontend-external\n {2}frontend:/);
    expect(r.text).toContain('# guessed: role datastore from image redis:alpine\n  redis-cart:');
    expect(r.doc.services.frontend!['x-source']).toBe(`${SHOP}:22`);
  });

  test('the per-service manifests directory gives the same graph', () => {
    const dir = importFlat([{ format: 'k8s', path: `${REAL}/GoogleCloudPlatform+microservices-demo/kubernetes-manifests` }]);
    expect(dir.services).toEqual(r.services);
    expect(dir.edges).toEqual(r.edges);
  });
});

describe('k8s: other real manifests', () => {
  test('Sock Shop: a cluster DNS name of an undeployed Service is dangling; `mongo=user-db:27017` is an edge', () => {
    const r = importFlat([{ format: 'k8s', path: `${REAL}/microservices-demo+microservices-demo/deploy/kubernetes/complete-demo.yaml` }]);
    expect(r.edges).toEqual(hard('user', 'user-db'));
    expect(r.warnings).toContainEqual(expect.stringMatching(/dangling reference: shipping names "zipkin" \(env ZIPKIN\)/));
    expect(r.services).toHaveLength(14);
  });

  test('Bookinfo directory: a mongodb:// URL is an edge to the workload behind the Service', () => {
    const r = importFlat([{ format: 'k8s', path: `${REAL}/istio+istio/samples/bookinfo/platform/kube` }]);
    expect(r.services).toEqual(['details-v1', 'mongodb-v1', 'productpage-v1', 'ratings-v1', 'ratings-v2', 'reviews-v1', 'reviews-v2', 'reviews-v3']);
    expect(r.edges).toEqual(hard('ratings-v2', 'mongodb-v1'));
  });
});

describe('k8s: semantics on small inline manifests', () => {
  const manifest = (extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: main
          env:
            - { name: API_URL, value: "http://api.shop.svc.cluster.local:8080/v1" }
            - { name: DB, value: "db:5432" }
            - { name: EXTERNAL, value: "https://example.com" }
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec: { selector: { app: api } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api-blue, namespace: shop }
spec: { template: { metadata: { labels: { app: api, colour: blue } }, spec: { containers: [ { name: c } ] } } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: api-green, namespace: shop }
spec: { template: { metadata: { labels: { app: api } }, spec: { containers: [ { name: c } ] } } }
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: shop }
spec: { type: ExternalName, externalName: db.example.com }
${extra}`;

  test('a Service selecting several workloads is an anyOf; a selector-less Service stands for itself', () => {
    const reading = readK8s([{ file: 'm.yaml', text: manifest() }]);
    const g = combine([reading]);
    expect(g.services.map((s) => s.id)).toEqual(['api-blue', 'api-green', 'db', 'web']);
    expect(g.edges.map((e) => `${e.from} -> ${e.targets.join('|')}`)).toEqual(['web -> api-blue|api-green', 'web -> db']);
    expect(g.services.find((s) => s.id === 'db')!.notes[0]).toMatch(/selects no workload/);
  });

  test('a name collision across namespaces gets a qualified id and a warning', () => {
    const r = runImport([{ format: 'k8s', path: '-' }]);
    expect(r.text).toBeUndefined(); // "-" is not a file
    const reading = readK8s([{ file: 'm.yaml', text: manifest(`---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: other }
spec: { template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: c } ] } } }`) }]);
    const g = combine([reading]);
    expect(g.services.map((s) => s.id)).toEqual(['api-blue', 'api-green', 'db', 'web', 'web.shop']);
    expect(g.diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(/id collision: "web" \(Deployment shop\/web\) and Deployment other\/web both become "web"; this one is "web.shop"/));
  });
});
