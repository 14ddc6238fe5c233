/**
 * Mermaid `flowchart` of the graph, callers above dependencies, coloured by each service's worst
 * state through classDef. Valid for GitHub's renderer: ids made safe (mermaidId), every label quoted
 * with entity codes for anything Mermaid would parse. Edge styles: hard solid, soft dotted,
 * buffered thick, async dotted with a label; `anyOf` alternatives labelled.
 */
import { mermaidId, mermaidLabel } from '../escape.js';
import type { EdgeView, ReportData } from '../types.js';
import { pushAll } from '../../model/arrays.js';

/** GitHub's Mermaid refuses diagrams beyond its default edge limit. */
export const MERMAID_MAX_EDGES = 500;

const CLASSES = [
  'classDef ok fill:#d4edda,stroke:#2e7d32,color:#111',
  'classDef degraded fill:#fff3cd,stroke:#b7791f,color:#111',
  'classDef down fill:#f8d7da,stroke:#c62828,color:#111',
  'classDef tooling stroke-dasharray:4 3,stroke-width:2px',
];

function arrow(e: EdgeView): string {
  const label = [e.type === 'hard' ? '' : e.type, e.anyOf ? `anyOf ${e.anyOf}` : ''].filter(Boolean).join(', ');
  const shaft = e.type === 'soft' || e.type === 'async' ? '-.->' : e.type === 'buffered' ? '==>' : '-->';
  return label ? `${shaft}|"${mermaidLabel(label)}"|` : shaft;
}

/** The flowchart source, without a Markdown fence. */
export function mermaid(data: ReportData): string {
  const lines = ['flowchart TD'];
  for (const s of data.services) {
    const title = s.title === s.id ? s.id : `${s.title} (${s.id})`;
    lines.push(`  ${mermaidId(s.id)}["${mermaidLabel(title)}"]`);
  }
  for (const e of data.edges) lines.push(`  ${mermaidId(e.from)} ${arrow(e)} ${mermaidId(e.to)}`);
  pushAll(lines, CLASSES.map((c) => `  ${c}`));
  for (const state of ['ok', 'degraded', 'down'] as const) {
    const ids = data.services.filter((s) => s.worst === state).map((s) => mermaidId(s.id));
    if (ids.length > 0) lines.push(`  class ${ids.join(',')} ${state}`);
  }
  const tools = data.services.filter((s) => s.tooling).map((s) => mermaidId(s.id));
  if (tools.length > 0) lines.push(`  class ${tools.join(',')} tooling`);
  const toolEdges = data.edges.flatMap((e, i) => (e.toolingCycle ? [i] : []));
  if (toolEdges.length > 0) lines.push(`  linkStyle ${toolEdges.join(',')} stroke:#6a1b9a,stroke-width:3px`);
  return lines.join('\n') + '\n';
}
