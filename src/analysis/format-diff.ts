/** Text and Markdown (for a pull-request comment) forms of an audit diff. */
import { sanitize } from '../model/sanitize.js';
import { md, mdCode } from '../model/escape.js';
import type { AuditDiff, BlastSnapshot } from './diff.js';
import { findingLine } from './format-text.js';
import { pushAll } from '../model/arrays.js';

const snap = (s: BlastSnapshot | null) => (s ? `${s.down} down, ${s.degraded} degraded, score ${s.score}` : 'absent');
const errors = (d: AuditDiff) => d.added.filter((f) => f.severity === 'error').length;

export function headline(d: AuditDiff, base: string, head: string): string {
  return `${base} → ${head}: ${d.added.length} new finding(s) (${errors(d)} error(s)), ${d.removed.length} resolved`;
}

export function diffText(d: AuditDiff, base: string, head: string): string {
  const out = [sanitize(headline(d, base, head))];
  const section = (title: string, lines: readonly string[]) => { if (lines.length > 0) pushAll(out, ['', `${title} (${lines.length})`, ...lines.map((l) => `  ${sanitize(l)}`)]); };
  section('New findings', d.added.map((f) => findingLine(f, false)));
  section('Resolved findings', d.removed.map((f) => findingLine(f, false)));
  section('Blast radius changed', d.blastRadius.map((b) => `${b.service}: ${snap(b.before)} → ${snap(b.after)}`));
  section('New single points of failure', d.spof.added.map((p) => `${p.entrypoint} goes down when ${p.service} fails`));
  section('Resolved single points of failure', d.spof.removed.map((p) => `${p.entrypoint} no longer goes down when ${p.service} fails`));
  section('New runtime cycles', d.cycles.added.map((c) => c.path.join(' → ')));
  section('Resolved runtime cycles', d.cycles.removed.map((c) => c.path.join(' → ')));
  section('New incident-tooling cycles', d.toolingCycles.added.map((t) => `${t.tool} fails when ${t.root} fails`));
  section('Resolved incident-tooling cycles', d.toolingCycles.removed.map((t) => `${t.tool} no longer fails when ${t.root} fails`));
  return out.join('\n') + '\n';
}

export function diffMarkdown(d: AuditDiff, base: string, head: string): string {
  const out = [`### Faultline: ${md(headline(d, base, head))}`];
  const list = (title: string, items: readonly string[]) => { if (items.length > 0) pushAll(out, ['', `**${title}** (${items.length})`, '', ...items.map((i) => `- ${i}`)]); };
  const finding = (f: AuditDiff['added'][number]) => `${f.severity === 'error' ? '🔴' : f.severity === 'warn' ? '🟡' : '🔵'} ${f.severity} \`${f.rule}\` — ${md(f.message)} (${mdCode(`${f.location.file}:${f.location.line}`)})`;
  list('New findings', d.added.map(finding));
  list('Resolved findings', d.removed.map(finding));
  if (d.blastRadius.length > 0) {
    pushAll(out, ['', `**Blast radius changed** (${d.blastRadius.length})`, '', '| service | before | after |', '| --- | --- | --- |', ...d.blastRadius.map((b) => `| ${mdCode(b.service)} | ${snap(b.before)} | ${snap(b.after)} |`)]);
  }
  list('New single points of failure', d.spof.added.map((p) => `${mdCode(p.entrypoint)} goes down when ${mdCode(p.service)} fails`));
  list('Resolved single points of failure', d.spof.removed.map((p) => `${mdCode(p.entrypoint)} no longer goes down when ${mdCode(p.service)} fails`));
  list('New runtime cycles', d.cycles.added.map((c) => c.path.map(mdCode).join(' → ')));
  list('Resolved runtime cycles', d.cycles.removed.map((c) => c.path.map(mdCode).join(' → ')));
  list('New incident-tooling cycles', d.toolingCycles.added.map((t) => `${mdCode(t.tool)} fails when ${mdCode(t.root)} fails`));
  list('Resolved incident-tooling cycles', d.toolingCycles.removed.map((t) => `${mdCode(t.tool)} no longer fails when ${mdCode(t.root)} fails`));
  return out.join('\n') + '\n';
}
