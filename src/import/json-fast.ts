/**
 * A strict JSON parser that records positions like `located.ts` does, for large trace and mesh
 * exports: the yaml parser (which also reads JSON) is ~300× slower than JSON.parse on them.
 * Returns undefined on anything that is not strict JSON, so the caller can fall back to YAML.
 */
import type { Location } from '../model/types.js';
import { Lines, type Plain } from './located.js';

const MAX_DEPTH = 200;

export function parseStrictJson(text: string, file: string, lineOffset = 0): { value: unknown; lines: Lines } | undefined {
  const lines = new Lines(file);
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Location => ({ file, line: line + lineOffset, column: i - lineStart + 1 });
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) { line++; i++; lineStart = i; } else if (c === 32 || c === 9 || c === 13) i++; else return;
    }
  };
  const fail = (): never => { throw new SyntaxError('not JSON'); };
  const str = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c) || c === 10) fail();
      if (c === 92) i += 2; else if (c === 34) break; else i++;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      const out = Object.create(null) as Plain;
      const members = new Map<string | number, Location>();
      const start = here();
      i++; ws();
      if (text[i] === '}') { i++; lines.record(out, start, members); return out; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const at = here();
        const key = str();
        ws();
        if (text[i++] !== ':') fail();
        members.set(key, at);
        out[key] = value(depth + 1);
        ws();
        const sep = text[i++];
        if (sep === '}') break;
        if (sep !== ',') fail();
      }
      lines.record(out, start, members);
      return out;
    }
    if (c === '[') {
      const out: unknown[] = [];
      const members = new Map<string | number, Location>();
      const start = here();
      i++; ws();
      if (text[i] === ']') { i++; lines.record(out, start, members); return out; }
      for (;;) {
        ws();
        members.set(out.length, here());
        out.push(value(depth + 1));
        ws();
        const sep = text[i++];
        if (sep === ']') break;
        if (sep !== ',') fail();
      }
      lines.record(out, start, members);
      return out;
    }
    if (c === '"') return str();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 40));
    if (!m) fail();
    i += m![0].length;
    return JSON.parse(m![0]) as unknown;
  };
  try {
    const v = value(0);
    ws();
    return i === text.length ? { value: v, lines } : undefined;
  } catch {
    return undefined;
  }
}
