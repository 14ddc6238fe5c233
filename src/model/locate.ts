/**
 * Maps a path in the plain JSON document (['services', 'cognito', 'dependsOn', 0, 'on']) back to
 * the YAML node it came from, so every diagnostic points at the offending line and column.
 * A path that does not exist (a patched-in node, a missing key) falls back to its nearest ancestor.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Location } from './types.js';

export type JsonPath = readonly (string | number)[];
export type Locator = (path: JsonPath, at?: 'value' | 'key') => Location;

export function yamlLocator(file: string, doc: Document, lines: LineCounter): Locator {
  const pos = (offset: number): Location => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  return (path, at = 'value') => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    let best = node;
    for (const step of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
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
