/**
 * Mermaid `flowchart` of the graph, callers above dependencies, coloured by each service's worst
 * state through classDef. Valid for GitHub's renderer: ids made safe (mermaidId), every label quoted
 * with entity codes for anything Mermaid would parse. Edge styles: hard solid, soft dotted,
 * buffered thick, async dotted with a label; `anyOf` alternatives labelled.
 */
import { mermaidId, mermaidLabel } from '../../model/escape.js';
import type { EdgeView, ReportData } from '../types.js';
import { pushAll } from '../../model/arrays.js';

/** GitHub's Mermaid refuses diagrams beyond its default edge limit. */
export const MERMAID_MAX_EDGES = 500;
/** Keeps a cut diagram under GitHub's 50,000-character limit (a node line is ~40 characters). */
export const MERMAID_MAX_SERVICES = 300;

const CLASSES = [
  'classDef ok fill:#d4edda,stroke:#2e7d32,color:#111',
  'classDef degraded fill:#fff3cd,stroke:#b7791f,color:#111',
  'classDef down fill:#f8d7da,stroke:#c62828,color:#111',
  'classDef tooling stroke-dasharray:4 3,stroke-width:2px',
];

function arrow(e: EdgeView): string {
  const label = [e.count !== undefined ? `${e.count} edge${e.count === 1 ? '' : 's'}` : '', e.type === 'hard' ? '' : e.type, e.anyOf ? `anyOf ${e.anyOf}` : ''].filter(Boolean).join(', ');
  const shaft = e.type === 'soft' || e.type === 'async' ? '-.->' : e.type === 'buffered' ? '==>' : '-->';
  return label ? `${shaft}|"${mermaidLabel(label)}"|` : shaft;
}

/**
 * What fits GitHub's limit: every edge when it fits, else the most telling ones first (on a
 * tooling cycle, then between services the replay hit, then the rest in order) up to the limit,
 * and the services those edges touch, at most MERMAID_MAX_SERVICES (GitHub also caps the text at 50,000 characters).
 */
export function mermaidSelection(data: ReportData): { services: ReportData['services']; edges: { e: EdgeView; i: number }[]; leftOut: { services: number; edges: number } } {
  const all = data.edges.map((e, i) => ({ e, i }));
  if (all.length <= MERMAID_MAX_EDGES) return { services: data.services, edges: all, leftOut: { services: 0, edges: 0 } };
  const hit = new Set(data.services.filter((s) => s.worst !== 'ok').map((s) => s.id));
  const rank = (e: EdgeView) => (e.toolingCycle ? 0 : hit.has(e.from) && hit.has(e.to) ? 1 : hit.has(e.from) || hit.has(e.to) ? 2 : 3);
  const shown = new Set<string>();
  const edges: { e: EdgeView; i: number }[] = [];
  for (const x of [...all].sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)) {
    if (edges.length === MERMAID_MAX_EDGES) break;
    if (shown.size + (shown.has(x.e.from) ? 0 : 1) + (shown.has(x.e.to) ? 0 : 1) > MERMAID_MAX_SERVICES) continue;
    edges.push(x);
    shown.add(x.e.from);
    shown.add(x.e.to);
  }
  edges.sort((a, b) => a.i - b.i);
  const services = data.services.filter((s) => shown.has(s.id));
  return { services, edges, leftOut: { services: data.services.length - services.length, edges: all.length - edges.length } };
}

/** One sentence on what a diagram above GitHub's limit leaves out, or '' when nothing is. */
export function leftOutNote(data: ReportData): string {
  const { leftOut } = mermaidSelection(data);
  if (leftOut.edges === 0) return '';
  return `${leftOut.edges} of ${data.edges.length} edges and ${leftOut.services} of ${data.services.length} services left out (GitHub draws at most ${MERMAID_MAX_EDGES} edges): kept tooling-cycle edges first, then edges of services the replay hit; use --focus SERVICE --depth N or --group team for a complete diagram`;
}

/** The flowchart source, without a Markdown fence. */
export function mermaid(data: ReportData): string {
  const lines = ['flowchart TD'];
  const pick = mermaidSelection(data);
  const note = leftOutNote(data);
  if (note) lines.push(`  %% ${note}`, `  leftout["${mermaidLabel(`⚠ ${note}`)}"]`);
  for (const s of pick.services) {
    const title = s.title === s.id ? s.id : `${s.title} (${s.id})`;
    lines.push(`  ${mermaidId(s.id)}["${mermaidLabel(title)}"]`);
  }
  pick.edges.forEach(({ e }) => lines.push(`  ${mermaidId(e.from)} ${arrow(e)} ${mermaidId(e.to)}`));
  pushAll(lines, CLASSES.map((c) => `  ${c}`));
  for (const state of ['ok', 'degraded', 'down'] as const) {
    const ids = pick.services.filter((s) => s.worst === state).map((s) => mermaidId(s.id));
    if (ids.length > 0) lines.push(`  class ${ids.join(',')} ${state}`);
  }
  const tools = pick.services.filter((s) => s.tooling).map((s) => mermaidId(s.id));
  if (tools.length > 0) lines.push(`  class ${tools.join(',')} tooling`);
  const toolEdges = pick.edges.flatMap(({ e }, k) => (e.toolingCycle ? [k] : []));
  if (toolEdges.length > 0) lines.push(`  linkStyle ${toolEdges.join(',')} stroke:#6a1b9a,stroke-width:3px`);
  return lines.join('\n') + '\n';
}
