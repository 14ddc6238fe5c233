/** A problem found in an input file, located on the YAML node it concerns. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** A suggestion, e.g. `did you mean "cloudwatch"?` */
  readonly hint?: string;
}

/** `FILE:LINE:COL: error: MESSAGE (hint)` — compiler style, so editors can jump to it. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`;
}

/** Thrown only for bad input the CLI reports with exit code 2; anything else is a bug. */
export class InputError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
  }
}
