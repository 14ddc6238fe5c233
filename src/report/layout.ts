import { maxOf, minOf } from '../model/arrays.js';
/**
 * Layered ("Sugiyama-lite") layout for the HTML graph: callers above their dependencies, so every
 * dependency edge points down. Longest-path layering after dropping DFS back edges (cycles), then
 * barycentre sweeps to reduce crossings, then wide layers wrapped into several rows so 200+
 * services stay readable instead of one 5,000-pixel line. Iterative throughout (graphs can be deep).
 * Measured against cytoscape's `breadthfirst` in src/bench/report.ts.
 */

export interface LayoutEdge {
  readonly from: string; // the dependent
  readonly to: string; // its dependency
}

export interface Position { readonly x: number; readonly y: number }

export const SPACING = { x: 150, y: 110, row: 70 } as const;

export function layeredLayout(ids: readonly string[], edges: readonly LayoutEdge[], sweeps = 6): Map<string, Position> {
  const order = [...ids].sort();
  const index = new Map(order.map((id, i) => [id, i]));
  const n = order.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const into: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    out[a]!.push(b);
    into[b]!.push(a);
  }
  const layer = longestPathLayers(out);
  const top = maxOf(layer, 0);
  // Rows from the top: highest layer first, so dependencies flow down the page.
  const rows: number[][] = Array.from({ length: top + 1 }, () => []);
  for (let v = 0; v < n; v++) rows[top - layer[v]!]!.push(v);
  const pos = new Float64Array(n);
  const place = () => rows.forEach((r) => r.forEach((v, i) => { pos[v] = r.length > 1 ? i / (r.length - 1) : 0.5; }));
  place();
  for (let s = 0; s < sweeps; s++) {
    const downward = s % 2 === 0;
    for (const r of downward ? rows : [...rows].reverse()) {
      const key = new Map<number, number>();
      for (const v of r) {
        const ns = downward ? into[v]! : out[v]!;
        const all = ns.length > 0 ? ns : downward ? out[v]! : into[v]!;
        key.set(v, all.length > 0 ? all.reduce((t, u) => t + pos[u]!, 0) / all.length : pos[v]!);
      }
      r.sort((a, b) => key.get(a)! - key.get(b)! || a - b);
      r.forEach((v, i) => { pos[v] = r.length > 1 ? i / (r.length - 1) : 0.5; });
    }
  }
  return coordinates(rows, order, rowWidth(rows.map((r) => r.length)));
}

/** Layer 0 = no dependencies; otherwise one above its highest dependency, ignoring DFS back edges. */
function longestPathLayers(out: readonly number[][]): Int32Array {
  const n = out.length;
  const layer = new Int32Array(n);
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const stack: number[] = [];
  const next = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    stack.push(root);
    state[root] = 1;
    while (stack.length > 0) {
      const v = stack[stack.length - 1]!;
      const targets = out[v]!;
      if (next[v]! < targets.length) {
        const w = targets[next[v]!++]!;
        if (state[w] === 0) { state[w] = 1; stack.push(w); }
        continue;
      }
      let l = 0;
      for (const w of targets) if (state[w] === 2) l = Math.max(l, layer[w]! + 1); // on-stack w = back edge
      layer[v] = l;
      state[v] = 2;
      stack.pop();
    }
  }
  return layer;
}

/** The page is landscape: wrap layers at the width whose bounding box is closest to 16:10. */
export function rowWidth(layerSizes: readonly number[]): number {
  const widest = maxOf(layerSizes, 1);
  let best = widest;
  let bestScore = Infinity;
  for (let k = Math.min(6, widest); k <= widest; k++) {
    const rows = layerSizes.reduce((t, len) => t + Math.ceil(len / k), 0);
    const layers = layerSizes.filter((len) => len > 0).length;
    const height = rows * SPACING.row + layers * (SPACING.y - SPACING.row);
    const score = Math.abs(Math.log((k * SPACING.x) / height / 1.6));
    if (score < bestScore) { bestScore = score; best = k; }
  }
  return best;
}

function coordinates(rows: readonly number[][], order: readonly string[], maxPerRow: number): Map<string, Position> {
  const result = new Map<string, Position>();
  let y = 0;
  for (const r of rows) {
    if (r.length === 0) continue;
    for (let start = 0; start < r.length; start += maxPerRow) {
      const chunk = r.slice(start, start + maxPerRow);
      // Wrapped rows are offset by half a slot so edges from the row above do not hide behind nodes.
      const shift = (start / maxPerRow) % 2 === 1 ? SPACING.x / 2 : 0;
      chunk.forEach((v, i) => result.set(order[v]!, { x: (i - (chunk.length - 1) / 2) * SPACING.x + shift, y }));
      y += SPACING.row;
    }
    y += SPACING.y - SPACING.row;
  }
  return result;
}

/** Edge crossings between consecutive rows' straight segments, and edges pointing up: layout quality figures. */
export function layoutQuality(pos: ReadonlyMap<string, Position>, edges: readonly LayoutEdge[]): { crossings: number; upward: number; width: number; height: number } {
  const segs = edges.flatMap((e) => {
    const a = pos.get(e.from); const b = pos.get(e.to);
    return a && b && e.from !== e.to ? [[a, b] as const] : [];
  });
  let crossings = 0;
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) if (intersects(segs[i]![0], segs[i]![1], segs[j]![0], segs[j]![1])) crossings++;
  }
  const xs = [...pos.values()].map((p) => p.x);
  const ys = [...pos.values()].map((p) => p.y);
  return {
    crossings,
    upward: segs.filter(([a, b]) => b.y <= a.y).length,
    width: xs.length ? maxOf(xs) - minOf(xs) : 0,
    height: ys.length ? maxOf(ys) - minOf(ys) : 0,
  };
}

function intersects(p1: Position, p2: Position, p3: Position, p4: Position): boolean {
  const d = (a: Position, b: Position, c: Position) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  const d1 = d(p3, p4, p1); const d2 = d(p3, p4, p2); const d3 = d(p1, p2, p3); const d4 = d(p1, p2, p4);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}
