/**
 * Reads a graph file into a Model, or into located diagnostics. Bad input never throws past here:
 * size cap, invalid UTF-8, YAML syntax, alias bombs, duplicate keys, shape, then meaning.
 */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { checkDocument } from './check.js';
import type { Diagnostic } from './diagnostic.js';
import { yamlLocator } from './locate.js';
import type { BuildResult } from './build.js';

export const MAX_FILE_BYTES = 16 * 1024 * 1024;
export const MAX_ALIASES = 100;

export function loadFile(file: string): BuildResult {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) return fileError(file, `file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit`);
    bytes = readFileSync(file);
  } catch (e) {
    return fileError(file, `cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fileError(file, 'file is not valid UTF-8');
  }
  return loadText(text, file);
}

export function loadText(text: string, file: string): BuildResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const syntax: Diagnostic[] = doc.errors.map((e) => {
    const { line, col } = lines.linePos(e.pos[0]);
    return { file, line, column: col, severity: 'error', message: e.message.split('\n')[0]! };
  });
  if (syntax.length > 0) return { errors: syntax };
  let json: unknown;
  try {
    json = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return fileError(file, `cannot expand the document: ${(e as Error).message}`);
  }
  return checkDocument(json as never, file, yamlLocator(file, doc, lines));
}

function fileError(file: string, message: string): BuildResult {
  return { errors: [{ file, line: 1, column: 1, severity: 'error', message }] };
}
