/**
 * Reads a graph file into a Model, or into located diagnostics. Bad input never throws past here:
 * the source checks (source.ts), then shape (schema) and meaning (build, patches).
 */
import type { BuildResult } from './build.js';
import { checkDocument } from './check.js';
import { tidy } from './diagnostic.js';
import { parseSource, readSource, readStdin, type LoadOptions } from './source.js';

export { MAX_ALIASES, MAX_FILE_BYTES, type LoadOptions } from './source.js';

/** How diagnostics name standard input (`-` on the command line). */
export const STDIN_NAME = '<stdin>';

/** A graph file, or standard input when `file` is `-` (diagnostics then say `<stdin>:LINE:COL`). */
export function loadFile(file: string): BuildResult {
  if (file === '-') {
    const source = readStdin();
    return source.errors ? { errors: source.errors } : loadText(source.value, STDIN_NAME);
  }
  const source = readSource(file);
  return source.errors ? { errors: source.errors } : loadText(source.value, file);
}

export function loadText(text: string, file: string, options: LoadOptions = {}): BuildResult {
  const parsed = parseSource(text, file, options);
  if (parsed.errors) return { errors: parsed.errors };
  const { model, ...result } = checkDocument(parsed.value.json, file, parsed.value.locate);
  // Duplicate keys are errors, but every other problem of the file is reported with them.
  const errors = tidy([...(parsed.value.duplicates ?? []), ...result.errors]);
  return { ...(model && errors.length === 0 ? { model } : {}), errors, ...(result.warnings ? { warnings: tidy(result.warnings) } : {}) };
}
