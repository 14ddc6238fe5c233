/**
 * Kiali graph JSON (`/api/namespaces/graph`, any graphType) → services and edges (source calls
 * target). A node is named by what the graph is of: service, workload, app, or app version.
 * Box nodes (grouping) are skipped. "unknown" nodes — traffic from outside the mesh, or to a
 * destination Kiali could not resolve — are not services: an edge from one marks its target as an
 * entrypoint, an edge to one is dropped with a warning. Nodes Kiali flags `isRoot` are entrypoints.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { asList, asMap, asText, type Lines, type Plain } from './located.js';
import { parseJsonish } from './json.js';
import type { ImportedEdge, ImportedService, InputText, Reading } from './types.js';
import { pushAll } from '../model/arrays.js';

interface KNode { readonly key: string; readonly name: string; readonly data: Plain; readonly unknown: boolean; readonly lines: Lines }

export function readKiali(inputs: readonly InputText[]): Reading {
  const diagnostics: Diagnostic[] = [];
  const services = new Map<string, ImportedService>();
  const edges: ImportedEdge[] = [];
  for (const input of inputs) {
    const parsed = parseJsonish(input.text, input.file);
    pushAll(diagnostics, parsed.diagnostics);
    for (const { value, lines } of parsed.values) {
      const doc = asMap(value) ?? {};
      const elements = asMap(doc.elements) ?? doc;
      const nodeData = asList(elements.nodes).map((n) => asMap(asMap(n)?.data)).filter((d): d is Plain => d !== undefined);
      if (nodeData.length === 0 && !parsed.diagnostics.some((d) => d.severity === 'error')) {
        diagnostics.push({ ...lines.of(doc), severity: 'warning', message: 'no Kiali graph nodes (elements.nodes) in this document' });
        continue;
      }
      const clusters = new Set(nodeData.map((d) => asText(d.cluster)).filter((c) => c !== undefined && c !== 'unknown'));
      const nodes = kialiNodes(nodeData, asText(doc.graphType) ?? 'workload', lines, diagnostics);
      const entry = new Map<string, string>();
      for (const n of nodes.values()) if (n.data.isRoot === true && !n.unknown) entry.set(n.key, 'guessed: entrypoint, a traffic root in Kiali (nothing in the graph calls it)');
      for (const e of asList(elements.edges)) {
        const edge = kialiEdge(asMap(asMap(e)?.data), nodes, lines, entry, diagnostics);
        if (edge) edges.push(edge);
      }
      for (const n of nodes.values()) {
        if (!n.unknown && !services.has(n.key)) services.set(n.key, kialiService(n, entry.get(n.key), clusters.size > 1));
      }
    }
  }
  return { format: 'kiali', services: [...services.values()], edges, diagnostics };
}

/** The graph's nodes by Kiali id (boxes skipped); "unknown" nodes are kept, marked, and warned about. */
function kialiNodes(nodeData: readonly Plain[], graphType: string, lines: Lines, diagnostics: Diagnostic[]): Map<string, KNode> {
  const nodes = new Map<string, KNode>();
  for (const d of nodeData) {
    if (d.isBox !== undefined) continue;
    const type = asText(d.nodeType) ?? 'workload';
    const name = nodeName(d, type, graphType) ?? asText(d.id) ?? 'unknown';
    const ns = asText(d.namespace) ?? '';
    const cluster = asText(d.cluster) ?? '';
    const unknown = type === 'unknown' || name === 'unknown';
    nodes.set(asText(d.id) ?? '', { key: `${cluster}/${ns}/${type}/${name}`, name, data: d, unknown, lines });
    if (unknown) {
      diagnostics.push({
        ...lines.of(d), severity: 'warning',
        message: type === 'unknown' ? 'Kiali "unknown" node (traffic from outside the mesh) is not a service; what it calls is marked as an entrypoint'
          : 'Kiali "unknown" destination is not a service; edges to it are dropped',
      });
    }
  }
  return nodes;
}

/** One edge, or none: traffic from an "unknown" source marks its target an entrypoint instead. */
function kialiEdge(data: Plain | undefined, nodes: ReadonlyMap<string, KNode>, lines: Lines, entry: Map<string, string>, diagnostics: Diagnostic[]): ImportedEdge | undefined {
  if (!data) return undefined;
  const loc = lines.of(data);
  const source = nodes.get(asText(data.source) ?? '');
  const target = nodes.get(asText(data.target) ?? '');
  if (!source || !target) {
    diagnostics.push({ ...loc, severity: 'warning', message: 'edge between nodes this graph does not list; skipped' });
    return undefined;
  }
  if (source.unknown && !target.unknown) {
    entry.set(target.key, 'guessed: entrypoint, receives traffic from outside the mesh (Kiali "unknown" source)');
    return undefined;
  }
  if (target.unknown) {
    diagnostics.push({ ...loc, severity: 'warning', message: `edge ${source.name} → unknown destination (Kiali "unknown" node); dropped` });
    return undefined;
  }
  const protocol = asText(asMap(data.traffic)?.protocol) ?? 'traffic';
  return { from: source.key, to: { keys: [target.key] }, type: 'hard', evidence: `kiali ${protocol} edge`, loc };
}

function kialiService(n: KNode, note: string | undefined, manyClusters: boolean): ImportedService {
  const ns = asText(n.data.namespace);
  const cluster = asText(n.data.cluster);
  return {
    key: n.key, name: n.name,
    qualified: manyClusters && cluster ? [`${n.name}.${cluster}`, `${n.name}.${ns}.${cluster}`] : ns ? [`${n.name}.${ns}`] : [],
    ...(note ? { entrypoint: true } : {}),
    x: { ...(ns ? { 'x-namespace': ns } : {}), ...(manyClusters && cluster ? { 'x-cluster': cluster } : {}) },
    notes: note ? [note] : [],
    loc: n.lines.of(n.data),
  };
}

function nodeName(d: Plain, type: string, graphType: string): string | undefined {
  if (type === 'service') return asText(d.service);
  if (type === 'workload') return asText(d.workload);
  if (type === 'app') {
    if (graphType === 'versionedApp') return asText(d.workload) ?? (asText(d.version) ? `${asText(d.app)}-${asText(d.version)}` : asText(d.app));
    return asText(d.app);
  }
  return asText(d.workload) ?? asText(d.app) ?? asText(d.service);
}
