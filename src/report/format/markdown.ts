/**
 * The Markdown report: what an SRE attaches to a design or post-incident review. Renders on GitHub:
 * plain GFM tables (every cell escaped), a Mermaid block GitHub draws, no HTML.
 */
import { md, safeUrl } from '../../model/escape.js';
import type { ReportData } from '../types.js';
import { leftOutNote, mermaid } from './mermaid.js';
import { num } from '../../model/numbers.js';
import { duration, id, ids, table } from './md-parts.js';
import { timelineSection } from './md-timeline.js';
import { pushAll } from '../../model/arrays.js';

const BLAST_ROWS = 15;

export function markdown(data: ReportData): string {
  return [
    header(data), summary(data), fixFirst(data), findings(data), spof(data), timelineSection(data), chains(data), blast(data),
    whatIfs(data), cycles(data), graph(data),
  ].filter((s) => s !== '').join('\n');
}

function header(d: ReportData): string {
  const lines = [`# ${md(d.graph.title)}`, '', `Faultline report for graph ${id(d.graph.name)} (${md(d.graph.file)}).`, ''];
  if (d.graph.sources.length > 0) pushAll(lines, ['Sources:', '', ...d.graph.sources.map(source), '']);
  return lines.join('\n');
}

/** An http(s) source as an autolink; anything else as escaped text (never a link). */
function source(s: string): string {
  const url = safeUrl(s);
  return url ? `- <${url}>` : `- ${md(s)}`;
}

