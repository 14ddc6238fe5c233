/**
 * `audit(model, rules)`: every static analysis of §5 as plain data, then findings under the rules.
 * Numbered stages: index → cycles → blast radius (bit-parallel, all services) → member lists
 * (exact, for the graphs/entries that show them) → SPOF and tooling cycles (from the same pass)
 * → fleets → findings.
 */
import type { Model } from '../model/types.js';
import { blastCounts, type ToolSpec } from './blast.js';
import { findCycles } from './cycles.js';
import { restartHazards, scalingHazards } from './fleet.js';
import { buildFindings } from './findings.js';
import { meshHazards } from './mesh.js';
import { KIND, buildIndex, type Index } from './graph.js';
import { Propagator } from './propagate.js';
import { defaultRules, type Rules } from './rules.js';
import { toolingCycles } from './tooling.js';
import { dropPipelineRoots, toolImpact } from './tool-roles.js';
import type { Audit, BlastRadius } from './types.js';
import { cmp } from '../model/order.js';

export { defaultRules, RULES, RULE_IDS, type Rules, type RuleId } from './rules.js';
export { loadRules, parseRules } from './rules-load.js';
export { priorities, type Priority, type PriorityKind } from './priorities.js';
export type * from './types.js';

export interface AuditOptions {
  /** Entries that get member lists on graphs over `listAllUpTo` services. Default 20. */
  readonly top?: number;
  /** Graphs up to this size get member lists for every service. Default 1,000. */
  readonly listAllUpTo?: number;
  /** Called as each stage starts (the CLI shows it on a TTY; core code never prints). */
  readonly onStage?: (stage: string) => void;
}

export function audit(model: Model, rules: Rules = defaultRules, options: AuditOptions = {}): Audit {
  const stage = options.onStage ?? (() => {});
  stage('indexing');
  const ix = buildIndex(model);
  stage('runtime cycles');
  const { cycles, deadlocks } = findCycles(ix);
  const tools: ToolSpec[] = model.services.flatMap((s, i) => s.supports === undefined ? []
    : [{ node: i, ...(s.supports === '*' ? {} : { supports: s.supports.map((id) => ix.pos.get(id)!) }) }]);
  stage('blast radius');
  const counts = blastCounts(ix, tools);
  dropPipelineRoots(model, ix, tools.map((t) => t.node), counts.toolRoots);

  const order = Array.from({ length: ix.n }, (_, i) => i)
    .sort((a, b) => counts.score[b]! - counts.score[a]! || cmp(ix.ids[a]!, ix.ids[b]!));
  const listed = ix.n <= (options.listAllUpTo ?? 1000) ? ix.n : Math.min(ix.n, options.top ?? 20);
  const propagator = new Propagator(ix);
  const blastRadius: BlastRadius[] = order.map((v, rank) => {
    const t = timeToImpact(ix, v);
    return {
      service: ix.ids[v]!,
      downCount: counts.downCount[v]!,
      degradedCount: counts.degradedCount[v]!,
      ...(rank < listed ? members(ix, propagator, v) : {}),
      score: counts.score[v]!,
      entrypointsHit: counts.entrypointsHit[v]!,
      ...(t !== undefined ? { timeToImpactMin: t } : {}),
    };
  });

  const spof = [...counts.spof].map(([e, list]) => ({ entrypoint: ix.ids[e]!, services: list.map((v) => ix.ids[v]!).sort() }))
    .sort((a, b) => cmp(a.entrypoint, b.entrypoint));
  stage('tooling cycles');
  const tooling = toolingCycles(ix, tools.map((t) => t.node), counts.toolRoots, rules.thresholds.maxRootsPerTool);
  stage('fleets and findings');
  const scaling = scalingHazards(model);
  const restart = restartHazards(model);
  const mesh = meshHazards(model, ix);
  const toolsHit = toolImpact(ix, tools.map((t) => t.node), counts.toolRoots);
  const tables = { blastRadius, cycles, deadlocks, toolingCycles: tooling, spof, scaling, restart, mesh, toolImpact: toolsHit };
  const { findings, suppressed } = buildFindings(model, tables, rules);
  return { file: model.file, findings, ...tables, suppressed };
}

/** Exact member lists and buffer-delayed impact times of one service's failure (for the TUI too). */
export function blastMembers(model: Model, service: string): Pick<BlastRadius, 'down' | 'degraded' | 'delayed'> {
  const ix = buildIndex(model);
  const v = ix.pos.get(service);
  return v === undefined ? { down: [], degraded: [] } : members(ix, new Propagator(ix), v);
}

function members(ix: Index, p: Propagator, v: number): Pick<BlastRadius, 'down' | 'degraded' | 'delayed'> {
  const impact = p.run(v);
  const down: string[] = [];
  const degraded: string[] = [];
  const delayed: { service: string; state: 'down' | 'degraded'; atMin: number }[] = [];
  for (const x of impact.hit) {
    const isDown = impact.tDown[x]! < Infinity;
    (isDown ? down : degraded).push(ix.ids[x]!);
    const at = impact.tDegraded[x]!;
    if (at > 0) delayed.push({ service: ix.ids[x]!, state: isDown ? 'down' : 'degraded', atMin: isDown ? impact.tDown[x]! : at });
  }
  return {
    down: down.sort(), degraded: degraded.sort(),
    ...(delayed.length > 0 ? { delayed: delayed.sort((a, b) => a.atMin - b.atMin || cmp(a.service, b.service)) } : {}),
  };
}

/**
 * Minutes until the first other service is hit. The first hit must come from a clause naming only
 * the failed service (an anyOf waits for its other alternatives, which are hit no earlier), so:
 * 0 if any hard or soft edge names it alone, else the shortest buffer on such an edge.
 */
function timeToImpact(ix: Index, v: number): number | undefined {
  let best = Infinity;
  for (let r = ix.revStart[v]!; r < ix.revStart[v + 1]!; r++) {
    const c = ix.revClauses[r]!;
    if (ix.targetStart[c + 1]! - ix.targetStart[c]! !== 1) continue;
    const kind = ix.clauseKind[c]!;
    best = Math.min(best, kind === KIND.hard || kind === KIND.soft ? 0 : ix.clauseDelay[c]!);
  }
  return best === Infinity ? undefined : best;
}

