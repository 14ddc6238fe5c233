/**
 * JSON graphs through the native JSON.parse (several times faster than any reader written in
 * JavaScript), located by a JsonTape. Only texts that the located reader would read to the same
 * value without a diagnostic take this way: on a duplicate key (JSON.parse silently keeps the last
 * one), a syntax error or anything json-tape.ts refuses, the caller reads the text the located way,
 * so every message and position stays what it was.
 */
import { scanJson, type JsonTape } from './json-tape.js';
import { valueAt, type JsonPath, type Locator } from './locate.js';
import { offsetPosition } from './source-offsets.js';
import type { JsonValue } from './types.js';

export interface JsonRead {
  readonly value: JsonValue;
  /** Undefined when the tape cannot locate by position (keys like "42" reorder objects): locate the located way. */
  readonly tape?: JsonTape;
}

export function readJson(text: string): JsonRead | undefined {
  const tape = scanJson(text);
  if (!tape) return undefined;
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
  if (countKeys(value) !== tape.keys) return undefined;
  return tape.indexKeys ? { value } : { value, tape };
}

/** Own keys of every object in a parsed document: fewer than the text's when a key was repeated. */
function countKeys(v: JsonValue): number {
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== null && typeof x === 'object') n += countKeys(x);
    }
    return n;
  }
  const o = v as Record<string, JsonValue>;
  for (const k in o) {
    n++;
    const x = o[k]!;
    if (x !== null && typeof x === 'object') n += countKeys(x);
  }
  return n;
}

/** Objects this small are searched key by key in the text; larger ones get a key → member map on first use. */
const LINEAR = 12;

/**
 * Answers as offsetLocator does for the same text read by the located reader: a key where the key
 * starts, a value where it starts, a path that does not exist at its nearest ancestor.
 */
export function tapeLocator(file: string, text: string, value: JsonValue, tape: JsonTape): Locator {
  const pos = offsetPosition(file, text);
  const m = tape.members;
  const find = keyFinder(text, value, tape);
  // The steps of the last path walked: the build locates a service, then each of its
  // dependencies, so consecutive paths share all but their last step, which is all that is walked.
  const prev: (string | number)[] = [];
  const member: number[] = [];
  let walked = 0;
  return (path, at = 'value') => {
    let k = 0;
    while (k < walked && k < path.length && path[k] === prev[k]) k++;
    let c = k > 0 ? m[3 * member[k - 1]! + 2]! : 0;
    for (; k < path.length && c >= 0; k++) {
      const step = path[k]!;
      let j: number;
      if (tape.isObject[c] === 1) {
        j = find(c, String(step), path, k);
        if (j < 0) break;
      } else {
        if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step >= tape.count[c]!) break;
        j = tape.first[c]! + step;
      }
      prev[k] = step;
      member[k] = j;
      c = m[3 * j + 2]!;
    }
    walked = k;
    if (k === 0) return pos(tape.root);
    const j = member[k - 1]!;
    // A key is located at the key in an object, at the item in an array (as the located reader does).
    return pos(at === 'key' && m[3 * j]! >= 0 ? m[3 * j]! : m[3 * j + 1]!);
  };
}

type Finder = (c: number, key: string, path: JsonPath, k: number) => number;

/**
 * The member of object `c` with key `key` (reached by `path` up to step `k`), or -1. The text is
 * searched for the key as written; the parsed object is looked at only for escaped keys and to
 * index large objects, once each.
 */
function keyFinder(text: string, value: JsonValue, tape: JsonTape): Finder {
  const m = tape.members;
  const maps = new Map<number, Map<string, number>>();
  const inText = (j: number, key: string): boolean => {
    const at = m[3 * j]! + 1;
    return text.startsWith(key, at) && text.charCodeAt(at + key.length) === 34;
  };
  // The member found last: the build asks for a large object's members in order (every service
  // in turn), so the next one is tried first, in the text, before the key map.
  let lastC = -1;
  let lastJ = -1;
  return (c, key, path, k) => {
    const first = tape.first[c]!;
    const count = tape.count[c]!;
    // A key holding a backslash is written escaped: never compared with the text.
    const next = c === lastC ? lastJ + 1 : first;
    if (count > LINEAR && next < first + count && !key.includes('\\') && inText(next, key)) {
      lastC = c;
      return (lastJ = next);
    }
    if (count <= LINEAR) {
      if (!key.includes('\\')) for (let j = first; j < first + count; j++) if (inText(j, key)) return j;
      // Not as written: an escaped key, or none.
      const n = Object.keys(valueAt(value, path.slice(0, k)) as object).indexOf(key);
      return n < 0 ? -1 : first + n;
    }
    let index = maps.get(c);
    if (!index) {
      index = new Map();
      // Without index-like keys and duplicates, an object's keys are in the text's order.
      const keys = Object.keys(valueAt(value, path.slice(0, k)) as object);
      for (let n = 0; n < keys.length; n++) index.set(keys[n]!, first + n);
      maps.set(c, index);
    }
    const j = index.get(key) ?? -1;
    if (j >= 0) {
      lastC = c;
      lastJ = j;
    }
    return j;
  };
}
