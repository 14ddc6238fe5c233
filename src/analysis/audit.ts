/**
 * `audit(model, rules)`: every static analysis of docs/semantics.md#audit as plain data, then findings under the rules.
 * Numbered stages: index → cycles → blast radius (bit-parallel, all services) → member lists
 * (exact, for the graphs/entries that show them) → SPOF and tooling cycles (from the same pass)
 * → fleets → findings.
 */
import type { Model } from '../model/types.js';
import { availableParallelism } from 'node:os';
import { blastCounts, type BlastCounts, type Parallel, type ToolSpec } from './blast.js';
import { findCycles } from './cycles.js';
import { restartHazards, scalingHazards } from './fleet.js';
import { buildFindings, SPOF_SERVICES } from './findings.js';
import { meshHazards } from './mesh.js';
import { KIND, buildIndex, type Index } from './graph.js';
import { Propagator } from './propagate.js';
import { defaultRules, type Rules } from './rules.js';
import { toolingCycles } from './tooling.js';
import { dropPipelineRoots, toolImpact } from './tool-roles.js';
import type { Audit, BlastRadius } from './types.js';
import { cmp } from '../model/order.js';

export interface AuditOptions {
  /** Entries that get member lists on graphs over `listAllUpTo` services. Default 20. */
  readonly top?: number;
  /** Graphs up to this size get member lists for every service. Default 1,000. */
  readonly listAllUpTo?: number;
  /** false: no member lists at all (text and SARIF print none; they cost ~1 s at 100k). Default true. */
  readonly memberLists?: boolean;
  /** Called as each stage starts (the CLI shows it on a TTY; core code never prints). */
  readonly onStage?: (stage: string) => void;
  /**
   * The blast pass on 1 thread or 2 (a helper thread; byte-identical output). Default: 2 on graphs
   * of at least PARALLEL_FROM services when the machine has two cores, else 1.
   */
  readonly parallel?: Parallel;
}

/**
 * Below this size a helper thread does not pay for itself: on a quiet machine it costs 0.06 s of wall
 * time at 10k, breaks even at 30k and saves 0.55 s at 50k, always for ~0.15–0.3 s more CPU (docs/speed.md, Audit).
 */
export const PARALLEL_FROM = 30_000;

export function audit(model: Model, rules: Rules = defaultRules, options: AuditOptions = {}): Audit {
  const stage = options.onStage ?? (() => {});
  stage('indexing');
  const ix = buildIndex(model);
  stage('runtime cycles');
  const { cycles, deadlocks } = findCycles(ix);
  const tools: ToolSpec[] = model.services.flatMap((s, i) => s.supports === undefined ? []
    : [{ node: i, ...(s.supports === '*' ? {} : { supports: s.supports.map((id) => ix.pos.get(id)!) }) }]);
  stage('blast radius');
  const ids = idOrder(ix.ids);
  const rank = ids.rank;
  const listAll = ix.n <= (options.listAllUpTo ?? 1000);
  let shown = 0;
  const counts = blastCounts(ix, tools, 32, { rank, ...(listAll ? {} : { keep: SPOF_SERVICES }) }, (done, total) => {
    // Big graphs spend minutes here: a percentage, at most every 1 %.
    const pct = Math.floor((100 * done) / total);
    if (pct > shown && done < total) { shown = pct; stage(`blast radius ${pct} %`); }
  }, options.parallel ?? { threads: ix.n >= PARALLEL_FROM && availableParallelism() >= 2 ? 2 : 1 });
  dropPipelineRoots(model, ix, tools.map((t) => t.node), counts.toolRoots);

  stage('ranking');
  const order = ranking(counts.score, ids);
  const listed = options.memberLists === false ? 0 : listAll ? ix.n : Math.min(ix.n, options.top ?? 20);
  const lists = listed > 0 ? new MemberLists(ix, ids) : undefined;
  const blastRadius: BlastRadius[] = Array.from(order, (v, i) => blastRow(ix, counts, v, i < listed ? lists!.of(v) : undefined));

  const spof = spofTable(ix, counts, ids);
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
export function blastMembers(model: Model, service: string): Members {
  const ix = buildIndex(model);
  const v = ix.pos.get(service);
  return v === undefined ? { down: [], degraded: [] } : new MemberLists(ix, idOrder(ix.ids)).of(v);
}

type Members = Pick<BlastRadius, 'down' | 'degraded' | 'delayed'>;

function blastRow(ix: Index, counts: BlastCounts, v: number, m: Members | undefined): BlastRadius {
  const t = timeToImpact(ix, v);
  const row: { -readonly [K in keyof BlastRadius]: BlastRadius[K] } = {
    service: ix.ids[v]!, downCount: counts.downCount[v]!, degradedCount: counts.degradedCount[v]!,
  } as BlastRadius;
  // Key order is output order (reports serialise these rows as they are).
  if (m) { row.down = m.down; row.degraded = m.degraded; if (m.delayed) row.delayed = m.delayed; }
  row.score = counts.score[v]!;
  row.entrypointsHit = counts.entrypointsHit[v]!;
  if (t !== undefined) row.timeToImpactMin = t;
  return row;
}

/**
 * Services by score (descending), then id. Scores are sums of halves, so (top score − score)·2 and
 * the id rank pack into one exact float key and a numeric sort does it (a comparator sort of 100k
 * services costs ~10× more); anything else takes the comparator.
 */
export function ranking(score: Float64Array, o: IdOrder): Int32Array {
  const n = score.length;
  let top = 0;
  let halves = true;
  for (let v = 0; v < n; v++) { top = Math.max(top, score[v]!); if (!Number.isInteger(2 * score[v]!) || score[v]! < 0) halves = false; }
  if (!halves || (2 * top + 1) * n >= 2 ** 53) {
    return Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b]! - score[a]! || o.rank[a]! - o.rank[b]!);
  }
  const keys = new Float64Array(n);
  for (let v = 0; v < n; v++) keys[v] = (2 * (top - score[v]!)) * n + o.rank[v]!;
  keys.sort();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = o.byRank[keys[i]! % n]!;
  return out;
}

