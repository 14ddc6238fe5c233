/**
 * `terminalJson` in pieces: the same bytes as `JSON.stringify(value, null, 2)` (plus the terminal
 * escapes), written as it is produced. A 100k-service audit is ~80 MB of JSON: one string of it,
 * then its UTF-8 buffer, doubled the peak memory of the whole run.
 */
import { terminalJson } from '../model/sanitize.js';

/** Containers this deep are streamed member by member; deeper values are stringified whole, except long arrays (in slices). */
const STREAM_DEPTH = 3;
/** Pieces are joined up to about this many characters before each write. */
const CHUNK = 1 << 16;
/** Items stringified per call, and the size (nested values) up to which an item counts as small. */
const SLICE = 512;
const SMALL = 256;

export function writeJson(value: unknown, write: (text: string) => void): void {
  let buffer = '';
  for (const piece of pieces(value, '', 0)) {
    buffer += piece;
    if (buffer.length >= CHUNK) { write(buffer); buffer = ''; }
  }
  write(`${buffer}\n`);
}

function* pieces(value: unknown, indent: string, depth: number): Generator<string> {
  const v = toJsonValue(value);
  // Deep down, only long arrays (SARIF's results, a member list) are still cut into slices.
  if (v === null || typeof v !== 'object' || (depth >= STREAM_DEPTH && !(Array.isArray(v) && v.length > SLICE))) {
    // Newlines only occur between tokens (strings escape theirs), so re-indenting is safe.
    yield terminalJson(v).replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) { yield* arrayPieces(v, indent, depth); return; }
  const keys = Object.keys(v).filter((k) => {
    const x = toJsonValue((v as Record<string, unknown>)[k]);
    return x !== undefined && typeof x !== 'function' && typeof x !== 'symbol';
  });
  if (keys.length === 0) { yield '{}'; return; }
  yield '{';
  for (const [i, k] of keys.entries()) {
    yield `${i > 0 ? ',' : ''}\n${inner}${terminalJson(k)}: `;
    yield* pieces((v as Record<string, unknown>)[k], inner, depth + 1);
  }
  yield `\n${indent}}`;
}

/**
 * An array: runs of small items (or every item, at the depth where items are stringified whole)
 * SLICE at a time — one JSON.stringify of the run, brackets cut, re-indented (JSON.stringify nests
 * items two spaces in, as the streamed form does) — and big items streamed member by member. A
 * 100k-row table is then ~200 calls instead of a call, a regex pass and two pieces per value.
 */
function* arrayPieces(v: readonly unknown[], indent: string, depth: number): Generator<string> {
  if (v.length === 0) { yield '[]'; return; }
  yield '[';
  const whole = depth + 1 >= STREAM_DEPTH;
  const inner = `${indent}  `;
  for (let i = 0; i < v.length;) {
    let j = i;
    while (j < v.length && j - i < SLICE && (whole || small(v[j]))) j++;
    if (j > i) {
      yield `${i > 0 ? ',' : ''}${terminalJson(v.slice(i, j)).slice(1, -2).replaceAll('\n', `\n${indent}`)}`;
      i = j;
      continue;
    }
    yield `${i > 0 ? ',' : ''}\n${inner}`;
    const item = toJsonValue(v[i]);
    yield* pieces(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, inner, depth + 1);
    i++;
  }
  yield `\n${indent}]`;
}

/** Whether a value has at most SMALL nested values (a table row, not a row with a member list). */
function small(value: unknown): boolean {
  let budget = SMALL;
  const visit = (x: unknown): boolean => {
    const y = toJsonValue(x);
    if (--budget < 0) return false;
    if (y === null || typeof y !== 'object') return true;
    return Array.isArray(y) ? y.every(visit) : Object.values(y).every(visit);
  };
  return visit(value);
}

/** What JSON.stringify would serialise in place of `value` (its toJSON, if any). */
function toJsonValue(value: unknown): unknown {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON: () => unknown }).toJSON() : value;
}
