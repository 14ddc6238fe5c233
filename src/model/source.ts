/**
 * The hostile-input front door for every YAML source (graphs, rules files): not a regular file,
 * size cap, invalid UTF-8, absurd nesting, YAML syntax, duplicate keys, several documents, alias
 * bombs — each a located diagnostic, never a throw. Files in the common YAML subset (and JSON) take
 * the fast reader (yaml-subset.ts, ~10× faster); the rest, and every file with a syntax problem,
 * the yaml library.
 */
import { readFileSync, readSync, statSync } from 'node:fs';
import { isScalar, LineCounter, parseDocument, visit, type Document, type Node, type Scalar } from 'yaml';
import { tidy, type Diagnostic } from './diagnostic.js';
import { findTooDeep, MAX_DEPTH } from './guard.js';
import { yamlLocator, type Locator } from './locate.js';
import { quote } from './sanitize.js';
import { offsetLocator, offsetPosition } from './source-offsets.js';
import type { JsonValue } from './types.js';
import { readYamlSubset } from './yaml-subset.js';

/**
 * Measured: the 100k-service synthetic graph is 33.7 MB of YAML, 55 MB of indented JSON (3.6 s and
 * 0.65 GB through the fast reader); 64 MB leaves room and bounds memory.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** yaml's alias budget (it counts expanded nodes, not `*refs`): real graphs use a handful. */
export const MAX_ALIASES = 100;

export interface LoadOptions {
  /**
   * 'fast' (default): the subset reader where it can, the yaml library otherwise. 'yaml': always
   * the yaml library — the reference the fast reader is tested and benchmarked against.
   */
  readonly reader?: 'fast' | 'yaml';
}

/** Either the value or the located errors that stopped it. */
export type Source<T> = { readonly value: T; readonly errors?: undefined } | { readonly value?: undefined; readonly errors: readonly Diagnostic[] };

export interface Located {
  readonly json: JsonValue;
  readonly locate: Locator;
  /**
   * Keys given twice in one mapping (the later value is kept). Errors, but the document is still
   * checked further, so one run shows them together with every other problem.
   */
  readonly duplicates?: readonly Diagnostic[];
}

/**
 * The text of a source file, or one located error: not a regular file, over `maxBytes`, unreadable,
 * not UTF-8 (located at the first bad byte). `what` names the file in messages ("graph file").
 */