/** Entrypoints by id (rank order is id order), each with its SPOF count and list. */
function spofTable(ix: Index, counts: BlastCounts, o: IdOrder): Audit['spof'] {
  const out: { entrypoint: string; count: number; services: string[] }[] = [];
  for (let r = 0; r < ix.n; r++) {
    const e = o.byRank[r]!;
    const list = counts.spof.get(e);
    if (!list) continue;
    const services = new Array<string>(list.length);
    for (let j = 0; j < list.length; j++) services[j] = ix.ids[list[j]!]!;
    out.push({ entrypoint: ix.ids[e]!, count: counts.spofCount[e]!, services });
  }
  return out;
}

/**
 * Services in id order (code units): `rank[v]` is v's position, `byRank` the inverse. Sorting by
 * rank is sorting by id, with a numeric typed-array sort instead of string compares.
 */
export interface IdOrder { readonly rank: Int32Array; readonly byRank: Int32Array }

export function idOrder(ids: readonly string[]): IdOrder {
  const byRank = Int32Array.from({ length: ids.length }, (_, i) => i).sort((a, b) => cmp(ids[a]!, ids[b]!));
  const rank = new Int32Array(ids.length);
  byRank.forEach((v, r) => { rank[v] = r; });
  return { rank, byRank };
}

/** Member lists of single failures, one exact propagation each. */
class MemberLists {
  private readonly propagator: Propagator;
  /** Scratch: a hit service's slot in the propagation's result; ranks of a big hit set, marked. */
  private readonly slot: Int32Array;
  private readonly marked: Uint8Array;

  constructor(private readonly ix: Index, private readonly o: IdOrder) {
    this.propagator = new Propagator(ix);
    this.slot = new Int32Array(ix.n);
    this.marked = new Uint8Array(ix.n);
  }

  /** The ranks ascending: sorted when few, else read off a bitmap of all ranks in one scan. */
  private ascending(ranks: Int32Array): Int32Array {
    if (ranks.length * 16 < this.ix.n) return ranks.sort();
    const marked = this.marked;
    for (let i = 0; i < ranks.length; i++) marked[ranks[i]!] = 1;
    let j = 0;
    for (let r = 0; r < marked.length; r++) if (marked[r]) { marked[r] = 0; ranks[j++] = r; }
    return ranks;
  }

  /** Lists by id: the hit services' ranks sorted as numbers, each read back through its slot. */
  of(v: number): Members {
    const { ix, o, slot } = this;
    const { hit, tDegraded, tDown } = this.propagator.hits(v);
    const ranks = new Int32Array(hit.length);
    for (let i = 0; i < hit.length; i++) { slot[hit[i]!] = i; ranks[i] = o.rank[hit[i]!]!; }
    this.ascending(ranks);
    const down: string[] = [];
    const degraded: string[] = [];
    const delayed: { service: string; state: 'down' | 'degraded'; atMin: number; rank: number }[] = [];
    for (let i = 0; i < ranks.length; i++) {
      const x = o.byRank[ranks[i]!]!;
      const k = slot[x]!;
      const isDown = tDown[k]! < Infinity;
      (isDown ? down : degraded).push(ix.ids[x]!);
      const at = tDegraded[k]!;
      if (at > 0) delayed.push({ service: ix.ids[x]!, state: isDown ? 'down' : 'degraded', atMin: isDown ? tDown[k]! : at, rank: ranks[i]! });
    }
    return {
      down, degraded,
      ...(delayed.length > 0 ? {
        delayed: delayed.sort((a, b) => a.atMin - b.atMin || a.rank - b.rank).map((d) => ({ service: d.service, state: d.state, atMin: d.atMin })),
      } : {}),
    };
  }
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

