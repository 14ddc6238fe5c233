/**
 * Maps a path in the plain JSON document (['services', 'auth', 'dependsOn', 0, 'on']) back to
 * the YAML node it came from, so every diagnostic points at the offending line and column.
 * A path that does not exist (a patched-in node, a missing key) falls back to its nearest ancestor.
 * Each mapping's keys are indexed on first use: the build locates every service and edge, and a
 * linear scan per lookup made loading quadratic (10k services: 40 s before, well under 1 s after).
 */
import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import type { Location } from './types.js';

export type JsonPath = readonly (string | number)[];
export type Locator = (path: JsonPath, at?: 'value' | 'key') => Location;

export function yamlLocator(file: string, doc: Document, lines: LineCounter): Locator {
  const { isMap, isScalar, isSeq } = yamlLib();
  const pos = (offset: number): Location => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const index = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let keys = index.get(map);
    if (!keys) {
      keys = new Map();
      for (const p of map.items) {
        // First occurrence wins, as in the document's JSON form.
        const k = isScalar(p.key) ? String(p.key.value) : undefined;
        if (k !== undefined && !keys.has(k)) keys.set(k, p);
      }
      index.set(map, keys);
    }
    return keys.get(key);
  };
  return (path, at = 'value') => {
    let node: unknown = doc.contents;
    let best = node;
    for (const step of path) {
      let keyNode: unknown;
      if (isMap(node)) {
        const pair = pairOf(node, String(step));
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof step === 'number' && step < node.items.length) {
        node = node.items[step];
      } else break;
      best = at === 'key' && keyNode ? keyNode : node;
    }
    const range = (best as Node | null | undefined)?.range;
    return range ? pos(range[0]) : { file, line: 1, column: 1 };
  };
}

/** For documents with no source (built in memory): every path is line 1, column 1 of `file`. */
export function nullLocator(file: string): Locator {
  return () => ({ file, line: 1, column: 1 });
}

/** The value at `path` in a plain JSON document (own keys only, so `__proto__` finds nothing). */
export function valueAt(doc: unknown, path: JsonPath): unknown {
  let node = doc;
  for (const step of path) {
    node = node !== null && typeof node === 'object' && Object.hasOwn(node, step) ? (node as Record<string | number, unknown>)[step] : undefined;
  }
  return node;
}
