/**
 * Reads a graph file into a Model, or into located diagnostics. Bad input never throws past here:
 * the source checks (source.ts), then shape (schema) and meaning (build, patches).
 */
import { checkDocument } from './check.js';
import { tidy, type Loaded } from './diagnostic.js';
import type { Model } from './types.js';
import { MAX_FILE_BYTES, parseSource, readSource, readStdin, type LoadOptions } from './source.js';

export { MAX_ALIASES, MAX_FILE_BYTES, type LoadOptions } from './source.js';

/** How diagnostics name standard input (`-` on the command line). */
export const STDIN_NAME = '<stdin>';

/**
 * A graph file, or standard input when `file` is `-` (diagnostics then say `<stdin>:LINE:COL`),
 * of at most `maxBytes`.
 */
export function loadFile(file: string, maxBytes = MAX_FILE_BYTES): Loaded<Model> {
  if (file === '-') {
    const source = readStdin(maxBytes);
    return source.errors ? { errors: source.errors } : loadText(source.value, STDIN_NAME);
  }
  const source = readSource(file, 'graph file', maxBytes);
  return source.errors ? { errors: source.errors } : loadText(source.value, file);
}

export function loadText(text: string, file: string, options: LoadOptions = {}): Loaded<Model> {
  const parsed = parseSource(text, file, options);
  if (parsed.errors) return { errors: parsed.errors };
  const result = checkDocument(parsed.value.json, file, parsed.value.locate);
  // Duplicate keys are errors, but every other problem of the file is reported with them.
  const errors = tidy([...(parsed.value.duplicates ?? []), ...(result.errors ?? [])]);
  const warnings = tidy(result.warnings ?? []);
  if (result.errors || errors.length > 0) return { errors, ...(warnings.length > 0 ? { warnings } : {}) };
  return { value: result.value, warnings };
}
