/**
 * Writes an imported graph as a Faultline document with the `yaml` Document API: stable key order
 * (services and edges sorted by id), guesses as comments above what they concern, and `x-source`
 * on every service and edge (`FILE:LINE`, a list when several inputs state it).
 */
import { Document, isScalar, isSeq, Scalar, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { JsonValue, Location } from '../model/types.js';
import { ledgerOf } from './ledger.js';
import type { GraphEdge, GraphService, ImportedGraph } from './types.js';

export interface DocumentInfo {
  readonly name: string;
  readonly title: string;
  readonly sources: readonly string[];
  /** Comment lines above the document. */
  readonly header: readonly string[];
}

export function graphDocument(graph: ImportedGraph, info: DocumentInfo): Document {
  const doc = new Document({ faultline: 1, name: info.name, title: info.title, sources: [...info.sources], services: {} });
  doc.commentBefore = info.header.map((l) => ` ${clean(l)}`).join('\n');
  const services = doc.get('services', true) as YAMLMap;
  const outgoing = edgesByService(graph.edges);
  for (const s of graph.services) services.items.push(servicePair(doc, s, outgoing.get(s.id) ?? []));
  setLedger(doc, 'x-imported', ledgerOf(graph));
  return doc;
}

/** A top-level list of ledger items (ledger.ts), one per line; an empty list is left out. */
export function setLedger(doc: Document, key: 'x-imported' | 'x-removed', items: readonly string[]): void {
  if (items.length === 0) { doc.delete(key); return; }
  doc.set(key, doc.createNode([...items]));
  const node = doc.get(key, true) as YAMLSeq;
  if (key === 'x-imported') node.commentBefore = ' what the import wrote; --merge keeps what you delete deleted (x-removed)';
}

export function edgesByService(edges: readonly GraphEdge[]): Map<string, GraphEdge[]> {
  const out = new Map<string, GraphEdge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  return out;
}

export function servicePair(doc: Document, s: GraphService, edges: readonly GraphEdge[]): Pair {
  const value: Record<string, JsonValue> = {
    ...(s.title !== undefined ? { title: s.title } : {}),
    ...(s.description !== undefined ? { description: s.description } : {}),
    ...(s.team !== undefined ? { team: s.team } : {}),
    ...(s.role !== undefined ? { role: s.role } : {}),
    ...(s.entrypoint ? { entrypoint: true } : {}),
    ...s.x,
    'x-source': sourceValue(s.sources),
  };
  const pair = doc.createPair<Scalar, YAMLMap>(s.id, value);
  if (!isScalar(pair.key)) pair.key = new Scalar(s.id);
  for (const item of pair.value!.items) {
    if (isSeq(item.value) && String((item.key as Scalar).value) !== 'x-source') item.value.flow = true;
  }
  if (s.notes.length > 0) pair.key.commentBefore = s.notes.map((n) => ` ${clean(n)}`).join('\n');
  if (edges.length > 0) pair.value!.set('dependsOn', doc.createNode(edges.map((e) => edgeNode(doc, e))));
  return pair;
}

export function edgeNode(doc: Document, e: GraphEdge): YAMLMap {
  const node = doc.createNode({
    ...(e.targets.length === 1 ? { on: e.targets[0]! } : { anyOf: [...e.targets] }),
    type: e.type,
    ...(e.calls !== undefined ? { 'x-calls': e.calls } : {}),
    'x-source': sourceValue(e.sources),
  }) as YAMLMap;
  const anyOf = node.get('anyOf', true) as YAMLSeq | undefined;
  if (anyOf) anyOf.flow = true;
  if (e.notes.length > 0) node.commentBefore = e.notes.map((n) => ` ${clean(n)}`).join('\n');
  return node;
}

export function sourceValue(locs: readonly Location[]): JsonValue {
  const texts = locs.map((l) => `${l.file}:${l.line}`);
  return texts.length === 1 ? texts[0]! : texts;
}

/** Comments hold text from the inputs: no control characters, no line breaks. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

export function documentText(doc: Document): string {
  return doc.toString({ lineWidth: 0 });
}
