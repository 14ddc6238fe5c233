/**
 * JSON inputs (Jaeger, Kiali) with line numbers: parsed as YAML, of which JSON is a subset, so each
 * object knows where it starts (strict JSON takes a fast path). A file that is not one document is
 * tried as NDJSON, line by line.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { parseStrictJson } from './json-fast.js';
import { parseYamlDocs, type Lines } from './located.js';

export interface JsonValues {
  readonly values: readonly { readonly value: unknown; readonly lines: Lines }[];
  readonly diagnostics: readonly Diagnostic[];
}

export function parseJsonish(text: string, file: string): JsonValues {
  const fast = parseStrictJson(text, file);
  if (fast) return { values: [fast], diagnostics: [] };
  const whole = parseYamlDocs(text, file);
  if (!whole.diagnostics.some((d) => d.severity === 'error')) return { values: whole.docs.map((value) => ({ value, lines: whole.lines })), diagnostics: whole.diagnostics };
  const rows = text.split('\n');
  if (rows.filter((r) => r.trim() !== '').length < 2) return { values: [], diagnostics: whole.diagnostics };
  const values: { value: unknown; lines: Lines }[] = [];
  for (const [i, row] of rows.entries()) {
    if (row.trim() === '') continue;
    const one = parseStrictJson(row, file, i);
    if (!one) return { values: [], diagnostics: whole.diagnostics };
    values.push(one);
  }
  return { values, diagnostics: [] };
}
