/**
 * Text output: compiler-style findings (`FILE:LINE:COL: error[rule]: message`, so editors jump to
 * them), then summary tables: blast radius top N, cycles, tooling cycles, fleet headroom, mesh
 * hazards, restarts.
 */
import { sanitize } from '../model/sanitize.js';
import { formatDuration } from '../model/time.js';
import type { Audit, Finding } from './types.js';
import { prioritiesText } from './format-priorities.js';
import type { Priority } from './priorities.js';
import { maxOf, pushAll } from '../model/arrays.js';

export interface TextOptions {
  readonly top: number;
  readonly color: boolean;
  /** Fix-first problems: printed first, with the findings grouped under them. */
  readonly priorities?: readonly Priority[];
}

const COLORS = { error: '\u001b[31m', warn: '\u001b[33m', info: '\u001b[36m' } as const;

/** Control characters never reach the terminal (file names, resource names come from the user). */
const clean = sanitize;

export function findingLine(f: Finding, color: boolean): string {
  const sev = color ? `${COLORS[f.severity]}${f.severity}\u001b[0m` : f.severity;
  return `${clean(f.location.file)}:${f.location.line}:${f.location.column}: ${sev}[${f.rule}]: ${clean(f.message)}`;
}

export function auditText(a: Audit, o: TextOptions): string {
  const line = (i: number) => findingLine(a.findings[i]!, o.color);
  const out: string[] = o.priorities ? prioritiesText(a, o.priorities, o.top, line) : a.findings.map((_, i) => line(i));
  const n = a.blastRadius.length;
  out.push('', `Blast radius of ${clean(a.file)} (top ${Math.min(o.top, n)} of ${n} services)`);
  pushAll(out, table(['rank', 'service', 'down', 'degraded', 'score', 'entrypoints', 'first impact'],
    a.blastRadius.slice(0, o.top).map((b, i) => [String(i + 1), b.service, String(b.downCount), String(b.degradedCount),
      String(b.score), String(b.entrypointsHit), b.timeToImpactMin === undefined ? '-' : formatDuration(b.timeToImpactMin)]), [0, 2, 3, 4, 5]));
  if (a.cycles.length > 0) {
    out.push('', `Runtime cycles (${a.cycles.length})`);
    pushAll(out, table(['members', 'deadlock', 'shortest cycle'], a.cycles.slice(0, o.top).map((c) =>
      [String(c.members.length), c.deadlocks ? 'yes' : 'no', c.path.join(' → ')]), [0]));
    if (a.cycles.length > o.top) out.push(`  … ${a.cycles.length - o.top} more`);
  }
  if (a.toolingCycles.length > 0) {
    out.push('', `Incident-tooling cycles (${a.toolingCycles.length})`);
    pushAll(out, table(['tool', 'root', 'tool is', 'buffer', 'path'], a.toolingCycles.slice(0, o.top * 2).map((t) =>
      [t.tool, t.root, t.toolState ?? 'down', t.bufferDelayMin > 0 ? formatDuration(t.bufferDelayMin) : '-', t.path.join(' → ')]), []));
    if (a.toolingCycles.length > o.top * 2) out.push(`  … ${a.toolingCycles.length - o.top * 2} more`);
  }
  if (a.scaling.length > 0) {
    out.push('', 'Fleet headroom (per-peer resources)');
    const rows = [...a.scaling].sort((x, y) => (x.headroomPercent ?? Infinity) - (y.headroomPercent ?? Infinity) || (x.service < y.service ? -1 : 1));
    pushAll(out, table(['service', 'resource', 'nodes', 'max nodes', 'headroom', 'crossed by'], rows.slice(0, o.top).map((h) => [
      h.service, h.resource, String(h.nodes), h.maxNodes === undefined ? 'unbounded' : String(h.maxNodes),
      h.headroomNodes === undefined ? '-' : `${h.headroomNodes} (${h.headroomPercent}%)`,
      h.crossedBy ? `${h.crossedBy.scenario} +${formatDuration(h.crossedBy.atMin)} → ${h.crossedBy.toNodes}` : '-',
    ]), [2, 3]));
  }
  const mesh = a.mesh;
  if (mesh && (mesh.requestPath.length > 0 || mesh.unchecked.length > 0)) {
    out.push('', 'Mesh hazards (one fault can reach every node)');
    const ids = [...new Set([...mesh.requestPath, ...mesh.unchecked].map((h) => h.service))].sort();
    pushAll(out, table(['service', 'nodes', 'entrypoints waiting', 'spread', 'one bad node → below serving'], ids.slice(0, o.top).map((id) => {
      const p = mesh.requestPath.find((h) => h.service === id);
      const u = mesh.unchecked.find((h) => h.service === id);
      return [id, String(p?.nodes ?? u?.nodes ?? '-'), p ? String(p.entrypoints.length) : '0', u ? `${u.spreadPerMinute}/min, no checksums` : '-',
        u?.minutesToDown !== undefined ? `${u.minutesToDown} min` : '-'];
    }), [1, 2]));
  }
  if (a.restart.length > 0) {
    out.push('', 'Full-fleet restart');
    const rows = [...a.restart].sort((x, y) => y.fullRestartHours - x.fullRestartHours || (x.service < y.service ? -1 : 1));
    pushAll(out, table(['service', 'nodes', 'per hour', 'hours'], rows.slice(0, o.top).map((r) =>
      [r.service, String(r.nodes), String(r.perHour), String(r.fullRestartHours)]), [1, 2, 3]));
  }
  return out.join('\n') + '\n';
}

export function summaryLine(findings: readonly Finding[], suppressed: number, known: number): string {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const extra = [suppressed ? `${suppressed} ignored by rules` : '', known ? `${known} known in the baseline` : ''].filter(Boolean);
  return `${count('error')} error(s), ${count('warn')} warning(s), ${count('info')} info${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

function table(head: readonly string[], rows: readonly string[][], right: readonly number[]): string[] {
  const width = head.map((h, i) => maxOf(rows.map((r) => r[i]!.length), h.length));
  const line = (r: readonly string[]) => '  ' + r.map(clean).map((c, i) => (i === r.length - 1 ? c : right.includes(i) ? c.padStart(width[i]!) : c.padEnd(width[i]!))).join('  ');
  return [line(head), ...rows.map(line)];
}
