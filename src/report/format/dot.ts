/**
 * Graphviz DOT of the graph: every id and label a quoted, escaped string, nodes filled by worst
 * state, edges styled by type (soft dashed, async dotted, buffered bold), tooling-cycle edges purple.
 * `dot -Tsvg` lays it out top-down: callers above their dependencies.
 */
import { dotString } from '../../model/escape.js';
import type { EdgeView, ReportData } from '../types.js';

const FILL = { ok: '#d4edda', degraded: '#fff3cd', down: '#f8d7da' } as const;

function edgeAttrs(e: EdgeView): string {
  const attrs: string[] = [];
  if (e.type === 'soft') attrs.push('style=dashed');
  if (e.type === 'async') attrs.push('style=dotted');
  if (e.type === 'buffered') attrs.push('style=bold');
  const label = [e.count !== undefined ? `${e.count} edge${e.count === 1 ? '' : 's'}` : '', e.type === 'hard' ? '' : e.type, e.anyOf ? `anyOf ${e.anyOf}` : ''].filter(Boolean).join(', ');
  if (label) attrs.push(`label=${dotString(label)}`);
  if (e.for !== undefined) attrs.push(`tooltip=${dotString(e.for)}`);
  if (e.toolingCycle) attrs.push('color="#6a1b9a"', 'penwidth=2.5');
  return attrs.length > 0 ? ` [${attrs.join(', ')}]` : '';
}

export function dot(data: ReportData): string {
  const lines = [
    `digraph ${dotString(data.graph.name)} {`,
    `  label=${dotString(data.graph.title)};`,
    '  labelloc=t;',
    '  rankdir=TB;',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fillcolor="#d4edda"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const s of data.services) {
    const label = (s.title === s.id ? [s.id] : [s.title, s.id]).map((l) => dotString(l).slice(1, -1)).join('\\n');
    const attrs = [`label="${label}"`, `fillcolor="${FILL[s.worst]}"`];
    if (s.tooling) attrs.push('peripheries=2');
    if (s.entrypoint) attrs.push('penwidth=2');
    lines.push(`  ${dotString(s.id)} [${attrs.join(', ')}];`);
  }
  for (const e of data.edges) lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)}${edgeAttrs(e)};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}
