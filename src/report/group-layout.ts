/**
 * Layout for the grouped HTML view: each group (team or system) laid out on its own with the
 * layered layout, as a block; blocks ordered by the layered layout of the group graph (a group
 * above the groups it depends on) and packed in rows about 16:10 wide, so a compound box never
 * overlaps another. Computed in Node, like the ungrouped layout.
 */
import { layeredLayout, SPACING, type LayoutEdge, type Position } from './layout.js';

const GAP = 120;

interface Block {
  readonly group: string;
  readonly pos: Map<string, Position>;
  readonly w: number;
  readonly h: number;
}

function block(group: string, ids: readonly string[], edges: readonly LayoutEdge[]): Block {
  const raw = layeredLayout(ids, edges);
  let x1 = Infinity; let y1 = Infinity; let x2 = -Infinity; let y2 = -Infinity;
  for (const p of raw.values()) { x1 = Math.min(x1, p.x); y1 = Math.min(y1, p.y); x2 = Math.max(x2, p.x); y2 = Math.max(y2, p.y); }
  const pos = new Map<string, Position>();
  for (const [id, p] of raw) pos.set(id, { x: p.x - x1, y: p.y - y1 });
  return { group, pos, w: x2 - x1 + SPACING.x, h: y2 - y1 + SPACING.row };
}

/** Positions of every id, grouped by `groupOf` (ids with the same value share a block). */
export function groupedLayout(ids: readonly string[], edges: readonly LayoutEdge[], groupOf: (id: string) => string): Map<string, Position> {
  const members = new Map<string, string[]>();
  for (const id of ids) {
    const g = groupOf(id);
    const list = members.get(g);
    if (list) list.push(id); else members.set(g, [id]);
  }
  const inner = new Map<string, LayoutEdge[]>();
  const between = new Set<string>();
  const groupEdges: LayoutEdge[] = [];
  for (const e of edges) {
    const a = groupOf(e.from); const b = groupOf(e.to);
    if (a === b) {
      const list = inner.get(a);
      if (list) list.push(e); else inner.set(a, [e]);
    } else if (!between.has(`${a}\u0000${b}`)) {
      between.add(`${a}\u0000${b}`);
      groupEdges.push({ from: a, to: b });
    }
  }
  const order = layeredLayout([...members.keys()], groupEdges);
  const groups = [...members.keys()].sort((a, b) => order.get(a)!.y - order.get(b)!.y || order.get(a)!.x - order.get(b)!.x);
  const blocks = groups.map((g) => block(g, members.get(g)!, inner.get(g) ?? []));
  return pack(blocks);
}

/** Shelf packing: blocks left to right, a new shelf when the row would pass the target width. */
function pack(blocks: readonly Block[]): Map<string, Position> {
  const area = blocks.reduce((t, b) => t + (b.w + GAP) * (b.h + GAP), 0);
  const width = blocks.reduce((w, b) => Math.max(w, b.w), Math.sqrt(area * 1.6));
  const out = new Map<string, Position>();
  let x = 0; let y = 0; let shelf = 0;
  for (const b of blocks) {
    if (x > 0 && x + b.w > width) { x = 0; y += shelf + GAP; shelf = 0; }
    for (const [id, p] of b.pos) out.set(id, { x: x + p.x, y: y + p.y });
    x += b.w + GAP;
    shelf = Math.max(shelf, b.h);
  }
  return out;
}
