/**
 * Fix-first priorities: the audit's findings grouped into *problems* that share one cause — a
 * service whose failure takes incident tools, entrypoints and other services down (with its
 * fleet's hazards), or one dependency cycle — ranked by a documented score (docs/audit.md):
 *
 *   service problem = 16 × incident tools lost (down 1, degraded ½) + its tier-weighted blast score
 *                   + 8 × entrypoints it is a single point of failure for
 *                   + hours to restart its fleet (when it has a fleet finding)
 *                   + 16 × error-level fleet findings (a limit crossed or unchecked spread: a trigger)
 *   cycle problem   = the largest blast score of a member + 16 if it holds a recovery deadlock
 *
 * Pure and linear in the findings: cheap enough to run on every audit.
 */
import type { Model } from '../model/types.js';
import { num } from '../model/numbers.js';
import { cmp } from '../model/order.js';
import type { Audit, Finding } from './types.js';
import { maxOf } from '../model/arrays.js';

export type PriorityKind = 'tooling' | 'fleet' | 'spof' | 'blast' | 'cycle';

export interface Priority {
  readonly rank: number;
  readonly kind: PriorityKind;
  /** The service at the root of the problem, or the cycle's shortest loop (`a → b → a`). */
  readonly subject: string;
  readonly score: number;
  readonly summary: string;
  /** Indexes into the audit's findings. */
  readonly findings: readonly number[];
}

export const WEIGHTS = { tool: 16, entrypoint: 8, fleetError: 16, deadlock: 16 } as const;

const FLEET_RULES = new Set(['fleet-over-limit', 'scaling-headroom', 'scale-crosses-limit', 'restart-time',
  'request-path-mesh', 'unchecked-state-spread', 'restart-scales-with-fleet', 'retry-storm']);
const CYCLE_RULES = new Set(['runtime-cycle', 'recovery-deadlock']);

interface Group { findings: number[]; spofOf: string[] }

export function priorities(a: Audit, model: Model): Priority[] {
  const groups = new Map<string, Group>();
  const at = (id: string) => { let g = groups.get(id); if (!g) groups.set(id, g = { findings: [], spofOf: [] }); return g; };
  const cycles = new Map<string, number[]>();
  a.findings.forEach((f, i) => {
    if (f.rule === 'tooling-cycle') at(f.services[1]!).findings.push(i);
    else if (f.rule === 'blast-radius' || FLEET_RULES.has(f.rule)) at(f.services[0]!).findings.push(i);
    else if (f.rule === 'single-point-of-failure') {
      for (const s of f.services.slice(1)) { const g = at(s); g.findings.push(i); g.spofOf.push(f.services[0]!); }
    } else if (CYCLE_RULES.has(f.rule)) cycleGroup(cycles, f).push(i);
  });
  const ctx = context(a, model);
  const out: Omit<Priority, 'rank'>[] = [];
  for (const [id, g] of groups) out.push(serviceProblem(ctx, id, g));
  for (const list of cycles.values()) out.push(cycleProblem(ctx, list));
  return out.sort((x, y) => y.score - x.score || cmp(x.kind, y.kind) || cmp(x.subject, y.subject))
    .map((p, i) => ({ rank: i + 1, ...p }));
}

interface Ctx {
  readonly a: Audit;
  readonly services: number;
  readonly tools: number;
  readonly entrypoints: number;
  readonly blast: ReadonlyMap<string, Audit['blastRadius'][number]>;
  readonly toolsOf: ReadonlyMap<string, { down: readonly string[]; degraded: readonly string[] }>;
}

function context(a: Audit, model: Model): Ctx {
  return {
    a, services: model.services.length,
    tools: model.services.filter((s) => s.supports !== undefined).length,
    entrypoints: model.services.filter((s) => s.entrypoint).length,
    blast: new Map(a.blastRadius.map((b) => [b.service, b])),
    toolsOf: new Map((a.toolImpact ?? []).map((t) => [t.root, t])),
  };
}

/** Runtime cycles and the recovery deadlocks inside them share a group, keyed by the cycle's members. */
function cycleGroup(cycles: Map<string, number[]>, f: Finding): number[] {
  const key = [...f.services].sort().join(',');
  for (const [k, list] of cycles) {
    const members = new Set(k.split(','));
    if (f.services.every((s) => members.has(s))) return list;
  }
  const list: number[] = [];
  cycles.set(key, list);
  return list;
}

