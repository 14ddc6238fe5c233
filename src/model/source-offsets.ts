/**
 * Where each part of a document read by the fast reader came from: a tree of flat arrays of
 * offsets that parallels the values (no node objects, no map from values to positions), and a
 * Locator over it that answers exactly as `yamlLocator` does for the same text: a value is located
 * where its YAML node starts, a key where the key starts, and a path that does not exist falls back
 * to its nearest ancestor.
 *
 * Measured on a 100k-service graph (~1.5M collections): a Map from each value to its offsets cost
 * ~0.5 s and most of the reader's garbage collection; the parallel tree costs neither.
 */
import type { JsonPath, Locator } from './locate.js';
import type { Location } from './types.js';

export const MAPPING = 0;
export const SEQUENCE = 1;

/**
 * A collection's members. Mapping: [MAPPING, key, keyOffset, valueOffset, child, key, …].
 * Sequence: [SEQUENCE, itemOffset, child, …]. `child` is the member's own Members, or null for a scalar.
 */
export type Members = (string | number | Members | null)[];

export interface SourceOffsets {
  /** Where the document's top node starts. */
  readonly root: number;
  readonly members: Members | null;
}

/** Mappings this small are searched key by key; larger ones get a key → index map on first use. */
const LINEAR = 12;

/** Offset → 1-based line and column (as yaml's LineCounter counts them), the line index built on first use. */
export function offsetPosition(file: string, text: string): (offset: number) => Location {
  let lineStarts: number[] | undefined;
  // The line found last: callers locate a file's nodes mostly in order, so the next answer is
  // usually on that line or just after it.
  let hint = 0;
  return (offset) => {
    lineStarts ??= startsOfLines(text);
    const last = lineStarts.length - 1;
    for (let k = hint; k <= last && k < hint + 4; k++) {
      if (lineStarts[k]! <= offset && (k === last || lineStarts[k + 1]! > offset)) {
        hint = k;
        return { file, line: k + 1, column: offset - lineStarts[k]! + 1 };
      }
    }
    // The last line start at or before the offset.
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    hint = lo;
    return { file, line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
}

export function offsetLocator(file: string, text: string, offsets: SourceOffsets): Locator {
  const indexes = new Map<Members, Map<string, number>>();
  const pos = offsetPosition(file, text);
  // The last look-up in a large mapping: a service's nodes are located one after another, each
  // path through the same `services` entry (measured: the map look-ups were ~45 ms of a
  // 100k-service validate).
  let lastMembers: Members | undefined;
  let lastKey = '';
  let lastIndex = -1;
  const find = (m: Members, key: string): number => {
    if (m.length <= 1 + 4 * LINEAR) {
      for (let j = 1; j < m.length; j += 4) if (m[j] === key) return j;
      return -1;
    }
    if (m === lastMembers && key === lastKey) return lastIndex;
    let index = indexes.get(m);
    if (!index) {
      index = new Map();
      for (let j = m.length - 4; j >= 1; j -= 4) index.set(m[j] as string, j);
      indexes.set(m, index);
    }
    lastMembers = m;
    lastKey = key;
    lastIndex = index.get(key) ?? -1;
    return lastIndex;
  };
  return (path: JsonPath, at = 'value') => {
    let m = offsets.members;
    let best = offsets.root;
    for (const step of path) {
      if (!m) break;
      if (m[0] === MAPPING) {
        const j = find(m, String(step));
        if (j < 0) break;
        best = (at === 'key' ? m[j + 1] : m[j + 2]) as number;
        m = m[j + 3] as Members | null;
      } else {
        const j = typeof step === 'number' && Number.isInteger(step) && step >= 0 ? 1 + 2 * step : m.length;
        if (j >= m.length) break;
        best = m[j] as number;
        m = m[j + 1] as Members | null;
      }
    }
    return pos(best);
  };
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