function summary(d: ReportData): string {
  const s = d.summary;
  const lines = ['## Summary', ''];
  if (d.scenario) {
    lines.push(`- **Scenario**: ${md(d.scenario.title)} (${id(d.scenario.id)}), from ${md(d.scenario.start)}`);
    lines.push(`- **Root cause**: ${s.rootCause ? `${id(s.rootCause.service)} at ${s.rootCause.clock}: ${md(s.rootCause.text)}` : 'no service failed'}`);
    lines.push(`- **First impact**: ${s.firstImpact ? `${id(s.firstImpact.service)} ${s.firstImpact.state} at ${s.firstImpact.clock}` : '—'}`);
    lines.push(`- **Time to all ok**: ${s.firstImpact ? (s.timeToAllOkMin === null ? 'not within the replay' : `${duration(Math.round(s.timeToAllOkMin))} (all ok at ${s.allOkClock})`) : '—'}`);
    lines.push(`- **Services hit**: ${s.servicesHit.length} of ${d.services.length} — down: ${ids(s.servicesDown, 50)}; degraded only: ${ids(s.servicesHit.filter((x) => !s.servicesDown.includes(x)), 50)}`);
    if (!d.fidelity) lines.push('- **Fidelity**: not applicable (the scenario has no observed timeline)');
    else {
      const f = d.fidelity;
      lines.push(`- **Fidelity**: ${f.matched} of ${plural(f.total, 'observed event')} matched (${f.inputs} of them ${f.inputs === 1 ? 'is an input' : 'are inputs'}, not scored), max error ${duration(f.maxErrorMinutes)}, mean ${duration(f.meanErrorMinutes)}, order ${f.orderAgrees ? 'agrees' : '**disagrees**'}${f.unmatched > 0 ? `, ${f.unmatched} unmatched` : ''}`);
    }
  } else lines.push('- **Scenario**: none in this graph (static audit only)');
  lines.push(`- **Audit**: ${plural(s.findings.error, 'error')}, ${plural(s.findings.warn, 'warning')}, ${plural(s.findings.info, 'note')}`);
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function findings(d: ReportData): string {
  if (d.findings.length === 0) return '## Audit findings\n\nNone.\n';
  const rows = d.findings.map((f, i) => [
    String(i + 1), f.severity === 'error' ? '**error**' : f.severity, id(f.rule), md(f.message),
    f.path && f.path.length > 0 ? f.path.map(id).join(' → ') : ids(f.services, 6), `${md(f.location.file)}:${f.location.line}:${f.location.column}`,
  ]);
  return `## Audit findings\n\n${table(['#', 'Severity', 'Rule', 'Finding', 'Services / path', 'Location'], rows)}`;
}

function fixFirst(d: ReportData): string {
  if (d.priorities.length === 0) return '';
  const rows = d.priorities.map((p) => [String(p.rank), md(p.summary), num(p.score), p.findings.map((i) => String(i + 1)).join(', ')]);
  return `## Fix first\n\nProblems that share one cause, ranked by score (incident tools lost, tier-weighted blast radius, entrypoints, recovery hazards; see docs/audit.md). Findings are numbered as in the table below.\n\n${table(['#', 'Problem', 'Score', 'Findings'], rows, ['r', 'l', 'r', 'l'])}`;
}

/** In full: the finding messages shorten long lists. */
function spof(d: ReportData): string {
  if (d.spof.length === 0) return '';
  const rows = d.spof.map((s) => [id(s.entrypoint), String(s.services.length), s.services.map(id).join(', ')]);
  return `## Single points of failure\n\nEvery service whose failure alone takes an entrypoint down.\n\n${table(['Entrypoint', 'Count', 'Services'], rows, ['l', 'r', 'l'])}`;
}

function chains(d: ReportData): string {
  if (d.causeChains.length === 0) return '';
  const out = ['## Cause chains', '', 'Why each service that went down did, from the moment it went down back to the root cause.', ''];
  for (const c of d.causeChains) {
    const row = d.timeline[c.transition]!;
    out.push(`**${id(c.service)} down at ${row.clock}**`, '');
    const link = (i: number, depth: number) => {
      const t = d.timeline[i]!;
      out.push(`${depth + 1}. ${t.clock} ${id(t.service)} ${t.state} — ${md(t.cause.text)}`);
    };
    if (row.chainLength === undefined || row.root === undefined) row.chain.forEach(link);
    else {
      // A long chain: its first links, how many are left out, and its root (chains share their tails).
      const shown = row.chain.slice(0, -1);
      shown.forEach(link);
      out.push('', `… ${num(row.chainLength - shown.length - 1)} more links …`, '');
      link(row.root, row.chainLength - 1);
    }
    out.push('');
  }
  return out.join('\n');
}

function blast(d: ReportData): string {
  if (d.blastRadius.length === 0) return '';
  const rows = d.blastRadius.slice(0, BLAST_ROWS).map((b, i) => [
    String(i + 1), id(b.service), String(b.downCount), String(b.degradedCount), num(b.score), String(b.entrypointsHit),
    b.timeToImpactMin === undefined ? '—' : duration(b.timeToImpactMin),
  ]);
  const more = d.blastRadius.length > BLAST_ROWS ? `\n${d.blastRadius.length - BLAST_ROWS} more services in the JSON report.\n` : '';
  return `## Blast radius\n\nWhat fails if one service alone goes down for good (tier-weighted score).\n\n${table(['#', 'Service', 'Down', 'Degraded', 'Score', 'Entrypoints hit', 'Time to impact'], rows, ['r', 'l', 'r', 'r', 'r', 'r', 'r'])}${more}`;
}

function whatIfs(d: ReportData): string {
  if (d.whatIfs.length === 0) return '';
  const rows = d.whatIfs.map((w) => [
    String(w.rank), `${id(w.id)} ${md(w.title)}`, w.prevented ? '**yes**' : 'no', String(w.affected.length),
    w.prevented && w.affected.length === 0 ? 'no outage' : w.allOkClock ?? 'never', num(w.serviceMinutesLost), w.detectedClock ?? '—', w.toldClock ?? '—', w.toolingUsable ? 'yes' : 'no',
  ]);
  if (d.baseline) rows.unshift(['—', '*baseline (as it happened)*', 'no', String(d.summary.servicesHit.length), d.baseline.allOkClock ?? 'never', num(d.baseline.serviceMinutesLost), d.baseline.detectedClock ?? '—', d.baseline.toldClock ?? '—', '—']);
  return `## What-if ranking\n\nEach remediation replayed against the same scenario. Detected and first status post are predicted (detection tied to monitoring, the status-page tool's state).\n\n${table(['Rank', 'What-if', 'Prevented', 'Services hit', 'All ok at', 'Service-minutes lost', 'Detected', 'First status post', 'Tooling usable'], rows, ['r', 'l', 'l', 'r', 'l', 'r', 'l', 'l', 'l'])}`;
}

function cycles(d: ReportData): string {
  const out: string[] = [];
  if (d.toolingCycles.length > 0) {
    out.push('## Incident-tooling cycles', '', 'Tools that go down in the very incidents they are needed for.', '');
    out.push(table(['Tool', 'Root', 'Path', 'Buffer delay'], d.toolingCycles.map((c) => [id(c.tool), id(c.root), c.path.map(id).join(' → '), c.bufferDelayMin > 0 ? duration(c.bufferDelayMin) : '—'])));
  }
  if (d.cycles.length > 0) {
    out.push('## Runtime cycles', '');
    out.push(table(['Members', 'Cycle', 'Recovery deadlock'], d.cycles.map((c) => [String(c.members.length), c.path.map(id).join(' → '), c.deadlocks ? '**yes**' : 'no'])));
  }
  if (d.deadlocks.length > 0) {
    pushAll(out, ['## Recovery deadlocks in the replay', '', ...d.deadlocks.map((x) => `- deadlock ${x.number} at ${x.clock}: ${x.cycle.map(id).join(' → ')}`), '']);
  }
  return out.join('\n');
}

function graph(d: ReportData): string {
  const legend = 'Coloured by each service\'s worst state in the replay: green ok, amber degraded, red down. Solid = hard, dotted = soft/async, thick = buffered; dashed border = incident tooling; purple edges lie on incident-tooling cycles.';
  const note = leftOutNote(d);
  const cut = note ? `\n\n**Not the whole graph:** ${note}. The HTML report and the \`.dot\` export have every service.` : '';
  return `## Graph\n\n${legend}${cut}\n\n\`\`\`mermaid\n${mermaid(d)}\`\`\`\n`;
}
