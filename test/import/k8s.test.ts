import { describe, expect, test } from 'vitest';
import { runImport } from '../../src/import/index.js';
import { readK8s } from '../../src/import/k8s.js';
import { combine } from '../../src/import/combine.js';

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
    expect(r.value?.text).toBeUndefined(); // "-" is not a file
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
