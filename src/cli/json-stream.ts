/**
 * `terminalJson` in pieces: the same bytes as `JSON.stringify(value, null, 2)` (plus the terminal
 * escapes), written as it is produced. A 100k-service audit is ~100 MB of JSON: one string of it,
 * then its UTF-8 buffer, doubled the peak memory of the whole run.
 */
import { escapeJsonText, hasJsonUnsafeUtf8 } from '../model/sanitize.js';

/** Containers this deep are streamed member by member; deeper values are stringified whole, except long arrays (in slices). */
const STREAM_DEPTH = 3;
/** Pieces are joined up to about this many characters before each write (bytes: fewer, larger writes). */
const CHUNK = 1 << 16;
const BYTE_CHUNK = 1 << 20;
/** Items stringified per call, and the size (nested values) up to which an item counts as small. */
const SLICE = 512;
const SMALL = 256;

/**
 * With `writeBytes`, pieces are encoded straight into byte chunks (no joined string to flatten and
 * encode again), and a chunk is escaped only when its bytes hold a character to escape (a memchr
 * scan instead of a regular expression over every character).
 */
export function writeJson(value: unknown, write: (text: string) => void, writeBytes?: (bytes: Uint8Array) => void): void {
  const sink: Sink = writeBytes ? new ByteSink(writeBytes) : new TextSink(write);
  emit(sink, value, 0);
  sink.add('\n');
  sink.flush();
}

/** Pieces end between tokens, never inside a string: a chunk is whole JSON text to escape. */
interface Sink {
  add(piece: string): void;
  flush(): void;
}

class TextSink implements Sink {
  private buffer = '';

  constructor(private readonly write: (text: string) => void) {}

  add(piece: string): void {
    this.buffer += piece;
    if (this.buffer.length >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.buffer !== '') this.write(escapeJsonText(this.buffer));
    this.buffer = '';
  }
}

class ByteSink implements Sink {
  private bytes = Buffer.allocUnsafe(BYTE_CHUNK);
  private at = 0;

  constructor(private readonly write: (bytes: Uint8Array) => void) {}

  /** A UTF-16 code unit takes at most 3 bytes: room for 3 per character is room enough. */
  add(piece: string): void {
    if (this.at + 3 * piece.length > this.bytes.length) {
      this.flush();
      if (3 * piece.length > this.bytes.length) { this.put(Buffer.from(piece, 'utf8')); return; }
    }
    this.at += this.bytes.write(piece, this.at, 'utf8');
  }

  flush(): void {
    if (this.at === 0) return;
    // A new chunk each time: the stream may still hold the last one.
    this.put(this.bytes.subarray(0, this.at));
    this.bytes = Buffer.allocUnsafe(BYTE_CHUNK);
    this.at = 0;
  }

  /** Pieces hold no lone surrogate (JSON.stringify escapes them), so the bytes decode to the very text. */
  private put(bytes: Buffer): void {
    this.write(hasJsonUnsafeUtf8(bytes) ? Buffer.from(escapeJsonText(bytes.toString('utf8')), 'utf8') : bytes);
  }
}

function emit(s: Sink, value: unknown, depth: number): void {
  const v = toJsonValue(value);
  // Deep down, only long arrays (SARIF's results, a member list) are still cut into slices.
  if (v === null || typeof v !== 'object' || (depth >= STREAM_DEPTH && !(Array.isArray(v) && v.length > SLICE))) {
    s.add(jsonAt(v, depth));
    return;
  }
  if (Array.isArray(v)) { emitArray(s, v, depth); return; }
  const keys = Object.keys(v).filter((k) => {
    const x = toJsonValue((v as Record<string, unknown>)[k]);
    return x !== undefined && typeof x !== 'function' && typeof x !== 'symbol';
  });
  if (keys.length === 0) { s.add('{}'); return; }
  const inner = '  '.repeat(depth + 1);
  s.add('{');
  for (const [i, k] of keys.entries()) {
    s.add(`${i > 0 ? ',' : ''}\n${inner}${JSON.stringify(k)}: `);
    emit(s, (v as Record<string, unknown>)[k], depth + 1);
  }
  s.add(`\n${'  '.repeat(depth)}}`);
}

/**
 * An array: runs of small items (or every item, at the depth where items are stringified whole)
 * SLICE at a time — one JSON.stringify of the run, placed at its depth (jsonAt), brackets cut —
 * and big items streamed member by member. A 100k-row table is then ~200 calls instead of a call
 * and two pieces per value.
 */
function emitArray(s: Sink, v: readonly unknown[], depth: number): void {
  if (v.length === 0) { s.add('[]'); return; }
  s.add('[');
  const whole = depth + 1 >= STREAM_DEPTH;
  const inner = '  '.repeat(depth + 1);
  for (let i = 0; i < v.length;) {
    let j = i;
    while (j < v.length && j - i < SLICE && (whole || small(v[j]))) j++;
    if (j > i) {
      const text = jsonAt(v.slice(i, j), depth);
      // Without "[" and "\n" + indent + "]": the items, each on a new line.
      s.add(`${i > 0 ? ',' : ''}${text.slice(1, text.length - 2 - 2 * depth)}`);
      i = j;
      continue;
    }
    s.add(`${i > 0 ? ',' : ''}\n${inner}`);
    const item = toJsonValue(v[i]);
    emit(s, item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, depth + 1);
    i++;
  }
  s.add(`\n${'  '.repeat(depth)}]`);
}

/**
 * JSON.stringify(v, null, 2) as it reads `depth` levels deep (every line break followed by 2·depth
 * more spaces): stringified inside `depth` one-item arrays, whose brackets are cut off — the
 * stringifier indents it, instead of a second pass over the text.
 */
function jsonAt(v: unknown, depth: number): string {
  if (v === null || typeof v !== 'object' || depth === 0) return JSON.stringify(v, null, 2);
  let wrapped: unknown = v;
  for (let k = 0; k < depth; k++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each wrapper opens with "[\n" + 2(k+1) spaces and closes with "\n" + 2k spaces + "]".
  return text.slice(depth * (depth + 3), text.length - depth * (depth + 1));
}

/** Whether a value has at most SMALL nested values (a table row, not a row with a member list). Only decides the slicing, never the bytes. */
function small(value: unknown): boolean {
  return weigh(value, SMALL) >= 0;
}

/** The budget left after counting x's nested values, negative once spent. */
function weigh(x: unknown, budget: number): number {
  let left = budget - 1;
  if (x === null || typeof x !== 'object' || left < 0) return left;
  if (Array.isArray(x)) {
    // Scalars counted by the length, containers visited.
    left -= x.length;
    for (let i = 0; i < x.length && left >= 0; i++) {
      const y: unknown = x[i];
      if (y !== null && typeof y === 'object') left = weigh(y, left + 1);
    }
    return left;
  }
  for (const k in x) {
    left = weigh((x as Record<string, unknown>)[k], left);
    if (left < 0) return left;
  }
  return left;
}

/** What JSON.stringify would serialise in place of `value` (its toJSON, if any). */
function toJsonValue(value: unknown): unknown {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON: () => unknown }).toJSON() : value;
}
