import { describe, expect, test } from 'vitest';
import { hard, importFlat } from '../import/helpers.js';
import { REAL } from './real.js';

const SHOP = `${REAL}/GoogleCloudPlatform+microservices-demo/release/kubernetes-manifests.yaml`;

describe('k8s: Online Boutique release manifest (one multi-document file)', () => {
  // Derived by reading the file: 12 Deployments (each selected by a same-named Service); edges are the
  // env values `*_ADDR = host:port` of each container, and init containers count too.
  const r = importFlat([{ format: 'k8s', path: SHOP }]);

  test('every Deployment is a service', () => {
    expect(r.errors ?? []).toEqual([]);
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
