/**
 * Incident-tooling cycles (docs/semantics.md#gaps-decided): a tool T is needed in the incidents of the services it supports;
 * a root R whose failure hits T and hits (or is) a service T supports means the tool fails in the
 * very incident it is needed for. Which roots hit T comes from the bit-parallel blast pass (one
 * bit per root), so there is no per-pair propagation. Output is bounded: per tool the nearest
 * `maxRoots` roots by dependency distance from T (BFS, ties by id) — the nearest are the ones a
 * fix would cut; the finding says how many roots there are in all. Each root's path and delay is
 * its earliest impact on T (earliest-path.ts: a zero-delay route beats a shorter buffered one),
 * through services that are roots themselves when such a path is as early (every step a real
 * shared fate), else over any propagating edge.
 */
import type { ToolingCycle } from './types.js';
import type { Index } from './graph.js';
import { cmp } from '../model/order.js';
import { earliestPaths, type Earliest } from './earliest-path.js';

export function toolingCycles(ix: Index, tools: readonly number[], roots: readonly Uint8Array[], maxRoots: number): ToolingCycle[] {
  const out: ToolingCycle[] = [];
  const scratch: Scratch = { seen: new Int32Array(ix.n).fill(-1), stamp: 0 };
  tools.forEach((tool, i) => {
    const isRoot = roots[i]!;
    let total = 0;
    for (let v = 0; v < ix.n; v++) if (isRoot[v]) total++;
    if (total === 0) return;
    const { found, viaRoots } = nearestRoots(ix, tool, isRoot, maxRoots, total, scratch);
    const any = earliestPaths(ix, tool, found);
    const through = viaRoots.length > 0 ? earliestPaths(ix, tool, viaRoots, isRoot) : undefined;
    for (const v of found) {
      const best = through && through.delay[v] === any.delay[v] ? through : any;
      out.push({
        tool: ix.ids[tool]!, root: ix.ids[v]!, path: pathTo(best, v, tool).map((x) => ix.ids[x]!), bufferDelayMin: any.delay[v]!,
        toolState: isRoot[v] === 2 ? 'down' : 'degraded', rootsTotal: total,
      });
    }
  });
  return out.sort((a, b) => cmp(a.tool, b.tool) || a.path.length - b.path.length || cmp(a.root, b.root));
}

/** The nearest `maxRoots` roots by hops (ties by id): first those reached through roots only, then any. */
function nearestRoots(ix: Index, tool: number, isRoot: Uint8Array, maxRoots: number, total: number, scratch: Scratch): { found: number[]; viaRoots: number[] } {
  const found: number[] = [];
  const taken = new Set<number>();
  let viaRoots: number[] = [];
  for (const restricted of [true, false]) {
    if (found.length >= Math.min(maxRoots, total)) break;
    scratch.stamp++;
    for (const level of bfs(ix, tool, restricted ? isRoot : undefined, scratch)) {
      if (found.length >= maxRoots) break;
      for (const v of level.filter((x) => isRoot[x] && !taken.has(x)).sort((a, b) => cmp(ix.ids[a]!, ix.ids[b]!))) {
        if (found.length >= maxRoots) break;
        found.push(v);
        taken.add(v);
      }
    }
    if (restricted) viaRoots = [...found];
  }
  return { found, viaRoots };
}

/** The path from `tool` to `v` along `e`'s parents, tool first. */
function pathTo(e: Earliest, v: number, tool: number): number[] {
  const path = [v];
  for (let x = v; x !== tool && e.parent[x]! >= 0; x = e.parent[x]!) path.push(e.parent[x]!);
  return path.reverse();
}

interface Scratch { seen: Int32Array; stamp: number }

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
          next.push(w);
        }
      }
    }
    if (next.length > 0) yield next;
    frontier = next;
  }
}