function serviceProblem(ctx: Ctx, id: string, g: Group): Omit<Priority, 'rank'> {
  const b = ctx.blast.get(id);
  const tools = ctx.toolsOf.get(id) ?? { down: [], degraded: [] };
  const lost = tools.down.length + tools.degraded.length;
  const spofOf = [...new Set(g.spofOf)].filter((e) => e !== id).sort(cmp);
  const fleet = g.findings.map((i) => ctx.a.findings[i]!).filter((f) => FLEET_RULES.has(f.rule));
  const restartHours = fleet.length > 0 ? maxOf([0, ...ctx.a.restart.filter((r) => r.service === id).map((r) => r.fullRestartHours)]) : 0;
  const score = WEIGHTS.tool * (tools.down.length + tools.degraded.length / 2) + (b?.score ?? 0)
    + WEIGHTS.entrypoint * spofOf.length + restartHours + WEIGHTS.fleetError * fleet.filter((f) => f.severity === 'error').length;
  const hit = (b?.downCount ?? 0) + (b?.degradedCount ?? 0);
  const parts: string[] = [];
  const toolNames = [...tools.down, ...tools.degraded.map((t) => `${t} degraded`)];
  parts.push(lost > 0
    ? `when it fails, ${lost} of ${ctx.tools} incident tools fail with it (${toolNames.join(', ')}) and ${num(hit)} of ${num(ctx.services - 1)} other services`
    : `when it fails, ${num(hit)} of ${num(ctx.services - 1)} other services fail with it (${num(b?.downCount ?? 0)} down)`);
  if (spofOf.length > 0) parts.push(`single point of failure for ${spofOf.length} of ${ctx.entrypoints} entrypoints (${spofOf.slice(0, 8).join(', ')}${spofOf.length > 8 ? ', …' : ''})`);
  const hazards = [...new Set(fleet.map((f) => fleetPhrase(ctx.a, f)))];
  if (hazards.length > 0) parts.push(`fleet: ${hazards.join(', ')}`);
  const kind: PriorityKind = lost > 0 ? 'tooling' : fleet.length > 0 ? 'fleet' : spofOf.length > 0 ? 'spof' : 'blast';
  return { kind, subject: id, score: round(score), summary: `${id}: ${parts.join('; ')}`, findings: [...new Set(g.findings)].sort((x, y) => x - y) };
}

function fleetPhrase(a: Audit, f: Finding): string {
  const id = f.services[0]!;
  switch (f.rule) {
    case 'fleet-over-limit': return 'already over a per-node limit';
    case 'scaling-headroom': {
      const h = a.scaling.find((x) => x.service === id && x.headroomNodes !== undefined);
      return h ? `${num(h.headroomNodes!)} nodes (${h.headroomPercent}%) from its ${h.resource} limit` : 'little headroom';
    }
    case 'scale-crosses-limit': return 'a scenario scales it past its limit';
    case 'restart-time': return `full restart ${a.restart.find((r) => r.service === id)?.fullRestartHours ?? '?'} h`;
    case 'request-path-mesh': return 'a full mesh on the request path';
    case 'unchecked-state-spread': return 'a bad state spreads through it unchecked';
    default: return 'rebuilt one node at a time';
  }
}

function cycleProblem(ctx: Ctx, list: readonly number[]): Omit<Priority, 'rank'> {
  const fs = list.map((i) => ctx.a.findings[i]!);
  const main = fs.find((f) => f.rule === 'runtime-cycle') ?? fs[0]!;
  const deadlock = fs.some((f) => f.rule === 'recovery-deadlock');
  const worst = [...main.services].sort((x, y) => (ctx.blast.get(y)?.score ?? 0) - (ctx.blast.get(x)?.score ?? 0) || cmp(x, y))[0]!;
  const b = ctx.blast.get(worst);
  const path = (main.path ?? main.services).join(' → ');
  const summary = `cycle ${path}${main.services.length > (main.path?.length ?? 1) - 1 ? ` (${main.services.length} services need each other)` : ''}`
    + `${deadlock ? ': a recovery deadlock, it cannot restart on its own' : ''}`
    + `; its worst member, ${worst}, takes down ${num(b?.downCount ?? 0)} and degrades ${num(b?.degradedCount ?? 0)} services`;
  return { kind: 'cycle', subject: path, score: round((b?.score ?? 0) + (deadlock ? WEIGHTS.deadlock : 0)), summary, findings: [...list].sort((x, y) => x - y) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
