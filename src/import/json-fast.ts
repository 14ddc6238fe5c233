/**
 * A strict JSON parser that records positions like `located.ts` does, for large trace and mesh
 * exports: the yaml parser (which also reads JSON) is ~300× slower than JSON.parse on them.
 * Returns undefined on anything that is not strict JSON, so the caller can fall back to YAML.
 */
import type { Location } from '../model/types.js';
import { Lines, type Plain } from './located.js';

const MAX_DEPTH = 200;

export function parseStrictJson(text: string, file: string, lineOffset = 0): { value: unknown; lines: Lines } | undefined {
  const reader = new StrictJson(text, file, lineOffset);
  try {
    const v = reader.value(0);
    reader.ws();
    return reader.i === text.length ? { value: v, lines: reader.lines } : undefined;
  } catch {
    return undefined;
  }
}

/** A cursor over the text: `i` the offset, `line`/`lineStart` where it is, every container recorded in `lines`. */
class StrictJson {
  readonly lines: Lines;
  i = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string, private readonly file: string, private readonly lineOffset: number) {
    this.lines = new Lines(file);
  }

  ws(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (c === 10) { this.line++; this.i++; this.lineStart = this.i; } else if (c === 32 || c === 9 || c === 13) this.i++; else return;
    }
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) fail();
    this.ws();
    const c = this.text[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.str();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.i, this.i + 40));
    if (!m) return fail();
    this.i += m[0].length;
    return JSON.parse(m[0]) as unknown;
  }

  private here(): Location {
    return { file: this.file, line: this.line + this.lineOffset, column: this.i - this.lineStart + 1 };
  }

  private str(): string {
    const text = this.text;
    const start = this.i;
    this.i++;
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (Number.isNaN(c) || c === 10) fail();
      if (c === 92) this.i += 2; else if (c === 34) break; else this.i++;
    }
    this.i++;
    return JSON.parse(text.slice(start, this.i)) as string;
  }

  private object(depth: number): Plain {
    const out = Object.create(null) as Plain;
    const members = new Map<string | number, Location>();
    const start = this.here();
    this.i++; this.ws();
    if (this.text[this.i] === '}') { this.i++; this.lines.record(out, start, members); return out; }
    for (;;) {
      this.ws();
      if (this.text[this.i] !== '"') fail();
      const at = this.here();
      const key = this.str();
      this.ws();
      if (this.text[this.i++] !== ':') fail();
      members.set(key, at);
      out[key] = this.value(depth + 1);
      if (this.closes('}')) break;
    }
    this.lines.record(out, start, members);
    return out;
  }

  private array(depth: number): unknown[] {
    const out: unknown[] = [];
    const members = new Map<string | number, Location>();
    const start = this.here();
    this.i++; this.ws();
    if (this.text[this.i] === ']') { this.i++; this.lines.record(out, start, members); return out; }
    for (;;) {
      this.ws();
      members.set(out.length, this.here());
      out.push(this.value(depth + 1));
      if (this.closes(']')) break;
    }
    this.lines.record(out, start, members);
    return out;
  }

  /** After a member: true at the closing bracket, false at a comma, else not JSON. */
  private closes(close: string): boolean {
    this.ws();
    const sep = this.text[this.i++];
    if (sep === close) return true;
    if (sep !== ',') fail();
    return false;
  }
}

function fail(): never {
  throw new SyntaxError('not JSON');
}
