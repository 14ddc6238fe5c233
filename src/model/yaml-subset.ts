/**
 * A fast reader for the YAML that graph files are made of — block mappings and sequences, one-line
 * plain and quoted scalars, flow collections (so JSON too) and comments — straight into plain
 * values plus source offsets (`SourceOffsets`). The `yaml` library's parser builds a concrete
 * syntax tree and a node tree first; on a 10,000-service graph that took ~2 s of a ~3 s load.
 *
 * It never guesses: anything outside the subset, or that the full parser might read differently or
 * reject (anchors, aliases, tags, multi-line flow and plain scalars, explicit keys, duplicate keys, tabs,
 * mixed line ends, odd indentation, several documents, empty values in flow collections …), makes it
 * return undefined, and the caller reads the file with the `yaml` library, which reports every
 * located diagnostic as before. A differential test (test/model/yaml-subset.test.ts) holds it to
 * the library value for value and offset for offset.
 *
 * This file reads block structure; yaml-flow.ts flow collections; yaml-cursor.ts what they share.
 */
import { MAPPING, SEQUENCE, type SourceOffsets } from './source-offsets.js';
import type { JsonObject, JsonValue } from './types.js';
import { BAIL, bail, blank, COLON, DASH, DQ, HASH, LBRACE, LBRACKET, LF, MAX_KEY, plainStart, SP, SQ } from './yaml-cursor.js';
import { FlowReader } from './yaml-flow.js';
import { blockScalarValue } from './yaml-scalars.js';

export interface SubsetDocument {
  readonly value: JsonValue;
  readonly offsets: SourceOffsets;
  /** The text the offsets count in: the input, with CRLF line ends read as LF. */
  readonly text: string;
  /** Repeated keys (offset of the repeat): the document is an error, as on the yaml library path. */
  readonly duplicates: readonly { readonly key: string; readonly offset: number }[];
}

/** Characters the reader leaves to the full parser wherever they occur (tab, CR, controls, BOM …). */
const UNSUPPORTED = /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff\ufffe\uffff]/;

