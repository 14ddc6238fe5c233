/**
 * Remediation search: for the top fix-first problems, generate candidate changes (candidates.ts),
 * apply each merge patch to the model, re-audit the patched graph, and keep the candidates that
 * remove at least one of the problem's findings without adding an error-level finding or raising
 * the total fix-first score. What a
 * remediation claims to remove is exactly the difference in finding fingerprints before and after:
 * nothing is estimated. Ranked by findings removed per unit of change, then fix-first score
 * reduced per unit of change, then the smaller change, then id.
 * Costs one audit per candidate, so it runs only when asked (`audit --suggest`).
 */
import type { JsonObject, Model } from '../model/types.js';
import { patchModel } from '../model/check.js';
import { candidatesFor, type Candidate } from './candidates.js';
import { buildIndex } from './graph.js';
import { audit } from './audit.js';
import { priorities, type Priority } from './priorities.js';
import type { Rules } from './rules.js';
import type { Audit } from './types.js';
import { cmp } from '../model/order.js';
import { pushAll } from '../model/arrays.js';

export interface Remediation {
  readonly id: string;
  readonly title: string;
  /** RFC 7386 merge patch of the graph document. */
  readonly patch: JsonObject;
  /** Fingerprints of the findings the patched graph no longer has. */
  readonly removes: readonly string[];
  /** Fingerprints of findings only the patched graph has (never error-level). */
  readonly adds: readonly string[];
  /** Rank of the fix-first problem it was generated for. */
  readonly problem: number;
  readonly cost: number;
  /** Sum of the fix-first scores before and after the change. */
  readonly scoreBefore: number;
  readonly scoreAfter: number;
}

export interface SearchOptions {
  /** Problems searched, best-ranked first. Default 10. */
  readonly problems?: number;
  /** Remediations kept per problem: the best of each kind of change, at most this many. Default 5. */
  readonly perProblem?: number;
}

/** Re-audit without member lists: findings do not depend on them. */
export function quickAudit(model: Model, rules: Rules): Audit {
  return audit(model, rules, { listAllUpTo: 0, top: 0 });
}

export function totalScore(ps: readonly Priority[]): number {
  return Math.round(ps.reduce((s, p) => s + p.score, 0) * 100) / 100;
}

export function remediations(model: Model, rules: Rules, options: SearchOptions = {}): Remediation[] {
  const before = quickAudit(model, rules);
  const ps = priorities(before, model);
  const scoreBefore = totalScore(ps);
  const have = new Set(before.findings.map((f) => f.fingerprint!));
  const ix = buildIndex(model);
  const verified = new Map<string, Remediation | undefined>();
  const emitted = new Set<string>();
  const out: Remediation[] = [];
  for (const p of ps.slice(0, options.problems ?? 10)) {
    const mine = new Set(p.findings.map((i) => before.findings[i]!.fingerprint!));
    const kept: Remediation[] = [];
    for (const c of candidatesFor(p, before, model, ix, rules)) {
      const key = JSON.stringify(c.patch);
      if (emitted.has(key)) continue;
      if (!verified.has(key)) verified.set(key, verify(model, rules, c, have, scoreBefore, p.rank));
      const r = verified.get(key);
      if (r && r.scoreAfter <= r.scoreBefore && r.removes.some((f) => mine.has(f)) && !kept.some((k) => k.id === r.id)) kept.push({ ...r, problem: p.rank });
    }
    const best = bestOfEachKind(kept.sort(byValue), options.perProblem ?? 5);
    for (const r of best) emitted.add(JSON.stringify(r.patch));
    pushAll(out, best);
  }
  return uniqueIds(out);
}

/** The best change of each kind (async, soft, fallback, standby, a fleet setting…), best first. */
function bestOfEachKind(sorted: readonly Remediation[], max: number): Remediation[] {
  const kinds = new Set<string>();
  return sorted.filter((r) => { const k = r.id.split('-')[0]!; if (kinds.has(k)) return false; kinds.add(k); return true; }).slice(0, max);
}

/** Two different patches over the same first edge and count would share an id: number the later ones. */
function uniqueIds(rs: readonly Remediation[]): Remediation[] {
  const used = new Set<string>();
  return rs.map((r) => {
    let id = r.id;
    for (let k = 2; used.has(id); k++) id = `${r.id}-${k}`;
    used.add(id);
    return id === r.id ? r : { ...r, id };
  });
}

/** The candidate applied and re-audited; undefined when the patch is invalid or adds an error. */
export function verify(model: Model, rules: Rules, c: Candidate, have: ReadonlySet<string>, scoreBefore: number, problem: number): Remediation | undefined {
  const patched = patchModel(model, c.patch, model.services[0]?.loc ?? { file: model.file, line: 1, column: 1 });
  if (!patched.value) return undefined;
  const after = quickAudit(patched.value, rules);
  const now = new Set(after.findings.map((f) => f.fingerprint!));
  if (after.findings.some((f) => f.severity === 'error' && !have.has(f.fingerprint!))) return undefined;
  const removes = [...have].filter((f) => !now.has(f)).sort(cmp);
  const adds = [...now].filter((f) => !have.has(f)).sort(cmp);
  return { id: c.id, title: c.title, patch: c.patch, removes, adds, problem, cost: c.cost, scoreBefore, scoreAfter: totalScore(priorities(after, patched.value)) };
}

function byValue(a: Remediation, b: Remediation): number {
  return b.removes.length / b.cost - a.removes.length / a.cost
    || (b.scoreBefore - b.scoreAfter) / b.cost - (a.scoreBefore - a.scoreAfter) / a.cost
    || a.cost - b.cost || cmp(a.id, b.id);
}
