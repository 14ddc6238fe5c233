import { describe, expect, test } from 'vitest';
import { hard, importFlat } from '../import/helpers.js';
import { REAL } from './real.js';

const DATA = `${REAL}/kiali+kiali/graph/api/testdata`;

describe('kiali: service graph', () => {
  // Derived by reading test_service_graph.expected: 10 nodes, one the "unknown" source and one the
  // "unknown" destination service; 13 edges, two of them self-loops (productpage, reviews), two from
  // "unknown" (marking tcp and productpage as entrypoints) and one to "unknown".
  const r = importFlat([{ format: 'kiali', path: `${DATA}/test_service_graph.expected` }]);

  test('services and edges', () => {
    expect(r.errors ?? []).toEqual([]);
    expect(r.services).toEqual(['deposit', 'details', 'ingressgateway-unknown', 'pricing', 'productpage', 'ratings', 'reviews', 'tcp']);
    expect(r.edges).toEqual([
      ...hard('ingressgateway-unknown', 'productpage', 'tcp'),
      ...hard('productpage', 'details', 'reviews', 'tcp'),
      ...hard('reviews', 'deposit', 'pricing', 'ratings'),
    ]);
  });

  test('unknown nodes and self-loops are warnings', () => {
    const w = r.warnings.join('\n');
    expect(w).toMatch(/:261:17: warning: Kiali "unknown" node \(traffic from outside the mesh\)/);
    expect(w).toMatch(/:241:17: warning: Kiali "unknown" destination is not a service/);
    expect(w).toMatch(/:444:17: warning: edge reviews → unknown destination/);
    expect(w).toMatch(/:420:17: warning: self-loop: reviews calls itself/);
    expect(w).toMatch(/:616:17: warning: self-loop: productpage calls itself/);
    expect(r.warnings).toHaveLength(5);
  });

  test('entrypoints: called from "unknown", or a traffic root', () => {
    const entry = r.services.filter((s) => r.doc.services[s]!.entrypoint === true);
    expect(entry).toEqual(['ingressgateway-unknown', 'productpage', 'tcp']);
    expect(r.doc.services.reviews!['x-namespace']).toBe('bookinfo');
    expect(r.doc.services.reviews!['x-cluster']).toBeUndefined(); // one cluster only
  });
});

describe('kiali: other graph types', () => {
  test('workload graph: nodes are workloads (reviews-v1…v3), self-loops dropped', () => {
    const r = importFlat([{ format: 'kiali', path: `${DATA}/test_workload_graph.expected` }]);
    expect(r.services).toEqual(['deposit-v1', 'details-v1', 'ingressgateway-unknown', 'kiali-2412', 'pricing-v1', 'productpage-v1', 'ratings-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'tcp-v1']);
    expect(r.edges).toEqual([
      ...hard('ingressgateway-unknown', 'productpage-v1', 'tcp-v1'),
      ...hard('productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'tcp-v1'),
      ...hard('reviews-v2', 'ratings-v1'),
      ...hard('reviews-v3', 'deposit-v1', 'pricing-v1', 'ratings-v1'),
    ]);
  });

  test('versioned app graph with a box and two clusters: same name in two clusters is a collision', () => {
    const r = importFlat([{ format: 'kiali', path: `${DATA}/test_complex_graph.expected` }]);
    expect(r.errors ?? []).toEqual([]);
    expect(r.services).toContain('istio-egressgateway');
    expect(r.services).toContain('istio-egressgateway.cluster-tutorial');
    expect(r.warnings.join('\n')).toMatch(/id collision: "istio-egressgateway"/);
    // customer-v1 calls the egress gateway over grpc and http: one edge, two sources, no duplicate warning
    const customer = r.doc.services['customer-v1']!.dependsOn as Record<string, unknown>[];
    const gw = customer.find((d) => d.on === 'istio-egressgateway.cluster-tutorial')!;
    expect(gw['x-source']).toHaveLength(2);
    expect(r.warnings.join('\n')).not.toMatch(/duplicate/);
  });
});
