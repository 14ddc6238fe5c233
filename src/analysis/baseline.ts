/**
 * Baselines (like dependency-cruiser's known-violations): a JSON file of finding fingerprints that
 * are accepted for now, so CI fails only on new ones. Fingerprints hash the rule, the graph name
 * and what the finding is about — never line numbers or figures — so edits elsewhere keep them.
 */
import type { Diagnostic, Loaded } from '../model/diagnostic.js';
import { readSource } from '../model/source.js';
import type { Finding } from './types.js';

/** A baseline lists findings by key: a few MB would already be millions of them. */
const MAX_BASELINE_BYTES = 16 * 1024 * 1024;

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

export function loadBaseline(file: string): Loaded<Baseline> {
  const source = readSource(file, 'baseline file', MAX_BASELINE_BYTES);
  return source.errors ? source : parseBaseline(source.value, file);
}

/** A baseline file's text, or what is wrong with it (located on the file: JSON has no positions here). */
export function parseBaseline(text: string, file: string): Loaded<Baseline> {
  const error = (message: string): Loaded<Baseline> => ({ errors: [{ file, line: 1, column: 1, severity: 'error', message } satisfies Diagnostic] });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return error(`not JSON: ${(e as Error).message}`);
  }
  const b = doc as Partial<Baseline> | null;
  if (!b || typeof b !== 'object' || b['faultline-baseline'] !== 1) return error('not a faultline baseline (expected "faultline-baseline": 1)');
  if (!Array.isArray(b.findings) || !b.findings.every((f) => f && typeof f === 'object' && typeof f.fingerprint === 'string')) {
    return error('"findings" must be a list of objects with a "fingerprint"');
  }
  return { value: b as Baseline, warnings: [] };
}

/** The findings not in the baseline, and how many were. */
export function applyBaseline<T extends Finding>(findings: readonly T[], baseline: Baseline): { kept: T[]; known: number } {
  const known = new Set(baseline.findings.map((f) => f.fingerprint));
  const kept = findings.filter((f) => !f.fingerprint || !known.has(f.fingerprint));
  return { kept, known: findings.length - kept.length };
}
