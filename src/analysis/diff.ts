/**
 * What changed between two audits of a graph (a pull request's base and head): findings added and
 * resolved (by fingerprint, so moved lines do not count), services whose blast radius changed,
 * and the single points of failure, runtime cycles and tooling-cycle roots that appeared or went.
 */
import { cmp } from '../model/order.js';
import type { Audit, Finding } from './types.js';

export interface BlastSnapshot { readonly down: number; readonly degraded: number; readonly score: number }

export interface AuditDiff {
  readonly added: readonly Finding[];
  readonly removed: readonly Finding[];
  /** Services whose blast radius changed (absent on one side: null), largest score change first. */
  readonly blastRadius: readonly { readonly service: string; readonly before: BlastSnapshot | null; readonly after: BlastSnapshot | null }[];
  readonly spof: Change<{ readonly entrypoint: string; readonly service: string }>;
  readonly cycles: Change<{ readonly members: readonly string[]; readonly path: readonly string[] }>;
  readonly toolingCycles: Change<{ readonly tool: string; readonly root: string }>;
}

export interface Change<T> { readonly added: readonly T[]; readonly removed: readonly T[] }

export function diffAudits(base: Audit, head: Audit): AuditDiff {
  const has = (a: Audit) => new Set(a.findings.map((f) => f.fingerprint));
  const inBase = has(base);
  const inHead = has(head);
  return {
    added: head.findings.filter((f) => !inBase.has(f.fingerprint)),
    removed: base.findings.filter((f) => !inHead.has(f.fingerprint)),
    blastRadius: blastChanges(base, head),
    spof: change(spofPairs(base), spofPairs(head), (p) => `${p.entrypoint}<${p.service}`),
    cycles: change(base.cycles.map(cycleOf), head.cycles.map(cycleOf), (c) => c.members.join(',')),
    toolingCycles: change(toolPairs(base), toolPairs(head), (p) => `${p.tool}>${p.root}`),
  };
}

export function isEmpty(d: AuditDiff): boolean {
  return d.added.length + d.removed.length + d.blastRadius.length + d.spof.added.length + d.spof.removed.length
    + d.cycles.added.length + d.cycles.removed.length + d.toolingCycles.added.length + d.toolingCycles.removed.length === 0;
}

function blastChanges(base: Audit, head: Audit): AuditDiff['blastRadius'] {
  const snap = (a: Audit) => new Map(a.blastRadius.map((b) => [b.service, { down: b.downCount, degraded: b.degradedCount, score: b.score }]));
  const before = snap(base);
  const after = snap(head);
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const same = (x?: BlastSnapshot, y?: BlastSnapshot) => x !== undefined && y !== undefined && x.down === y.down && x.degraded === y.degraded && x.score === y.score;
  return ids.filter((id) => !same(before.get(id), after.get(id)))
    .map((id) => ({ service: id, before: before.get(id) ?? null, after: after.get(id) ?? null }))
    .sort((x, y) => Math.abs((y.after?.score ?? 0) - (y.before?.score ?? 0)) - Math.abs((x.after?.score ?? 0) - (x.before?.score ?? 0)) || cmp(x.service, y.service));
}

function spofPairs(a: Audit) {
  return a.spof.flatMap((s) => s.services.map((service) => ({ entrypoint: s.entrypoint, service })));
}

function cycleOf(c: Audit['cycles'][number]) {
  return { members: c.members, path: c.path };
}

/** Every tooling-cycle root (toolImpact), not only the nearest ones the table lists. */
function toolPairs(a: Audit) {
  const all = a.toolImpact?.flatMap((t) => [...t.down, ...t.degraded].map((tool) => ({ tool, root: t.root })))
    ?? a.toolingCycles.map((t) => ({ tool: t.tool, root: t.root }));
  return all.sort((x, y) => cmp(x.tool, y.tool) || cmp(x.root, y.root));
}

function change<T>(before: readonly T[], after: readonly T[], key: (x: T) => string): Change<T> {
  const b = new Set(before.map(key));
  const h = new Set(after.map(key));
  return { added: after.filter((x) => !b.has(key(x))), removed: before.filter((x) => !h.has(key(x))) };
}
