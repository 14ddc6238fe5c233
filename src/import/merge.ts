/**
 * `--merge`: folds an import into an existing graph without losing what people wrote by hand.
 * Existing services and edges keep every field and comment (types, tiers, fleets, scenarios…);
 * only `x-source` — the import's own record — is refreshed. Fields the import knows are filled in
 * where a service has none. New services and edges are added. Imported edges (those with an
 * `x-source` naming a file read this time) that the import no longer sees are kept and listed.
 * What a person deleted since the last import (ledger.ts) stays deleted and is listed in `x-removed`.
 * Which file an `x-source` names is decided by path suffix, not by the working directory: the
 * same file reached from another directory (`../shop/a.yml` vs `shop/a.yml`) is the same input.
 */
import { isMap, isScalar, isSeq, LineCounter, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { resolve, sep } from 'node:path';
import { edgeNode, edgesByService, servicePair, setLedger, sourceValue } from './emit.js';
import { edgeItem, fieldItem, GUESSED_FIELDS, ledgerOf, serviceItem } from './ledger.js';
import type { Location } from '../model/types.js';
import type { GraphEdge, GraphService, ImportedGraph } from './types.js';
import { pushAll } from '../model/arrays.js';

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
  const imported = new Set(ledger(base, 'x-imported'));
  const removed = new Set(ledger(base, 'x-removed'));
  /** Not in the document now: deleted by hand if the import wrote it before (or it is already listed). */
  const deleted = (item: string, node: unknown, what: string): boolean => {
    if (removed.has(item)) return true;
    if (!imported.has(item)) return false;
    removed.add(item);
    diagnostics.push({ ...at(node), severity: 'warning', message: `${what} was deleted by hand since the last import; not added again (listed in x-removed)` });
    return true;
  };

  for (const s of graph.services) {
    const edges = (outgoing.get(s.id) ?? []).filter((e) => !removed.has(edgeItem(e)));
    const pair = services.items.find((p) => keyText(p) === s.id);
    if (!pair) {
      if (deleted(serviceItem(s.id), services, `service ${s.id}`)) continue;
      services.items.push(servicePair(base, withoutRemoved(s, removed), edges));
      addedServices++;
      addedEdges += edges.length;
      continue;
    }
    if (!isMap(pair.value)) pair.value = base.createNode({});
    const map = pair.value as YAMLMap;
    const fresh = servicePair(base, s, []).value as YAMLMap;
    for (const item of fresh.items) {
      const k = keyText(item);
      const guessedField = (GUESSED_FIELDS as readonly string[]).includes(k);
      if (k === 'x-source' || (!map.has(k) && !(guessedField && deleted(fieldItem(s.id, k), pair.key, `${s.id}: ${k}`)))) map.set(k, item.value);
    }
    if (edges.length === 0) continue;
    if (!isSeq(map.get('dependsOn', true))) map.set('dependsOn', base.createNode([]));
    const seq = map.get('dependsOn', true) as unknown as YAMLSeq;
    for (const e of edges) {
      const match = seq.items.find((item) => sameEdge(targetsOf(item), e.targets));
      if (!match) {
        if (!deleted(edgeItem(e), seq, `edge ${s.id} → ${e.targets.join(' | ')}`)) { seq.items.push(edgeNode(base, e)); addedEdges++; }
      } else if (isMap(match) && match.has('x-source')) match.set('x-source', base.createNode(sourceValue(e.sources)));
    }
    if (seq.items.length === 0) map.delete('dependsOn');
  }
  setLedger(base, 'x-imported', ledgerOf(graph).filter((i) => !removed.has(i)));
  setLedger(base, 'x-removed', [...removed].sort());

  pushAll(diagnostics, noLongerSeen(services, outgoing, seenServices, inputFiles, at));
  return { addedServices, addedEdges, diagnostics };
}

/** Imported edges and services whose file was read this time but that the import no longer sees: listed, kept. */
function noLongerSeen(services: YAMLMap, outgoing: ReadonlyMap<string, GraphEdge[]>, seen: ReadonlySet<string>, inputFiles: ReadonlySet<string>, at: (node: unknown) => Location): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const pair of services.items) {
    const id = keyText(pair);
    const map = isMap(pair.value) ? pair.value : undefined;
    if (!map) continue;
    if (!seen.has(id) && fromInputs(map, inputFiles)) {
      diagnostics.push({ ...at(pair.key), severity: 'warning', message: `service ${id} is no longer seen by the import; kept (delete it if it is gone)` });
    }
    const seq = map.get('dependsOn', true);
    if (!isSeq(seq)) continue;
    const now = outgoing.get(id) ?? [];
    for (const item of seq.items) {
      if (!isMap(item) || !fromInputs(item, inputFiles)) continue;
      const targets = targetsOf(item);
      if (!now.some((e) => sameEdge(targets, e.targets))) {
        diagnostics.push({ ...at(item), severity: 'warning', message: `edge ${id} → ${targets.join(' | ')} is no longer seen by the import; kept (delete it if it is gone)` });
      }
    }
  }
  return diagnostics;
}

/** A new service without the guessed fields a person removed before. */
function withoutRemoved(s: GraphService, removed: ReadonlySet<string>): GraphService {
  const { role, entrypoint, ...rest } = s;
  return {
    ...rest,
    ...(role !== undefined && !removed.has(fieldItem(s.id, 'role')) ? { role } : {}),
    ...(entrypoint !== undefined && !removed.has(fieldItem(s.id, 'entrypoint')) ? { entrypoint } : {}),
  };
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
  const read = [...inputFiles].map((f) => resolve(f));
  return texts.some((t) => sameFile(t.replace(/:\d+$/, ''), read));
}

/**
 * `x-source` paths are as the import was given them, relative to wherever it ran. The file is one of
 * this import's inputs when an input's absolute path ends with the recorded path (its `./` and `../`
 * steps dropped): the same file named from another working directory still matches.
 */
export function sameFile(recorded: string, inputs: readonly string[]): boolean {
  const tail = recorded.split(/[\\/]+/).filter((p) => p !== '' && p !== '.' && p !== '..').join(sep);
  if (tail === '') return false;
  return inputs.some((abs) => abs === tail || abs.endsWith(sep + tail));
}

function ledger(doc: Document, key: string): string[] {
  const node = doc.get(key, true);
  return isSeq(node) ? node.items.map((i) => (isScalar(i) ? String(i.value) : '')).filter((t) => t !== '') : [];
}
