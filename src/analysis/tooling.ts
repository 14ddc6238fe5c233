/**
 * Incident-tooling cycles (docs/semantics.md#gaps-decided): a tool T is needed in the incidents of the services it supports;
 * a root R whose failure hits T and hits (or is) a service T supports means the tool fails in the
 * very incident it is needed for. Which roots hit T comes from the bit-parallel blast pass (one
 * bit per root), so there is no per-pair propagation. Output is bounded: per tool the nearest
 * `maxRoots` roots by dependency distance from T (ties by id) — the nearest are the ones a fix
 * would cut; the finding says how many roots there are in all. Paths are found by BFS from T over
 * dependency edges, first through services that are roots themselves (every step a real shared
 * fate), else over any propagating edge.
 */
import type { ToolingCycle } from './types.js';
import type { Index } from './graph.js';
import { cmp } from '../model/order.js';

export function toolingCycles(ix: Index, tools: readonly number[], roots: readonly Uint8Array[], maxRoots: number): ToolingCycle[] {
  const out: ToolingCycle[] = [];
  const parentClause = new Int32Array(ix.n);
  const parent = new Int32Array(ix.n);
  const seen = new Int32Array(ix.n).fill(-1);
  let stamp = 0;
  tools.forEach((tool, i) => {
    const isRoot = roots[i]!;
    let total = 0;
    for (let v = 0; v < ix.n; v++) if (isRoot[v]) total++;
    if (total === 0) return;
    const found: number[] = [];
    const pathOf = new Map<number, { path: number[]; delay: number }>();
    for (const restricted of [true, false]) {
      if (found.length >= Math.min(maxRoots, total)) break;
      stamp++;
      const levels = bfs(ix, tool, restricted ? isRoot : undefined, { parent, parentClause, seen, stamp });
      for (const level of levels) {
        if (found.length >= maxRoots) break;
        for (const v of level.filter((x) => isRoot[x] && !pathOf.has(x)).sort((a, b) => cmp(ix.ids[a]!, ix.ids[b]!))) {
          if (found.length >= maxRoots) break;
          found.push(v);
          const path = [v];
          let delay = 0;
          for (let x = v; x !== tool; x = parent[x]!) { delay += ix.clauseDelay[parentClause[x]!]!; path.push(parent[x]!); }
          pathOf.set(v, { path: path.reverse(), delay });
        }
      }
    }
    for (const v of found) {
      const p = pathOf.get(v)!;
      out.push({
        tool: ix.ids[tool]!, root: ix.ids[v]!, path: p.path.map((x) => ix.ids[x]!), bufferDelayMin: p.delay,
        toolState: isRoot[v] === 2 ? 'down' : 'degraded', rootsTotal: total,
      });
    }
  });
  return out.sort((a, b) => cmp(a.tool, b.tool) || a.path.length - b.path.length || cmp(a.root, b.root));
}

interface Scratch { parent: Int32Array; parentClause: Int32Array; seen: Int32Array; stamp: number }

/** BFS levels (lazily, so the nearest roots cost little) from `from` along dependency edges (every propagating clause), optionally only through `allowed`. */
function* bfs(ix: Index, from: number, allowed: Uint8Array | undefined, s: Scratch): Generator<number[]> {
  let frontier = [from];
  s.seen[from] = s.stamp;
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const v of frontier) {
      for (let c = ix.clauseStart[v]!; c < ix.clauseStart[v + 1]!; c++) {
        for (let k = ix.targetStart[c]!; k < ix.targetStart[c + 1]!; k++) {
          const w = ix.targets[k]!;
          if (s.seen[w] === s.stamp || (allowed && !allowed[w])) continue;
          s.seen[w] = s.stamp;
          s.parent[w] = v;
          s.parentClause[w] = c;
          next.push(w);
        }
      }
    }
    if (next.length > 0) yield next;
    frontier = next;
  }
}

