/**
 * The position of the fast YAML reader in its text, and what every part of it shares: character
 * classes, moving from line to line, one-line quoted scalars, and giving up (`bail`) on anything
 * outside the subset, which hands the file to the yaml library.
 */
import type { Members } from '../../../src/model/source-offsets.js';
import { doubleQuotedValue, singleQuotedValue } from './yaml-scalars.js';

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

  constructor(protected readonly t: string) {}

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
