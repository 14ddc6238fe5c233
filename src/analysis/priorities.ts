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

/** A service's findings (ascending), the fleet ones among them, and the entrypoints it is a SPOF for. */
interface Group { readonly findings: number[]; readonly fleet: number[]; readonly spofOf: string[] }

export function priorities(a: Audit, model: Model): Priority[] {
  const groups = new Map<string, Group>();
  const at = (id: string) => { let g = groups.get(id); if (!g) groups.set(id, g = { findings: [], fleet: [], spofOf: [] }); return g; };
  const cycles: CycleGroups = { lists: new Map(), bySvc: new Map() };
  const findings = a.findings;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.rule === 'tooling-cycle') addFinding(at(f.services[1]!), i);
    else if (f.rule === 'blast-radius') addFinding(at(f.services[0]!), i);
    else if (FLEET_RULES.has(f.rule)) { const g = at(f.services[0]!); addFinding(g, i); g.fleet.push(i); }
    else if (f.rule === 'single-point-of-failure') {
      const e = f.services[0]!;
      for (let k = 1; k < f.services.length; k++) { const g = at(f.services[k]!); addFinding(g, i); g.spofOf.push(e); }
    } else if (CYCLE_RULES.has(f.rule)) cycleGroup(cycles, f).push(i);
  }
  const ctx = context(a, model);
  const out: Omit<Priority, 'rank'>[] = [];
  for (const [id, g] of groups) out.push(serviceProblem(ctx, id, g));
  for (const list of cycles.lists.values()) out.push(cycleProblem(ctx, list));
  return out.sort((x, y) => y.score - x.score || cmp(x.kind, y.kind) || cmp(x.subject, y.subject))
    .map((p, i) => ({ rank: i + 1, ...p }));
}

/** Findings arrive in ascending order: a group's list stays sorted and distinct by skipping a repeat of its last. */
function addFinding(g: Group, i: number): void {
  if (g.findings[g.findings.length - 1] !== i) g.findings.push(i);
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
  let tools = 0;
  let entrypoints = 0;
  for (const s of model.services) { if (s.supports !== undefined) tools++; if (s.entrypoint) entrypoints++; }
  const blast = new Map<string, Audit['blastRadius'][number]>();
  for (const b of a.blastRadius) blast.set(b.service, b);
  return { a, services: model.services.length, tools, entrypoints, blast, toolsOf: new Map((a.toolImpact ?? []).map((t) => [t.root, t])) };
}

/**
 * Runtime cycles and the recovery deadlocks inside them share a group: a finding joins the first
 * group (in order of creation) whose members include all its services, else starts one. Groups are
 * found through their members (`bySvc`), not by scanning every group: a deep graph has thousands.
 */
interface CycleGroups { readonly lists: Map<string, number[]>; readonly bySvc: Map<string, { members: Set<string>; list: number[] }[]> }

function cycleGroup(cycles: CycleGroups, f: Finding): number[] {
  const found = (cycles.bySvc.get(f.services[0]!) ?? []).find((g) => f.services.every((s) => g.members.has(s)));
  if (found) return found.list;
  const key = [...f.services].sort().join(',');
  const group = { members: new Set(f.services), list: [] as number[] };
  cycles.lists.set(key, group.list);
  for (const s of group.members) { const l = cycles.bySvc.get(s); if (l) l.push(group); else cycles.bySvc.set(s, [group]); }
  return group.list;
}

function serviceProblem(ctx: Ctx, id: string, g: Group): Omit<Priority, 'rank'> {
  const b = ctx.blast.get(id);
  const tools = ctx.toolsOf.get(id) ?? { down: [], degraded: [] };
  const lost = tools.down.length + tools.degraded.length;
  const spofOf = sortedOthers(g.spofOf, id);
  const fleet = g.fleet.map((i) => ctx.a.findings[i]!);
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
  return { kind, subject: id, score: round(score), summary: `${id}: ${parts.join('; ')}`, findings: g.findings };
}

/** The ids sorted (code units), each once, without `self`. */
function sortedOthers(ids: string[], self: string): string[] {
  // Findings come by file position, which is often id order already: then no comparator calls.
  let ascending = true;
  for (let i = 1; i < ids.length && ascending; i++) ascending = ids[i - 1]! < ids[i]!;
  if (!ascending) ids.sort(cmp);
  const out: string[] = [];
  for (const x of ids) if (x !== self && x !== out[out.length - 1]) out.push(x);
  return out;
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
