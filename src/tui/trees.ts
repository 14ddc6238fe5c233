/**
 * The dependencies and dependents of a service as trees, a few levels deep. A service already
 * shown higher up is marked ↻ and not expanded again, so cycles and diamonds stay finite.
 */
import { formatDuration } from '../model/time.js';
import type { Dependency, Service } from '../model/types.js';
import { stateOf, type PaneCtx } from './context.js';
import { line, seg, text, type Line, type Seg } from './lines.js';
import { clean } from './sanitize.js';
import { SYMBOL } from './theme.js';

const MAX_DEPTH = 4;
const MAX_LINES = 400;

function node(ctx: PaneCtx, prefix: string, id: string, edge: string, seen: boolean): Line {
  const st = stateOf(ctx, id);
  const segs: Seg[] = [seg(prefix, 'muted'), seg(`${SYMBOL[st]} `, st), seg(id, st === 'ok' ? undefined : st), seg(` ${edge}`, 'muted')];
  if (seen) segs.push(seg(' ↻', 'muted'));
  return line(segs, id);
}

function edgeLabel(d: Dependency): string {
  const extra = d.type === 'buffered' && d.buffer ? ` full after ${formatDuration(d.buffer.fillsAfterMin)}→${d.buffer.whenFull}` : d.needs !== undefined ? ` needs ${d.needs}` : '';
  return `${d.type}${extra}${d.for ? ` · ${clean(d.for)}` : ''}`;
}

export function dependencyTree(ctx: PaneCtx, root: Service): Line[] {
  const out: Line[] = [];
  const seen = new Set<string>([root.id]);
  const walk = (s: Service, indent: string, depth: number) => {
    s.dependsOn.forEach((d, i) => {
      if (out.length >= MAX_LINES) return;
      const last = i === s.dependsOn.length - 1;
      const branch = indent + (last ? '└─ ' : '├─ ');
      const childIndent = indent + (last ? '   ' : '│  ');
      if (d.anyOf) {
        out.push(line([seg(branch, 'muted'), seg(`any of (${edgeLabel(d)})`, 'accent')]));
        d.targets.forEach((t, j) => visit(t, childIndent + (j === d.targets.length - 1 ? '└─ ' : '├─ '), childIndent + (j === d.targets.length - 1 ? '   ' : '│  '), '', depth));
      } else visit(d.targets[0]!, branch, childIndent, edgeLabel(d), depth);
    });
  };
  const visit = (id: string, branch: string, childIndent: string, edge: string, depth: number) => {
    if (out.length >= MAX_LINES) return;
    const again = seen.has(id);
    out.push(node(ctx, branch, id, edge, again));
    const s = ctx.data.model.byId.get(id);
    if (again || !s || depth >= MAX_DEPTH) return;
    seen.add(id);
    walk(s, childIndent, depth + 1);
  };
  walk(root, '', 1);
  if (out.length === 0) out.push(text('depends on nothing', 'muted'));
  if (out.length >= MAX_LINES) out.push(text(`… cut at ${MAX_LINES} lines`, 'muted'));
  return out;
}

export function dependentTree(ctx: PaneCtx, root: Service): Line[] {
  const out: Line[] = [];
  const seen = new Set<string>([root.id]);
  const walk = (id: string, indent: string, depth: number) => {
    const users = ctx.data.dependents.get(id) ?? [];
    users.forEach((u, i) => {
      if (out.length >= MAX_LINES) return;
      const last = i === users.length - 1;
      const d = u.dependsOn.find((x) => x.targets.includes(id));
      const again = seen.has(u.id);
      out.push(node(ctx, indent + (last ? '└─ ' : '├─ '), u.id, d ? `${d.anyOf ? 'any-of ' : ''}${edgeLabel(d)}` : '', again));
      if (again || depth >= MAX_DEPTH) return;
      seen.add(u.id);
      walk(u.id, indent + (last ? '   ' : '│  '), depth + 1);
    });
  };
  walk(root.id, '', 1);
  if (out.length === 0) out.push(text('nothing depends on it', 'muted'));
  if (out.length >= MAX_LINES) out.push(text(`… cut at ${MAX_LINES} lines`, 'muted'));
  return out;
}