export function readYamlSubset(input: string): SubsetDocument | undefined {
  const text = withoutCrlf(input);
  if (text === undefined || UNSUPPORTED.test(text)) return undefined;
  const reader = new Reader(text);
  try {
    const value = reader.document();
    return { value, offsets: reader.offsets, text, duplicates: reader.duplicates };
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

/**
 * A file whose every line ends in CRLF reads as the same file with LF: lines and columns are the
 * same in both (the CR sits past the last column). Mixed line ends are left to the full parser.
 */
function withoutCrlf(text: string): string | undefined {
  if (!text.includes('\r')) return text;
  const lf = text.replaceAll('\r\n', '\n');
  if (lf.includes('\r')) return undefined;
  let lines = 0;
  for (let i = lf.indexOf('\n'); i !== -1; i = lf.indexOf('\n', i + 1)) lines++;
  return text.length - lf.length === lines ? lf : undefined;
}

class Reader extends FlowReader {
  offsets: SourceOffsets = { root: 0, members: null };
  /** Set by scanPlain: where the scalar ends (trailing spaces excluded) and its `: `, or -1. */
  private plainEnd = 0;
  private plainColon = -1;
  /** Where the scan that set them started. */
  private plainAt = -1;

  document(): JsonValue {
    this.seek(0);
    if (this.indent < 0) bail();
    const root = this.i;
    const value = this.block(-1);
    if (this.indent !== -1) bail();
    this.offsets = { root, members: this.last };
    return value;
  }

  /** A node in block context starting at the cursor; `parent` is the enclosing collection's indent. */
  private block(parent: number): JsonValue {
    const t = this.t;
    const start = this.i;
    const c = t.charCodeAt(start);
    if (c === DASH && blank(t.charCodeAt(start + 1))) return this.sequence(start - this.lineStart);
    if (c !== LBRACKET && c !== LBRACE) {
      const key = this.key();
      if (key !== undefined) return this.mapping(start - this.lineStart, key, start);
    }
    return this.inline(parent);
  }

  /** A scalar or flow collection that ends its line (the value of `key: …` or of `- …`). */
  private inline(parent: number): JsonValue {
    const t = this.t;
    const start = this.i;
    const c = t.charCodeAt(start);
    let value: JsonValue;
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(parent);
    if (c === LBRACKET || c === LBRACE) {
      const min = parent < 0 && start === this.lineStart ? 0 : Math.max(parent, this.indent) + 1;
      value = this.flow(min);
    } else if (c === DQ || c === SQ) {
      value = this.quoted();
      let j = this.i;
      while (t.charCodeAt(j) === SP) j++;
      if (t.charCodeAt(j) === COLON) bail();
    } else {
      // `- name` was scanned already, as a possible key: the scan depends only on where it starts.
      if (this.plainAt !== start) {
        if (!plainStart(t, start, false)) bail();
        this.scanPlain(start);
      }
      if (this.plainColon >= 0) bail();
      value = this.plain(start, this.plainEnd);
      this.i = this.plainEnd;
    }
    this.endLine();
    return value;
  }

  /** A block mapping key at the cursor, the cursor then past its `:`; undefined (cursor kept) if none. */
  private key(): string | undefined {
    const t = this.t;
    const start = this.i;
    const c = t.charCodeAt(start);
    let name: string;
    let colon: number;
    if (c === DQ || c === SQ) {
      name = this.quoted();
      colon = this.i;
      while (t.charCodeAt(colon) === SP) colon++;
      this.i = start;
      if (t.charCodeAt(colon) !== COLON || !blank(t.charCodeAt(colon + 1))) return undefined;
    } else {
      if (!plainStart(t, start, false)) return undefined;
      this.scanPlain(start);
      if (this.plainColon < 0) return undefined;
      const v = this.plain(start, this.plainEnd);
      if (v === null) bail();
      name = String(v);
      colon = this.plainColon;
    }
    if (colon - start > MAX_KEY || name === '__proto__') bail();
    this.i = colon + 1;
    return name;
  }

  private mapping(col: number, first: string, firstAt: number): JsonObject {
    this.enter();
    const t = this.t;
    const out: JsonObject = {};
    const base = this.mTop;
    this.pushMember(MAPPING);
    let key = first;
    let keyAt = firstAt;
    for (;;) {
      // Values are never undefined, so hasOwn runs only for a repeated key or an Object.prototype name.
      const repeated = out[key] !== undefined && Object.hasOwn(out, key);
      if (repeated) this.duplicates.push({ key, offset: keyAt });
      while (t.charCodeAt(this.i) === SP) this.i++;
      const c = t.charCodeAt(this.i);
      let valueAt = this.i;
      let value: JsonValue = null;
      this.last = null;
      if (c === LF || c === HASH || c !== c) {
        // The value is on the lines below, or empty (then located where it would have started).
        this.endLine();
        if (this.indent > col) {
          valueAt = this.i;
          value = this.block(col);
        } else if (this.indent === col && t.charCodeAt(this.i) === DASH && blank(t.charCodeAt(this.i + 1))) {
          valueAt = this.i;
          value = this.sequence(col);
        }
      } else value = this.inline(col);
      if (!repeated) {
        out[key] = value;
        this.pushMember(key);
        this.pushMember(keyAt);
        this.pushMember(valueAt);
        this.pushMember(this.last);
      }
      if (this.indent !== col) break;
      keyAt = this.i;
      const next = this.key();
      if (next === undefined) bail();
      key = next;
    }
    if (this.indent > col) bail();
    this.depth--;
    this.last = this.takeMembers(base);
    return out;
  }

  private sequence(col: number): JsonValue[] {
    this.enter();
    const t = this.t;
    const base = this.mTop;
    const itemBase = this.vTop;
    this.pushMember(SEQUENCE);
    for (;;) {
      this.i++;
      while (t.charCodeAt(this.i) === SP) this.i++;
      const c = t.charCodeAt(this.i);
      let valueAt = this.i;
      let value: JsonValue = null;
      this.last = null;
      if (c === LF || c === HASH || c !== c) {
        this.endLine();
        if (this.indent > col) {
          valueAt = this.i;
          value = this.block(col);
        }
      } else value = this.block(col);
      this.pushItem(value);
      this.pushMember(valueAt);
      this.pushMember(this.last);
      if (this.indent !== col || t.charCodeAt(this.i) !== DASH || !blank(t.charCodeAt(this.i + 1))) break;
    }
    if (this.indent > col) bail();
    this.depth--;
    this.last = this.takeMembers(base);
    return this.takeItems(itemBase);
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar with clip or strip (`-`) chomping. Explicit
   * indentation, keep chomping (`+`), more-indented blank lines and lines indented less than the
   * first are left to the library. Moves the cursor to the next content line itself.
   */
  private blockScalar(parent: number): string {
    const t = this.t;
    if (parent < 0) bail();
    let j = this.i + 1;
    const folded = t.charCodeAt(this.i) === 62;
    const strip = t.charCodeAt(j) === DASH;
    if (strip) j++;
    let k = j;
    while (t.charCodeAt(k) === SP) k++;
    if (t.charCodeAt(k) === HASH ? k === j : t.charCodeAt(k) !== LF) bail();
    const indents: number[] = [];
    const contents: string[] = [];
    let trim = -1;
    let s = t.indexOf('\n', k) + 1;
    if (s === 0) bail();
    let next = t.length;
    for (;;) {
      const nl = t.indexOf('\n', s);
      const e = nl < 0 ? t.length : nl;
      let w = s;
      while (w < e && t.charCodeAt(w) === SP) w++;
      if (w < e) {
        if (w - s <= parent) { next = s; break; }
        if (trim < 0) trim = w - s;
        else if (w - s < trim) bail();
      }
      indents.push(w - s);
      contents.push(t.slice(w, e));
      if (nl < 0) break;
      s = nl + 1;
    }
    if (trim < 0 || indents.some((n, i) => contents[i] === '' && n > trim)) bail();
    const value = blockScalarValue(indents, contents, trim, folded, strip);
    this.seek(next);
    return value;
  }

  /** A plain scalar in block context: sets plainEnd and plainColon (a `: ` makes it a key). */
  private scanPlain(start: number): void {
    const t = this.t;
    let j = start;
    let colon = -1;
    for (;;) {
      const c = t.charCodeAt(j);
      if (c === LF || c !== c) break;
      if (c === COLON && blank(t.charCodeAt(j + 1))) { colon = j; break; }
      if (c === HASH && t.charCodeAt(j - 1) === SP) break;
      j++;
    }
    while (j > start && t.charCodeAt(j - 1) === SP) j--;
    this.plainEnd = j;
    this.plainColon = colon;
    this.plainAt = start;
  }
}
