/**
 * Import throughput: synthetic Kubernetes manifests (a Deployment + Service per workload, three
 * `*_ADDR` env references each) and Jaeger dependency files (three links per service), read,
 * combined and written as a graph. Seeded, so every run imports the same text.
 */
import { combine } from '../import/combine.js';
import { documentText, graphDocument } from '../import/emit.js';
import { readJaeger } from '../import/jaeger.js';
import { readK8s } from '../import/k8s.js';
import type { Reading } from '../import/types.js';
import type { Bench } from './harness.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function k8sText(n: number): string {
  const r = rng(7);
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    const env = [0, 1, 2].map((k) => `            - { name: DEP${k}_ADDR, value: "svc${Math.floor(r() * n)}:80" }`).join('\n');
    docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: svc${i} }\nspec:\n  template:\n    metadata: { labels: { app: svc${i} } }\n    spec:\n      containers:\n        - name: main\n          image: example/svc${i}:1\n          env:\n${env}`);
    docs.push(`apiVersion: v1\nkind: Service\nmetadata: { name: svc${i} }\nspec: { selector: { app: svc${i} } }`);
  }
  return docs.join('\n---\n');
}

function jaegerText(n: number): string {
  const r = rng(11);
  const links: string[] = [];
  for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) links.push(`{"parent":"svc${i}","child":"svc${Math.floor(r() * n)}","callCount":"${1 + Math.floor(r() * 1000)}"}`);
  return `{"data":[\n${links.join(',\n')}\n]}`;
}

function write(reading: Reading): string {
  return documentText(graphDocument(combine([reading]), { name: 'bench', title: 'bench', sources: [], header: [] }));
}

export function bench(b: Bench): void {
  for (const n of b.quick ? [1000] : [1000, 10_000]) {
    const k8s = k8sText(n);
    b.note(`k8s: ${n} workloads, ${(k8s.length / 1e6).toFixed(1)} MB of manifests`);
    const out = b.time(`import k8s ${n} workloads (read+combine+write)`, () => write(readK8s([{ file: 'bench.yaml', text: k8s }])), { runs: 3 });
    b.note(`→ ${(out.length / 1e6).toFixed(1)} MB of graph YAML`);
    const jaeger = jaegerText(n);
    b.time(`import jaeger ${n} services, ${3 * n} links`, () => write(readJaeger([{ file: 'bench.json', text: jaeger }])), { runs: 3 });
  }
}
