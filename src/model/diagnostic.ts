/** A problem found in an input file, located on the YAML node it concerns. */
import { sanitize } from './sanitize.js';

export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** A suggestion, e.g. `did you mean "metrics"?` */
  readonly hint?: string;
}

/**
 * What every loader returns (a graph, a rules file, a baseline, an import): the value with the
 * warnings found on the way, or the located errors that stopped it (with any warnings found
 * before). `errors` and `value` are never both there, so `if (r.errors)` narrows.
 */
export type Loaded<T> =
  | { readonly value: T; readonly warnings: readonly Diagnostic[]; readonly errors?: undefined }
  | { readonly errors: readonly Diagnostic[]; readonly warnings?: readonly Diagnostic[]; readonly value?: undefined };

/** Diagnostics of several files in file, line, column order. */
export function byPlace(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** The warnings and errors of a result together, in file, line, column order. */
export function diagnosticsOf(r: Loaded<unknown>): Diagnostic[] {
  return [...r.warnings ?? [], ...r.errors ?? []].sort(byPlace);
}

/** Errors reported per file; the rest are counted in one last line. */
export const MAX_ERRORS = 100;

/**
 * `FILE:LINE:COL: error: MESSAGE (hint)` — compiler style, so editors can jump to it. Sanitised:
 * messages quote ids and values from the file, which may hold terminal escapes.
 */
export function formatDiagnostic(d: Diagnostic): string {
  return sanitize(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`);
}

/** Sorted by position, duplicates (same place, same message) removed, at most `cap` kept. */
export function tidy(diagnostics: readonly Diagnostic[], cap = MAX_ERRORS): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.severity}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => a.line - b.line || a.column - b.column);
  if (unique.length <= cap) return unique;
  const rest = unique.length - cap;
  const last = unique[cap]!;
  return [...unique.slice(0, cap), {
    file: last.file, line: last.line, column: last.column, severity: 'error',
    message: `${rest} more error${rest === 1 ? '' : 's'} not shown`, hint: 'fix these first',
  }];
}

/** Thrown only for bad input the CLI reports with exit code 2; anything else is a bug. */
export class InputError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
  }
}
