/**
 * One pass over a JSON text that JSON.parse has read (or is about to): where every member of every
 * object and array starts, in flat typed arrays, and whether the located reader (yaml-subset.ts)
 * would read the text to the same value. JSON.parse gives the values; this gives the positions the
 * diagnostics need, without building a second copy of the document.
 *
 * The scan answers undefined (read the text the located way) wherever the two readers could part:
 * characters the located reader leaves to the yaml library (tabs, lone CRs, BOM, U+2028 …), a
 * document not starting in column 1, a key not followed by its `:` on the same line, over-long or
 * `__proto__` keys, integers longer than 15 digits (parseInt and JSON.parse may round them
 * differently), and nesting the depth guard would refuse (it then reports it).
 */
import { MAX_DEPTH } from './guard.js';
import { MAX_KEY } from './yaml-cursor.js';

const SP = 32, LF = 10, CR = 13, DQ = 34, BACKSLASH = 92, COLON = 58, COMMA = 44;
const LBRACKET = 91, RBRACKET = 93, LBRACE = 123, RBRACE = 125, ZERO = 48, NINE = 57;

/**
 * What the located reader leaves to the yaml library wherever it occurs (yaml-subset.ts) and JSON
 * allows (as whitespace, or raw in a string); CR is checked in the scan, where it may end a line.
 */
const UNSUPPORTED = /[\t\x7f\x85\u2028\u2029\ufeff\ufffe\uffff]/;

/** Integers this long or shorter read the same through parseInt (the YAML path) and JSON.parse. */
const MAX_DIGITS = 15;

export interface JsonTape {
  /** Offset of the top-level `{` or `[` (container 0). */
  readonly root: number;
  /** Per container (numbered in order of opening): its first member's index, member count, whether an object. */
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly isObject: Uint8Array;
  /**
   * Three numbers per member, a container's members one after the other: key offset (-1 in
   * arrays), value offset, the value's own container or -1. `first` counts members, not numbers.
   */
  readonly members: Int32Array;
  /** Keys written in the text, duplicates included (JSON.parse keeps one of each). */
  readonly keys: number;
  /**
   * A key that JavaScript orders before the others ("0", "42"): then the objects' key order is not
   * the text's, which the locator's lookup by position relies on.
   */
  readonly indexKeys: boolean;
}

/** Growable Int32Array stack of member triples. */
class Triples {
  data: Int32Array<ArrayBuffer>;
  size = 0;
  constructor(members: number) {
    this.data = new Int32Array(3 * members);
  }
  push(a: number, b: number, c: number): void {
    if (this.size + 3 > this.data.length) this.data = grow(this.data, this.size + 3);
    this.data[this.size] = a;
    this.data[this.size + 1] = b;
    this.data[this.size + 2] = c;
    this.size += 3;
  }
}

function grow(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** The scan's state: open containers, their pending members, and the finished containers. */
class Scan {
  // Everything starts small on purpose: growing early, while the scan still runs unoptimised,
  // gives V8 the feedback for it; a first growth in optimised code threw the scan back to the
  // interpreter halfway through a 10k-service graph (measured: 40 ms cold instead of 25).
  readonly pending = new Triples(16);
  readonly done = new Triples(16);
  /** Per open container: its id and where its members start in `pending`. */
  readonly stack: number[] = [];
  first = new Int32Array(16);
  count = new Int32Array(16);
  isObject = new Uint8Array(16);
  containers = 0;
  keys = 0;
  indexKeys = false;
  backslash = 0;

  open(isObject: boolean): void {
    const id = this.containers++;
    if (id >= this.first.length) {
      this.first = grow(this.first, id + 1);
      this.count = grow(this.count, id + 1);
      const o = new Uint8Array(this.first.length);
      o.set(this.isObject);
      this.isObject = o;
    }
    this.isObject[id] = isObject ? 1 : 0;
    this.stack.push(id, this.pending.size);
  }

  /** Moves the innermost container's members to `done`, where they stay contiguous. */
  close(): void {
    const base = this.stack.pop()!;
    const id = this.stack.pop()!;
    const p = this.pending;
    const n = p.size - base;
    const d = this.done;
    if (d.size + n > d.data.length) d.data = grow(d.data, d.size + n);
    // A loop, not set(subarray()): most containers have a few members, and a view each is garbage.
    const from = p.data;
    const to = d.data;
    for (let k = 0; k < n; k++) to[d.size + k] = from[base + k]!;
    this.first[id] = d.size / 3;
    this.count[id] = n / 3;
    d.size += n;
    p.size = base;
  }
}

/** The tape of `text`, or undefined when the text must be read the located way (see above). */
export function scanJson(text: string): JsonTape | undefined {
  const root = rootOffset(text);
  if (root < 0) return undefined;
  const s = new Scan();
  const t = text;
  const n = t.length;
  if (UNSUPPORTED.test(text)) return undefined;
  let inObject = false;
  let wantKey = false;
  let keyStart = -1;
  let keyEnd = -1;
  let lf = 0;
  let cr = 0;
  for (let i = root; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === SP) continue;
    if (c === LF) { lf++; continue; }
    if (c === CR) { if (t.charCodeAt(i + 1) !== LF) return undefined; cr++; continue; }
    if (c === DQ) {
      const end = stringEnd(t, i);
      if (end < 0) return undefined;
      if (inObject && wantKey) {
        if (!keyOk(t, i, end, s)) return undefined;
        keyStart = i;
        keyEnd = end;
        s.pending.push(i, -1, -1);
      } else member(s, inObject, i, -1);
      i = end;
    } else if (c === COLON) {
      if (i - keyStart > MAX_KEY || !onlySpaces(t, keyEnd + 1, i)) return undefined;
      wantKey = false;
    } else if (c === COMMA) wantKey = inObject;
    else if (c === LBRACE || c === LBRACKET) {
      if (s.stack.length / 2 + 2 > MAX_DEPTH) return undefined;
      // The member first: it belongs to the enclosing container, whose members are on top until open().
      if (s.stack.length > 0) member(s, inObject, i, s.containers);
      s.open(c === LBRACE);
      inObject = wantKey = c === LBRACE;
    } else if (c === RBRACE || c === RBRACKET) {
      if (s.stack.length === 0) return undefined;
      s.close();
      inObject = s.stack.length > 0 && s.isObject[s.stack[s.stack.length - 2]!] === 1;
    } else {
      if (s.stack.length === 0) return undefined;
      const end = literalEnd(t, i);
      if (end < 0) return undefined;
      member(s, inObject, i, -1);
      i = end - 1;
    }
  }
  if (s.stack.length > 0 || (cr > 0 && cr !== lf)) return undefined;
  return tape(s, root);
}

