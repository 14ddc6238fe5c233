/**
 * Report file names that never overwrite each other: each graph's reports are named after its file
 * (`shop.yaml` → `shop.md`; standard input after the graph's `name`); two inputs with the same file
 * name in different folders take as many parent folders as tell them apart (`eu-shop`, `us-shop`);
 * a graph with several scenarios gets one set per scenario (`shop.SCENARIO.md`).
 */
import { extname, resolve, sep } from 'node:path';
import { UsageError } from './command.js';

export interface Named { readonly file: string; readonly graphName: string }

/** The path segments of a file without its extension, last first: `a/b/shop.yaml` → [shop, b, a]. */
function segments(n: Named): string[] {
  if (n.file === '-') return [n.graphName];
  const full = resolve(n.file);
  const parts = full.slice(0, full.length - extname(full).length).split(sep).filter(Boolean);
  return parts.reverse();
}

/** One base name per input, unique among the inputs; the same file twice is a usage error. */
export function reportBases(inputs: readonly Named[]): string[] {
  const segs = inputs.map(segments);
  const depth = inputs.map(() => 1);
  const name = (i: number) => segs[i]!.slice(0, depth[i]).reverse().join('-');
  for (;;) {
    const groups = new Map<string, number[]>();
    inputs.forEach((_, i) => groups.set(name(i), [...(groups.get(name(i)) ?? []), i]));
    const clashes = [...groups.values()].filter((g) => g.length > 1);
    if (clashes.length === 0) return inputs.map((_, i) => name(i));
    for (const group of clashes) {
      const deeper = group.filter((i) => depth[i]! < segs[i]!.length);
      if (deeper.length === 0) {
        const files = group.map((i) => (inputs[i]!.file === '-' ? '<stdin>' : inputs[i]!.file));
        throw new UsageError(`the same graph is given twice (${files.join(', ')}): its reports would overwrite each other`);
      }
      for (const i of deeper) depth[i]!++;
    }
  }
}

/** The file base for one graph and scenario: the scenario is named only when the graph has several. */
export function reportBase(base: string, scenarioId: string | undefined, scenarioCount: number): string {
  return scenarioId !== undefined && scenarioCount > 1 ? `${base}.${scenarioId}` : base;
}
