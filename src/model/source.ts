/**
 * The hostile-input front door for every YAML source (graphs, rules files): not a regular file,
 * size cap, invalid UTF-8, absurd nesting, YAML syntax, duplicate keys, several documents, alias
 * bombs — each a located diagnostic, never a throw. JSON without problems takes JSON.parse
 * (json-source.ts); files in the common YAML subset (and other JSON) the fast reader (yaml-subset.ts,
 * ~10× faster than the library); the rest, and every file with a syntax problem, the yaml library.
 */
import { readSync } from 'node:fs';
import type { Document, Node, Scalar, YAMLError } from 'yaml';
import { tidy, type Diagnostic, type Loaded } from './diagnostic.js';
import { readRegularFile } from './files.js';
import { findTooDeep, MAX_DEPTH } from './guard.js';
import { readJson, tapeLocator } from './json-source.js';
import { yamlLocator, type Locator } from './locate.js';
import { quote } from './sanitize.js';
import { offsetLocator, offsetPosition } from './source-offsets.js';
import type { JsonValue } from './types.js';
import { unclosedFlows, yamlLib } from './yaml-lib.js';
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
   * 'fast' (default): JSON.parse for JSON (json-source.ts), the subset reader where it can, the yaml
   * library otherwise. 'located': never JSON.parse — the reference the JSON way is tested against.
   * 'yaml': always the yaml library — the reference the subset reader is tested and benchmarked against.
   */
  readonly reader?: 'fast' | 'located' | 'yaml';
}


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
export function readSource(file: string, what = 'graph file', maxBytes = MAX_FILE_BYTES): Loaded<string> {
  const read = readRegularFile(file, maxBytes, what);
  if (read.error !== undefined) return fileError(file, read.error, read.tooBig && what === 'graph file' ? RAISE_LIMIT : undefined);
  const bytes = read.bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return invalidUtf8(file, bytes);
  }
  // YAML forbids NUL, and a NUL is the mark of a binary file given by mistake.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { errors: [{ ...offsetPosition(file, text)(nul), severity: 'error', message: 'the file contains a NUL byte (a binary file?); not read' }] };
  return { value: text, warnings: [] };
}

/**
 * Standard input as text, with the same size and UTF-8 checks as a file; errors name `<stdin>`.
 * Read in chunks so an endless or huge pipe stops at the limit instead of filling memory.
 */
export function readStdin(maxBytes = MAX_FILE_BYTES): Loaded<string> {
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
    if (total > maxBytes) return fileError(file, `input is over the ${maxBytes}-byte limit`, RAISE_LIMIT);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  const bytes = Buffer.concat(chunks);
  try {
    return { value: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warnings: [] };
  } catch {
    return invalidUtf8(file, bytes);
  }
}

/**
 * A YAML (or JSON) text as plain JSON plus a locator back to its nodes, or located syntax errors:
 * absurd nesting, YAML syntax, duplicate keys, several documents, alias bombs.
 */
export function parseSource(text: string, file: string, options: LoadOptions = {}): Loaded<Located> {
  // The JSON way checks nesting itself (json-tape.ts), and leaves every text with a problem to the located way.
  const json = options.reader === undefined || options.reader === 'fast' ? readJson(text) : undefined;
  if (json) return { value: { json: json.value, locate: json.tape ? tapeLocator(file, text, json.value, json.tape) : lazyLocator(text, file) }, warnings: [] };
  return parseLocated(text, file, options);
}

/** The located reading of a text JSON.parse read, started only when a diagnostic needs a position. */
function lazyLocator(text: string, file: string): Locator {
  let located: Locator | undefined;
  return (path, at) => {
    located ??= parseLocated(text, file, { reader: 'located' }).value?.locate ?? (() => ({ file, line: 1, column: 1 }));
    return located(path, at);
  };
}

function parseLocated(text: string, file: string, options: LoadOptions): Loaded<Located> {
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
    return { value: { json: fast.value, locate: offsetLocator(file, fast.text, fast.offsets), ...(duplicates.length > 0 ? { duplicates } : {}) }, warnings: [] };
  }
  return parseWithLibrary(text, file);
}

/** The yaml library's reading: every YAML, and a located diagnostic for every problem. */
function parseWithLibrary(text: string, file: string): Loaded<Located> {
  const { LineCounter, parseDocument } = yamlLib();
  const lines = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
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
  const opened = openings(text, shown);
  const syntax: Diagnostic[] = shown.map((e) => ({ ...at(e.pos[0]), severity: 'error', ...yamlMessage(e.code, e.message, text.slice(e.pos[0], e.pos[1])), ...opened(e, at) }));
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
  return { value: { json: json as JsonValue, locate: yamlLocator(file, doc, lines), ...(duplicates.length > 0 ? { duplicates } : {}) }, warnings: [] };
}

/**
 * For "Flow map/sequence … must end with a }" (reported where the block goes on, often the next
 * line): where that collection was opened — the nearest unclosed one of its kind before the error.
 */
function openings(text: string, errors: readonly YAMLError[]) {
  const open = errors.some((e) => FLOW_END.test(e.message)) ? unclosedFlows(text) : [];
  return (e: YAMLError, at: (offset: number) => { line: number; column: number }): { message?: string; hint?: string } => {
    const kind = FLOW_END.exec(e.message)?.[1] === 'map' ? 'map' : 'seq';
    const i = FLOW_END.test(e.message) ? open.findLastIndex((o) => o.kind === kind && o.offset < e.pos[0]) : -1;
    if (i < 0) return {};
    const { line, column } = at(open.splice(i, 1)[0]!.offset);
    const [bracket, close] = kind === 'map' ? ['{', '}'] : ['[', ']'];
    return {
      message: `YAML syntax: the flow ${kind === 'map' ? 'mapping' : 'sequence'} "${bracket}" opened at line ${line}, column ${column} is still open here`,
      hint: `close it with "${close}"; lines it goes on over must be indented more than its key`,
    };
  };
}
const FLOW_END = /^Flow (map|sequence) in block collection must be sufficiently indented and end with/;

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
  const { isScalar, visit } = yamlLib();
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
  const { visit } = yamlLib();
  visit(doc, { Alias(_, node) { found = node; return visit.BREAK; } });
  return found?.range ? at(found.range[0]) : { file, line: 1, column: 1 };
}

function invalidUtf8(file: string, bytes: Buffer): Loaded<never> {
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

function fileError(file: string, message: string, hint?: string): Loaded<never> {
  return { errors: [{ file, line: 1, column: 1, severity: 'error', message, ...(hint ? { hint } : {}) }] };
}

const RAISE_LIMIT = 'raise the limit with --max-file-size, e.g. --max-file-size 400MB';