export function readSource(file: string, what = 'graph file', maxBytes = MAX_FILE_BYTES): Source<string> {
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return fileError(file, `is a directory, not a ${what}`);
    if (!stat.isFile()) return fileError(file, 'is not a regular file');
    if (stat.size > maxBytes) return fileError(file, `file is ${stat.size} bytes, over the ${maxBytes}-byte limit`);
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fileError(file, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read file (${code ?? 'unknown error'})`);
  }
  if (bytes.length > maxBytes) return fileError(file, `file is over the ${maxBytes}-byte limit`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return invalidUtf8(file, bytes);
  }
  return { value: text };
}

/**
 * Standard input as text, with the same size and UTF-8 checks as a file; errors name `<stdin>`.
 * Read in chunks so an endless or huge pipe stops at the limit instead of filling memory.
 */
export function readStdin(maxBytes = MAX_FILE_BYTES): Source<string> {
  const file = '<stdin>';
  const chunks: Buffer[] = [];
  const chunk = Buffer.alloc(1 << 16);
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); continue; } // non-blocking pipe: wait for data
      if (code === 'EOF') break;
      return fileError(file, `cannot read standard input (${code ?? 'unknown error'})`);
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) return fileError(file, `input is over the ${maxBytes}-byte limit`);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  const bytes = Buffer.concat(chunks);
  try {
    return { value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return invalidUtf8(file, bytes);
  }
}

/**
 * A YAML (or JSON) text as plain JSON plus a locator back to its nodes, or located syntax errors:
 * absurd nesting, YAML syntax, duplicate keys, several documents, alias bombs.
 */
export function parseSource(text: string, file: string, options: LoadOptions = {}): Source<Located> {
  const lines = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const deep = findTooDeep(text);
  if (deep) {
    const before = text.slice(0, deep.offset);
    const line = before.split('\n').length;
    const column = deep.offset - before.lastIndexOf('\n');
    return { errors: [{ file, line, column, severity: 'error', message: `nesting deeper than ${MAX_DEPTH} levels`, hint: 'real files need about ten; is this one generated by mistake?' }] };
  }
  // Most files are plain block YAML or JSON: read them directly. Anything else, and every syntax
  // problem, goes to the yaml library below, which locates each diagnostic.
  const fast = options.reader === 'yaml' ? undefined : readYamlSubset(text);
  if (fast) {
    const pos = offsetPosition(file, fast.text);
    const duplicates = tidy(fast.duplicates.map((d): Diagnostic => ({ ...pos(d.offset), severity: 'error', ...yamlMessage('DUPLICATE_KEY', '', d.key) })));
    return { value: { json: fast.value, locate: offsetLocator(file, fast.text, fast.offsets), ...(duplicates.length > 0 ? { duplicates } : {}) } };
  }
  let doc: Document.Parsed;
  try {
    // uniqueKeys off: yaml checks it with a linear scan per key (quadratic: 10k services took 20 s);
    // duplicateKeys below does the same in linear time.
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    if (e instanceof RangeError) return fileError(file, 'the document is nested too deeply to read');
    throw e;
  }
  // A tab in indentation throws the parser off for the rest of the block: report the tabs, one
  // error per line, and none of the errors they cause.
  const tabs = doc.errors.filter((e) => e.code === 'TAB_AS_INDENT');
  const shown = tabs.length > 0 ? tabs.filter((e, i) => i === 0 || at(e.pos[0]).line !== at(tabs[i - 1]!.pos[0]).line) : doc.errors;
  const syntax: Diagnostic[] = shown.map((e) => ({ ...at(e.pos[0]), severity: 'error', ...yamlMessage(e.code, e.message, text.slice(e.pos[0], e.pos[1])) }));
  if (syntax.length > 0) return { errors: tidy(syntax) };
  const duplicates = tidy(duplicateKeys(doc).map((key): Diagnostic => ({ ...at(key.range![0]), severity: 'error', ...yamlMessage('DUPLICATE_KEY', '', String(key.value)) })));
  let json: unknown;
  try {
    json = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    if (e instanceof RangeError) return fileError(file, 'the document is nested too deeply to read');
    if (!/alias/i.test((e as Error).message)) throw e;
    return { errors: [{ ...firstAlias(doc, at, file), severity: 'error', message: `aliases expand to too many nodes (over ${MAX_ALIASES}): refusing a possible alias bomb`, hint: 'write the repeated parts out, or use fewer nested aliases' }] };
  }
  return { value: { json: json as JsonValue, locate: yamlLocator(file, doc, lines), ...(duplicates.length > 0 ? { duplicates } : {}) } };
}

function yamlMessage(code: string, message: string, source: string): { message: string; hint?: string } {
  switch (code) {
    case 'DUPLICATE_KEY': return { message: `duplicate key ${quote(source.trim())}`, hint: 'each key may appear once in a mapping; merge the two entries' };
    case 'MULTIPLE_DOCS': return { message: 'the file holds several YAML documents', hint: 'a graph file is one document: remove the "---" separator or split the file' };
    case 'RESOURCE_EXHAUSTION': return { message: 'the document is nested too deeply to read' };
    case 'TAB_AS_INDENT': return { message: 'a tab in the indentation', hint: 'YAML indents with spaces only; replace the tab with spaces' };
    default: return { message: `YAML syntax: ${message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')}` };
  }
}

/** Second and later occurrences of a key in a mapping (compared as the JSON form compares them). */
function duplicateKeys(doc: Document): Scalar[] {
  const dups: Scalar[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key) && pair.key.range) dups.push(pair.key);
        seen.add(key);
      }
    },
  });
  return dups;
}

function firstAlias(doc: Document, at: (offset: number) => Omit<Diagnostic, 'severity' | 'message'>, file: string) {
  let found: Node | undefined;
  visit(doc, { Alias(_, node) { found = node; return visit.BREAK; } });
  return found?.range ? at(found.range[0]) : { file, line: 1, column: 1 };
}

function invalidUtf8(file: string, bytes: Buffer): Source<never> {
  // Locate the first bad byte: decode growing prefixes would be quadratic, so find it by scanning.
  let line = 1;
  let column = 1;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    if (ok && len > 1) {
      try { decoder.decode(bytes.subarray(i, i + len)); } catch { ok = false; }
    }
    if (!ok) break;
    if (b === 0x0a) { line++; column = 1; } else column++;
    i += len;
  }
  return { errors: [{ file, line, column, severity: 'error', message: 'the file is not valid UTF-8', hint: 'save it as UTF-8' }] };
}

function fileError(file: string, message: string): Source<never> {
  return { errors: [{ file, line: 1, column: 1, severity: 'error', message }] };
}