function tape(s: Scan, root: number): JsonTape {
  return {
    root, first: s.first.subarray(0, s.containers), count: s.count.subarray(0, s.containers), isObject: s.isObject.subarray(0, s.containers),
    members: s.done.data.subarray(0, s.done.size), keys: s.keys, indexKeys: s.indexKeys,
  };
}

/** A value starting at `at`: in an object it completes the member its key opened. */
function member(s: Scan, inObject: boolean, at: number, child: number): void {
  const p = s.pending;
  if (inObject) {
    if (p.size === 0) return;
    p.data[p.size - 2] = at;
    p.data[p.size - 1] = child;
  } else p.push(-1, at, child);
}

/** The top-level `{`/`[`, in column 1 after blank lines only; -1 otherwise. */
function rootOffset(t: string): number {
  let i = 0;
  while (t.charCodeAt(i) === LF || (t.charCodeAt(i) === CR && t.charCodeAt(i + 1) === LF)) i++;
  const c = t.charCodeAt(i);
  return c === LBRACE || c === LBRACKET ? i : -1;
}

/**
 * The closing quote of the string opening at `i`, or -1 if none. Raw control characters in it are
 * left to JSON.parse, which refuses them.
 */
function stringEnd(t: string, i: number): number {
  for (let q = t.indexOf('"', i + 1); q >= 0; q = t.indexOf('"', q + 1)) {
    let b = q - 1;
    while (t.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q;
  }
  return -1;
}

/** Counts the key; refuses `__proto__` (the located reader leaves it to the library) however written. */
function keyOk(t: string, start: number, end: number, s: Scan): boolean {
  s.keys++;
  const first = t.charCodeAt(start + 1);
  if (first >= ZERO && first <= NINE) {
    let digits = true;
    for (let j = start + 2; j < end && digits; j++) digits = t.charCodeAt(j) >= ZERO && t.charCodeAt(j) <= NINE;
    if (digits) s.indexKeys = true;
  }
  // The next backslash of the text, moved on as the scan goes: keys without one cost no loop.
  while (s.backslash >= 0 && s.backslash < start) s.backslash = t.indexOf('\\', s.backslash + 1);
  if (s.backslash >= 0 && s.backslash < end) {
    let name: unknown;
    try { name = JSON.parse(t.slice(start, end + 1)); } catch { return false; }
    if (typeof name === 'string' && /^(?:0|[1-9][0-9]*)$/.test(name)) s.indexKeys = true;
    return name !== '__proto__';
  }
  return !(end - start === 10 && t.startsWith('__proto__', start + 1));
}

function onlySpaces(t: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (t.charCodeAt(j) !== SP) return false;
  return from <= to;
}

/** The end of a number, `true`, `false` or `null` at `i`; -1 for an integer too long to compare. */
function literalEnd(t: string, i: number): number {
  let j = i;
  let run = 0;
  let longest = 0;
  let integer = true;
  for (;;) {
    const c = t.charCodeAt(j);
    if (c >= ZERO && c <= NINE) { run++; if (run > longest) longest = run; } else if (c === 45 || c === 43 || (c >= 97 && c <= 122) || c === 46 || c === 69) {
      run = 0;
      if (c === 46 || c === 101 || c === 69) integer = false;
    } else break;
    j++;
  }
  if (j === i) return -1;
  return integer && longest > MAX_DIGITS ? -1 : j;
}
