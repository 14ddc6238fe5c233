/**
 * `--merge`: folds an import into an existing graph without losing what people wrote by hand.
 * Existing services and edges keep every field and comment (types, tiers, fleets, scenarios…);
 * only `x-source` — the import's own record — is refreshed. Fields the import knows are filled in
 * where a service has none. New services and edges are added. Imported edges (those with an
 * `x-source` naming a file read this time) that the import no longer sees are kept and listed.
 */
import { isMap, isScalar, isSeq, LineCounter, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { edgeNode, edgesByService, servicePair, sourceValue } from './emit.js';
import type { GraphEdge, ImportedGraph } from './types.js';

export interface MergeStats {
  readonly addedServices: number;
  readonly addedEdges: number;
  readonly diagnostics: readonly Diagnostic[];
}

export function mergeInto(base: Document, lines: LineCounter, baseFile: string, graph: ImportedGraph, inputFiles: ReadonlySet<string>): MergeStats {
  const diagnostics: Diagnostic[] = [];
  const at = (node: unknown) => {
    const { line, col } = lines.linePos((node as Node | undefined)?.range?.[0] ?? 0);
    return { file: baseFile, line, column: col };
  };
  if (!isMap(base.get('services', true))) base.set('services', base.createNode({}));
  const services = base.get('services', true) as YAMLMap;
  const outgoing = edgesByService(graph.edges);
  const seenServices = new Set(graph.services.map((s) => s.id));
  let addedServices = 0;
  let addedEdges = 0;

  for (const s of graph.services) {
    const edges = outgoing.get(s.id) ?? [];
    const pair = services.items.find((p) => keyText(p) === s.id);
    if (!pair) {
      services.items.push(servicePair(base, s, edges));
      addedServices++;
      addedEdges += edges.length;
      continue;
    }
    if (!isMap(pair.value)) pair.value = base.createNode({});
    const map = pair.value as YAMLMap;
    const fresh = servicePair(base, s, []).value as YAMLMap;
    for (const item of fresh.items) {
      const k = keyText(item);
      if (k === 'x-source' || !map.has(k)) map.set(k, item.value);
    }
    if (edges.length === 0) continue;
    if (!isSeq(map.get('dependsOn', true))) map.set('dependsOn', base.createNode([]));
    const seq = map.get('dependsOn', true) as unknown as YAMLSeq;
    for (const e of edges) {
      const match = seq.items.find((item) => sameEdge(targetsOf(item), e.targets));
      if (!match) { seq.items.push(edgeNode(base, e)); addedEdges++; }
      else if (isMap(match) && match.has('x-source')) match.set('x-source', base.createNode(sourceValue(e.sources)));
    }
  }

  for (const pair of services.items) {
    const id = keyText(pair);
    const map = isMap(pair.value) ? pair.value : undefined;
    if (!map) continue;
    if (!seenServices.has(id) && fromInputs(map, inputFiles)) {
      diagnostics.push({ ...at(pair.key), severity: 'warning', message: `service ${id} is no longer seen by the import; kept (delete it if it is gone)` });
    }
    const seq = map.get('dependsOn', true);
    if (!isSeq(seq)) continue;
    const now = outgoing.get(id) ?? [];
    for (const item of seq.items) {
      if (!isMap(item) || !fromInputs(item, inputFiles)) continue;
      const targets = targetsOf(item);
      if (!now.some((e: GraphEdge) => sameEdge(targets, e.targets))) {
        diagnostics.push({ ...at(item), severity: 'warning', message: `edge ${id} → ${targets.join(' | ')} is no longer seen by the import; kept (delete it if it is gone)` });
      }
    }
  }
  return { addedServices, addedEdges, diagnostics };
}

function keyText(p: Pair): string {
  return isScalar(p.key) ? String(p.key.value) : String(p.key);
}

/** Targets of a dependsOn entry: a bare id, `on`, or the alternatives of `anyOf`. */
function targetsOf(item: unknown): string[] {
  if (isScalar(item)) return [String(item.value)];
  if (!isMap(item)) return [];
  const anyOf = item.get('anyOf', true);
  if (isSeq(anyOf)) return anyOf.items.map((i) => (isScalar(i) ? String(i.value) : '')).sort();
  const on = item.get('on');
  return on === undefined ? [] : [String(on)];
}

/** The same edge, or a hand-widened one: an `anyOf` that includes the imported single target. */
function sameEdge(existing: readonly string[], imported: readonly string[]): boolean {
  if (existing.join('\u0000') === imported.join('\u0000')) return true;
  return imported.length === 1 && existing.includes(imported[0]!);
}

/** An entry whose x-source names a file this import read: the import can speak for it. */
function fromInputs(map: YAMLMap, inputFiles: ReadonlySet<string>): boolean {
  const src = map.get('x-source', true);
  const texts = isSeq(src) ? src.items.map((i) => (isScalar(i) ? String(i.value) : '')) : isScalar(src) ? [String(src.value)] : [];
  return texts.some((t) => inputFiles.has(t.replace(/:\d+$/, '')));
}
