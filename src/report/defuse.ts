/**
 * The reports' one door: every string of the report data, whatever its origin (titles, notes,
 * sources, `for` texts, cause texts, ids), loses its control, bidi and zero-width characters before
 * any format renders it. The per-format escapes (model/escape.ts) then only deal with their own syntax,
 * and a new field cannot forget it. A JSON report stays the same shape; its strings lose only
 * characters no reader should see raw (a report may be `cat`ed to a terminal).
 */
import { strip } from '../model/sanitize.js';

export function defuse<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return strip(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[strip(k)] = walk(v);
  return out;
}
