/**
 * The position of the fast YAML reader in its text, and what every part of it shares: character
 * classes, moving from line to line, one-line quoted scalars, and giving up (`bail`) on anything
 * outside the subset, which hands the file to the yaml library.
 */
import type { Members } from './source-offsets.js';
import type { JsonValue } from './types.js';
import { doubleQuotedValue, plainValue, singleQuotedValue } from './yaml-scalars.js';

/** Nesting the reader follows before giving up (the depth guard has already run; this keeps the stack safe). */
const MAX_NESTING = 200;
/** The yaml library refuses implicit keys longer than 1024 characters; we stop a little earlier. */
export const MAX_KEY = 1000;

export const BAIL = Symbol('outside the subset');

export function bail(): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- a symbol on purpose: no stack to capture on a hot path
  throw BAIL;
}

export const SP = 32, LF = 10, HASH = 35, DASH = 45, COLON = 58, DQ = 34, SQ = 39, COMMA = 44;
export const LBRACKET = 91, RBRACKET = 93, LBRACE = 123, RBRACE = 125;

/** Space, line feed or the end of the text (charCodeAt gives NaN there). */
export function blank(c: number): boolean {
  return c === SP || c === LF || c !== c;
}

export function flowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/** May a plain scalar start here? (YAML's ns-plain-first, block or flow context.) */
export function plainStart(t: string, i: number, flow: boolean): boolean {
  const c = t.charCodeAt(i);
  if (blank(c)) return false;
  if (c === DASH || c === 63 /* ? */ || c === COLON) {
    const n = t.charCodeAt(i + 1);
    return !blank(n) && !(flow && flowIndicator(n));
  }
  // , [ ] { } # & * ! | > ' " % @ `
  return !(flowIndicator(c) || c === HASH || c === 38 || c === 42 || c === 33 || c === 124 || c === 62
    || c === SQ || c === DQ || c === 37 || c === 64 || c === 96);
}

/** The most slots in the cache of plain scalars (a power of two), and the longest scalar it holds. */
const CACHE_SLOTS = 65536;
const CACHE_LONGEST = 32;
/**
 * Texts shorter than this are read without the cache: on a 10k-service file (1.8 MB), read in a fresh
 * process before the JIT has caught up, hashing cost more than it saved (~85 ms against ~80 ms).
 */
const CACHE_FROM = 8_000_000;

/** A slot per ~64 characters of text (a power of two up to CACHE_SLOTS); none below CACHE_FROM. */
function cacheSlots(length: number): number {
  if (length < CACHE_FROM) return 0;
  let n = 256;
  while (n < CACHE_SLOTS && n * 64 < length) n *= 2;
  return n;
}

export abstract class Cursor {
  protected i = 0;
  /** Members of the collection read last; null after a scalar (reset before each value). */
  protected last: Members | null = null;
  protected lineStart = 0;
  /** Indentation of the content line the cursor is on; -1 once the text is used up. */
  protected indent = -1;
  protected depth = 0;
  /** Second and later occurrences of a key in a mapping: reported as the yaml path reports them. */
  readonly duplicates: { readonly key: string; readonly offset: number }[] = [];

  /**
   * Plain scalars met before, by a hash of their text: graph files repeat the same keys, types and
   * service names over and over. Reusing one string and its value (and running plainValue's regexes
   * once per text, not once per occurrence) cut the reader's CPU time on a 100k-service file from
   * ~1.09 s to ~1.0 s, most of it garbage collection; a slot per 64 characters kept misses rare.
   */
  private readonly cacheText: (string | undefined)[];
  private readonly cacheValue: (string | number | boolean | null)[];
  private readonly cacheMask: number;

  /**
   * Members and sequence items of the collections being read, one stack each: a collection's own
   * arrays are copied off at its end, at their final size. Pushing into each collection's own arrays
   * grew them in steps (21 members end in a 41-slot array), garbage that the collector copied
   * along: with the shared stacks a 100k-service file read in ~0.8 s instead of ~0.92 s.
   */
  private readonly mems: Members = [];
  protected mTop = 0;
  private readonly vals: JsonValue[] = [];
  protected vTop = 0;

