/**
 * A dependency cycle made only of guessed edges (addresses found in configuration) is more likely a
 * misreading than a real recovery deadlock (`POSTGRES_DB=orders` once made `orders-db → orders`), so
 * the import says so before the audit reports it as a cycle.
 */
import { stronglyConnected } from '../analysis/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { GraphEdge } from './types.js';

export function guessedCycles(edges: readonly GraphEdge[]): Diagnostic[] {
  const guessed = edges.filter((e) => e.guessed === true);
  const ids = [...new Set(guessed.flatMap((e) => [e.from, ...e.targets]))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const out: number[][] = ids.map(() => []);
  for (const e of guessed) for (const t of e.targets) out[index.get(e.from)!]!.push(index.get(t)!);
  const start = new Int32Array(ids.length + 1);
  const adj: number[] = [];
  out.forEach((targets, i) => {
    start[i] = adj.length;
    for (const t of targets.slice().sort((a, b) => a - b)) adj.push(t);
  });
  start[ids.length] = adj.length;
  const sccs = stronglyConnected({ n: ids.length, start, adj: Int32Array.from(adj) });
  const diagnostics: Diagnostic[] = [];
  for (let k = 0; k < sccs.count; k++) {
    const members = [...sccs.members.subarray(sccs.memberStart[k], sccs.memberStart[k + 1])].map((i) => ids[i]!);
    if (members.length < 2) continue;
    const inside = new Set(members);
    const first = guessed.find((e) => inside.has(e.from) && e.targets.some((t) => inside.has(t)))!;
    diagnostics.push({
      ...first.sources[0]!, severity: 'warning',
      message: `cycle made only of guessed edges: ${members.join(', ')}; check each "# guessed:" comment (a value that names a service is not always a call)`,
    });
  }
  return diagnostics;
}
