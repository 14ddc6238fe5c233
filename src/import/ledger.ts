/**
 * What an import wrote, so that `--merge` can tell "a person deleted it" from "it is new": the
 * document's top-level `x-imported` lists each service (`cart`), guessed field (`cart.role`,
 * `cart.entrypoint`) and edge (`cart -> redis`, `web -> a|b`) the import has written. On the next
 * merge, a listed item missing from the document was deleted by hand: it is not added again and is
 * listed in `x-removed` (delete a line there to let the import bring it back).
 */
import type { GraphEdge, ImportedGraph } from './types.js';

export const GUESSED_FIELDS = ['role', 'entrypoint'] as const;

export function serviceItem(id: string): string {
  return id;
}

export function fieldItem(id: string, field: string): string {
  return `${id}.${field}`;
}

export function edgeItem(e: Pick<GraphEdge, 'from' | 'targets'>): string {
  return `${e.from} -> ${e.targets.join('|')}`;
}

/** Every item of an imported graph, sorted. */
export function ledgerOf(graph: ImportedGraph): string[] {
  const items: string[] = [];
  for (const s of graph.services) {
    items.push(serviceItem(s.id));
    if (s.role !== undefined) items.push(fieldItem(s.id, 'role'));
    if (s.entrypoint === true) items.push(fieldItem(s.id, 'entrypoint'));
  }
  for (const e of graph.edges) items.push(edgeItem(e));
  return [...new Set(items)].sort();
}
