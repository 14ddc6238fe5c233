/**
 * Report benchmarks: gathering inputs (audit + replay + what-ifs) and rendering each format for
 * the Kinesis graph and synthetic graphs, and the HTML layout choice — our layered layout against
 * cytoscape's `breadthfirst` (directed) on the same graphs: time, edges not pointing down, crossings.
 */
import cytoscape from 'cytoscape';
import { fileURLToPath } from 'node:url';
import { loadFile } from '../model/load.js';
import type { Model } from '../model/types.js';
import { FORMAT_NAMES, FORMATS, buildReportData } from '../report/index.js';
import { gatherInputs } from '../report/inputs.js';
import { layeredLayout, layoutQuality, type LayoutEdge, type Position } from '../report/layout.js';
import type { Bench } from './harness.js';
import { syntheticModel } from './synthetic.js';

function renderAll(b: Bench, label: string, model: Model): void {
  const inputs = b.time(`report inputs ${label} (audit, replay, what-ifs)`, () => gatherInputs(model, label), { runs: 3 });
  const data = b.time(`report data ${label}`, () => buildReportData(inputs), { runs: 5 });
  for (const f of FORMAT_NAMES) {
    const out = b.time(`render ${f} ${label}`, () => FORMATS[f].render(data), { runs: 5 });
    b.note(`${f}: ${Math.round(out.length / 1024)} KiB`);
  }
}

function compareLayouts(b: Bench, services: number): void {
  const m = syntheticModel({ services, seed: 1 });
  const ids = m.services.map((s) => s.id);
  const edges: LayoutEdge[] = m.services.flatMap((s) => s.dependsOn.flatMap((d) => d.targets.map((to) => ({ from: s.id, to }))));
  const ours = b.time(`layout layered ${services} services`, () => layeredLayout(ids, edges), { runs: 5 });
  const q1 = layoutQuality(ours, edges);
  const bf = b.time(`layout cytoscape breadthfirst ${services} services`, () => {
    const cy = cytoscape({ headless: true, elements: [...ids.map((id) => ({ data: { id } })), ...edges.map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to } }))] });
    cy.layout({ name: 'breadthfirst', directed: true, boundingBox: { x1: 0, y1: 0, w: q1.width, h: q1.height } }).run();
    return new Map<string, Position>(cy.nodes().map((n) => [n.id(), n.position()] as const));
  }, { runs: 3 });
  const q2 = layoutQuality(bf, edges);
  b.note(`${edges.length} edges — layered: ${q1.upward} not pointing down, ${q1.crossings} crossings, ${Math.round(q1.width)}×${Math.round(q1.height)}`);
  b.note(`${edges.length} edges — breadthfirst: ${q2.upward} not pointing down, ${q2.crossings} crossings (same box)`);
}

export function bench(b: Bench): void {
  const kinesis = loadFile(fileURLToPath(new URL('../../graphs/aws-kinesis-2020.yaml', import.meta.url))).value;
  if (kinesis) renderAll(b, 'aws-kinesis-2020', kinesis);
  for (const services of b.quick ? [200] : [200, 1_000]) renderAll(b, `synthetic ${services}`, syntheticModel({ services, events: services / 10 }));
  for (const services of b.quick ? [200] : [200, 1_000]) compareLayouts(b, services);
}
