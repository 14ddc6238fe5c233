/** `audit --format json` (docs/outputs.md#audit): findings and the ranked blast radius, plus additive tables. */
import type { Audit, BlastRadius, Finding } from './types.js';
import type { Priority } from './priorities.js';

export type AuditJson = ReturnType<typeof auditJson>;
export type FindingJson = ReturnType<typeof findingJson>;

export function auditJson(a: Audit, graph: string, services: number, extra: { priorities?: readonly Priority[]; remediations?: readonly object[] } = {}) {
  const bigGraph = services > 1000;
  return {
    file: a.file,
    graph,
    ...(extra.priorities ? { priorities: extra.priorities } : {}),
    ...(extra.remediations ? { remediations: extra.remediations } : {}),
    findings: a.findings.map(findingJson),
    blastRadius: a.blastRadius.map(blastJson),
    cycles: a.cycles,
    deadlocks: a.deadlocks ?? [],
    toolingCycles: a.toolingCycles,
    toolImpact: a.toolImpact ?? [],
    spof: a.spof.map((s) => ({ entrypoint: s.entrypoint, count: s.count, services: bigGraph ? s.services.slice(0, 20) : s.services })),
    scaling: a.scaling.map(({ loc: _loc, ...h }) => h),
    restart: a.restart.map(({ loc: _loc, ...r }) => r),
    ...(a.mesh ? {
      mesh: {
        requestPath: a.mesh.requestPath.map(({ loc: _loc, ...h }) => h),
        unchecked: a.mesh.unchecked.map(({ loc: _loc, ...h }) => h),
        rebuild: a.mesh.rebuild.map(({ loc: _loc, ...h }) => h),
      },
    } : {}),
    summary: summary(a.findings, a.suppressed ?? 0),
  };
}

export function findingJson(f: Finding) {
  return {
    rule: f.rule, severity: f.severity, message: f.message, services: f.services, path: f.path ?? [],
    location: { file: f.location.file, line: f.location.line, column: f.location.column },
    ...(f.fingerprint ? { fingerprint: f.fingerprint } : {}),
  };
}

type BlastJson = Omit<BlastRadius, 'delayed' | 'score' | 'entrypointsHit' | 'timeToImpactMin'>
  & Pick<BlastRadius, 'score' | 'entrypointsHit' | 'timeToImpactMin' | 'delayed'>;

/** Keys added in output order, no spread of temporary objects (100k rows at 100k services). */
function blastJson(b: BlastRadius): BlastJson {
  const o: { -readonly [K in keyof BlastJson]: BlastJson[K] } = { service: b.service, downCount: b.downCount, degradedCount: b.degradedCount } as BlastJson;
  if (b.down) { o.down = b.down; o.degraded = b.degraded ?? []; }
  o.score = b.score;
  o.entrypointsHit = b.entrypointsHit;
  if (b.timeToImpactMin !== undefined) o.timeToImpactMin = b.timeToImpactMin;
  if (b.delayed) o.delayed = b.delayed;
  return o;
}

export function summary(findings: readonly Finding[], suppressed: number) {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warn').length,
    info: findings.filter((f) => f.severity === 'info').length,
    suppressed,
  };
}