  constructor(protected readonly t: string) {
    const slots = cacheSlots(t.length);
    this.cacheText = new Array<string | undefined>(slots).fill(undefined);
    this.cacheValue = new Array<string | number | boolean | null>(slots).fill(null);
    this.cacheMask = slots - 1;
  }

  protected pushMember(a: string | number | Members | null): void {
    this.mems[this.mTop++] = a;
  }

  protected pushItem(v: JsonValue): void {
    this.vals[this.vTop++] = v;
  }

  /** The members pushed since `base`, off the stack. */
  protected takeMembers(base: number): Members {
    const out = this.mems.slice(base, this.mTop);
    this.mTop = base;
    return out;
  }

  /** The sequence items pushed since `base`, off the stack. */
  protected takeItems(base: number): JsonValue[] {
    const out = this.vals.slice(base, this.vTop);
    this.vTop = base;
    return out;
  }

  /** The value of the plain scalar t[start, end): plainValue(t.slice(start, end)), cached. */
  protected plain(start: number, end: number): string | number | boolean | null {
    const t = this.t;
    const n = end - start;
    if (n > CACHE_LONGEST || this.cacheMask < 0) return plainValue(t.slice(start, end));
    let h = n;
    for (let j = start; j < end; j++) h = (Math.imul(h, 31) + t.charCodeAt(j)) | 0;
    const slot = (h ^ (h >>> 15)) & this.cacheMask;
    const known = this.cacheText[slot];
    if (known !== undefined && known.length === n && t.startsWith(known, start)) return this.cacheValue[slot]!;
    const text = t.slice(start, end);
    const value = plainValue(text);
    this.cacheText[slot] = text;
    this.cacheValue[slot] = value;
    return value;
  }

  /** Moves to the first content line at or after the line starting at `from`. */
  protected seek(from: number): void {
    const t = this.t;
    for (let s = from; s < t.length;) {
      let j = s;
      while (t.charCodeAt(j) === SP) j++;
      const c = t.charCodeAt(j);
      if (c === LF || c === HASH || j >= t.length) {
        const nl = t.indexOf('\n', j);
        if (nl < 0) break;
        s = nl + 1;
        continue;
      }
      if (j === s && (t.startsWith('---', s) || t.startsWith('...', s))) bail();
      this.i = j;
      this.lineStart = s;
      this.indent = j - s;
      return;
    }
    this.i = t.length;
    this.indent = -1;
  }

  /** After a value: only spaces and a comment may follow on its line; then on to the next content line. */
  protected endLine(): void {
    const t = this.t;
    while (t.charCodeAt(this.i) === SP) this.i++;
    const c = t.charCodeAt(this.i);
    if (c === HASH ? t.charCodeAt(this.i - 1) !== SP : !blank(c)) bail();
    const nl = t.indexOf('\n', this.i);
    if (nl < 0) { this.i = t.length; this.indent = -1; } else this.seek(nl + 1);
  }

  protected enter(): void {
    if (++this.depth > MAX_NESTING) bail();
  }

  /** A one-line quoted scalar at the cursor; the cursor then after its closing quote. */
  protected quoted(): string {
    const t = this.t;
    const start = this.i;
    let j = start + 1;
    if (t.charCodeAt(start) === DQ) {
      for (;;) {
        const c = t.charCodeAt(j);
        if (c === DQ) break;
        if (c === LF || c !== c) bail();
        j += c === 92 /* \ */ ? (t.charCodeAt(j + 1) === LF ? bail() : 2) : 1;
      }
      const value = doubleQuotedValue(t.slice(start + 1, j));
      if (value === undefined) bail();
      this.i = j + 1;
      return value;
    }
    for (;;) {
      const c = t.charCodeAt(j);
      if (c === SQ) {
        if (t.charCodeAt(j + 1) !== SQ) break;
        j += 2;
      } else if (c === LF || c !== c) bail();
      else j++;
    }
    this.i = j + 1;
    return singleQuotedValue(t.slice(start + 1, j));
  }
}
