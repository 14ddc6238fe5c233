/**
 * Round trip: every real input imports into text that validates as a graph (loadText: schema and
 * semantic checks) and audits with no error-level finding; importing twice gives the same bytes.
 */
import { diagnosticsOf } from '../../src/model/diagnostic.js';
import { describe, expect, test } from 'vitest';
import { audit } from '../../src/analysis/index.js';
import { runImport, type ImportInput } from '../../src/import/index.js';
import { loadText } from '../../src/model/load.js';
import { REAL } from './real.js';

const CASES: Record<string, ImportInput[]> = {
  'k8s online boutique': [{ format: 'k8s', path: `${REAL}/GoogleCloudPlatform+microservices-demo/release/kubernetes-manifests.yaml` }],
  'k8s train-ticket': [{ format: 'k8s', path: `${REAL}/FudanSELab+train-ticket/deployment/kubernetes-manifests/quickstart-k8s` }],
  'compose socialNetwork': [{ format: 'compose', path: `${REAL}/delimitrou+DeathStarBench/socialNetwork` }],
  'compose eShop': [{ format: 'compose', path: `${REAL}/dotnet-architecture+eShopOnContainers/src` }],
  'backstage all': [{ format: 'backstage', path: `${REAL}/backstage+backstage` }, { format: 'backstage', path: `${REAL}/backstage+demo` }],
  'jaeger': [{ format: 'jaeger', path: `${REAL}/jaegertracing+jaeger` }],
  'kiali versioned app': [{ format: 'kiali', path: `${REAL}/kiali+kiali/graph/api/testdata/test_versioned_app_graph.expected` }],
  'compose + kiali + jaeger combined': [
    { format: 'compose', path: `${REAL}/microservices-demo+microservices-demo/deploy/docker-compose/docker-compose.yml` },
    { format: 'kiali', path: `${REAL}/kiali+kiali/graph/api/testdata/test_app_graph.expected` },
    { format: 'jaeger', path: `${REAL}/jaegertracing+jaeger` },
  ],
};

describe('import → validate → audit', () => {
  for (const [name, inputs] of Object.entries(CASES)) {
    test(name, () => {
      const r = runImport(inputs);
      expect(diagnosticsOf(r).filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.value?.text).toBeDefined();
      const loaded = loadText(r.value!.text, 'imported.yaml');
      expect(loaded.errors ?? []).toEqual([]);
      expect(loaded.value!.services.length).toBeGreaterThan(1);
      const result = audit(loaded.value!);
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(result.blastRadius).toHaveLength(loaded.value!.services.length);
      expect(runImport(inputs).value?.text).toBe(r.value?.text);
    });
  }

  test('the shop graph ranks its blast radius: the product catalog hits the most services', () => {
    const r = runImport(CASES['k8s online boutique']!);
    const result = audit(loadText(r.value!.text, 'shop.yaml').value!);
    expect(result.blastRadius[0]!.service).toBe('productcatalogservice');
  });
});
