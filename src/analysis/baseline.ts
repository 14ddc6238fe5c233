/**
 * Baselines (like dependency-cruiser's known-violations): a JSON file of finding fingerprints that
 * are accepted for now, so CI fails only on new ones. Fingerprints hash the rule, the graph name
 * and what the finding is about — never line numbers or figures — so edits elsewhere keep them.
 */
import type { Finding } from './types.js';

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly rule: string;
  readonly message: string;
}

export interface Baseline {
  readonly 'faultline-baseline': 1;
  readonly findings: readonly BaselineEntry[];
}

export function makeBaseline(findings: readonly Finding[]): Baseline {
  const entries = findings.filter((f) => f.fingerprint).map((f) => ({ fingerprint: f.fingerprint!, rule: f.rule, message: f.message }));
  entries.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { 'faultline-baseline': 1, findings: entries };
}

/** Parses a baseline file's text; a string is the problem when it is not one. */
export function parseBaseline(text: string): Baseline | string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
  const b = doc as Partial<Baseline> | null;
  if (!b || typeof b !== 'object' || b['faultline-baseline'] !== 1) return 'not a faultline baseline (expected "faultline-baseline": 1)';
  if (!Array.isArray(b.findings) || !b.findings.every((f) => f && typeof f === 'object' && typeof f.fingerprint === 'string')) {
    return '"findings" must be a list of objects with a "fingerprint"';
  }
  return b as Baseline;
}

/** The findings not in the baseline, and how many were. */
export function applyBaseline<T extends Finding>(findings: readonly T[], baseline: Baseline): { kept: T[]; known: number } {
  const known = new Set(baseline.findings.map((f) => f.fingerprint));
  const kept = findings.filter((f) => !f.fingerprint || !known.has(f.fingerprint));
  return { kept, known: findings.length - kept.length };
}
