/**
 * Turns the analyses' tables into located findings under the rules: severity per rule (or off),
 * thresholds, ignores. Every finding points at the YAML line it is about (the edge, the resource,
 * the event) and carries a fingerprint that survives edits elsewhere in the file.
 */
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import type { Model } from '../model/types.js';
import { FINDERS, type Tables } from './finders.js';
import { globMatch, type Ignore, type RuleId, type Rules } from './rules.js';
import type { Finding, Severity } from './types.js';
import { cmp } from '../model/order.js';

/** A SPOF finding lists at most this many services (as does `Audit.spof` on big graphs). */
export const SPOF_SERVICES = 100;

export function buildFindings(model: Model, t: Tables, rules: Rules): { findings: Finding[]; suppressed: number } {
  const out: Finding[] = [];
  for (const rule of Object.keys(FINDERS) as RuleId[]) {
    const set = rules.severity[rule];
    if (set === 'off') continue;
    for (const { finding, key, lower } of FINDERS[rule]({ model, t, rules })) {
      const severity: Severity = lower ? (set === 'error' ? 'warn' : 'info') : set;
      out.push({ rule, severity, ...finding, fingerprint: fingerprint(`${rule}|${model.name}|${key}`) });
    }
  }
  const kept = out.filter((f) => !rules.ignore.some((i) => ignores(i, f)));
  return { findings: sortFindings(kept), suppressed: out.length - kept.length };
}

export function sortFindings<T extends Finding>(fs: T[]): T[] {
  return fs.sort((a, b) => cmp(a.location.file, b.location.file) || a.location.line - b.location.line
    || a.location.column - b.location.column || cmp(a.rule, b.rule) || cmp(a.message, b.message));
}

function ignores(i: Ignore, f: Finding): boolean {
  if (i.rule !== undefined && !globMatch(i.rule, f.rule)) return false;
  if (i.file !== undefined && !globMatch(i.file, f.location.file)) return false;
  if (i.service !== undefined && !f.services.some((s) => globMatch(i.service!, s))) return false;
  if (i.path !== undefined) {
    const p = f.path ?? [];
    const at = (k: number) => i.path!.every((g, j) => p[k + j] !== undefined && globMatch(g, p[k + j]!));
    if (!p.some((_, k) => at(k))) return false;
  }
  return true;
}

/** One-shot hashing (Node ≥ 20.12; ~2× cheaper per finding than a Hash object), else a Hash object: the same digest. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function fingerprint(key: string): string {
  return (oneShot ? oneShot('sha256', key, 'hex') : createHash('sha256').update(key).digest('hex')).slice(0, 16);
}

