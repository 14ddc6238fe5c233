/**
 * Parses YAML (and JSON, a YAML subset) into plain values plus a side table of source positions,
 * so readers work on ordinary objects yet can say `FILE:LINE:COL` for anything they report.
 * Objects have no prototype (`__proto__` is just a key); merge keys (`<<`) are applied, explicit
 * keys winning; aliases are converted once and shared, so alias bombs cost nothing here.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Location } from '../model/types.js';

export type Plain = Record<string, unknown>;

export class Lines {
  private readonly starts = new WeakMap<object, Location>();
  private readonly inner = new WeakMap<object, Map<string | number, Location>>();
  constructor(readonly file: string) {}

  /** Where an object or array starts (line 1 for anything unknown). */
  of(container: unknown): Location {
    return (isObject(container) && this.starts.get(container)) || { file: this.file, line: 1, column: 1 };
  }
  /** Where a member starts: the key of a map entry, the item of a sequence. */
  at(container: unknown, key: string | number): Location {
    return (isObject(container) && this.inner.get(container)?.get(key)) || this.of(container);
  }
  /** @internal used while converting */
  record(container: object, start: Location, members: Map<string | number, Location>): void {
    this.starts.set(container, start);
    this.inner.set(container, members);
  }
}

export interface ParsedDocs {
  readonly docs: readonly unknown[];
  readonly lines: Lines;
  readonly diagnostics: readonly Diagnostic[];
}

const NODE_BUDGET = 2_000_000;

export function parseYamlDocs(text: string, file: string, lineOffset = 0): ParsedDocs {
  const counter = new LineCounter();
  const lines = new Lines(file);
  const loc = (offset: number | undefined): Location => {
    const { line, col } = counter.linePos(offset ?? 0);
    return { file, line: line + lineOffset, column: col };
  };
  // duplicate keys are not a syntax error here: real files ship with them; the later value wins, as
  // in the tools that apply these files, and each is warned about
  const parsed = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: false });
  const documents: Document[] = Array.isArray(parsed) ? parsed : [];
  const diagnostics: Diagnostic[] = documents.flatMap((d) => d.errors.map((e) => ({
    ...loc(e.pos[0]), severity: 'error' as const, message: e.message.split('\n')[0]!,
  })));
  if (diagnostics.length > 0) return { docs: [], lines, diagnostics };
  const docs: unknown[] = [];
  const warnings: Diagnostic[] = [];
  try {
    for (const d of documents) docs.push(convert(d, lines, loc, warnings));
  } catch (e) {
    return { docs: [], lines, diagnostics: [{ file, line: 1, column: 1, severity: 'error', message: (e as Error).message }] };
  }
  return { docs: docs.filter((d) => d !== null && d !== undefined), lines, diagnostics: warnings };
}

function convert(doc: Document, lines: Lines, loc: (offset: number | undefined) => Location, warnings: Diagnostic[]): unknown {
  const done = new Map<Node, unknown>();
  let budget = NODE_BUDGET;
  const walk = (node: unknown, depth: number): unknown => {
    if (--budget < 0) throw new Error(`document too large (over ${NODE_BUDGET} nodes)`);
    if (depth > 200) throw new Error('document nested more than 200 levels deep');
    if (isAlias(node)) return walk(node.resolve(doc), depth + 1);
    if (isScalar(node)) return node.value;
    if (!isMap(node) && !isSeq(node)) return node ?? null;
    const cached = done.get(node);
    if (cached !== undefined) return cached;
    const members = new Map<string | number, Location>();
    if (isSeq(node)) {
      const out: unknown[] = [];
      done.set(node, out);
      node.items.forEach((item, i) => {
        members.set(i, loc((item as Node | null)?.range?.[0] ?? node.range?.[0]));
        out.push(walk(item, depth + 1));
      });
      lines.record(out, loc(node.range?.[0]), members);
      return out;
    }
    const out: Plain = Object.create(null) as Plain;
    done.set(node, out);
    const merged: unknown[] = [];
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(walk(pair.key, depth + 1));
      if (key === '<<') { merged.push(walk(pair.value, depth + 1)); continue; }
      const at = loc((pair.key as Node | null)?.range?.[0]);
      const first = members.get(key);
      if (first) warnings.push({ ...at, severity: 'warning', message: `duplicate key "${key}" (first at line ${first.line}); the later value is used` });
      members.set(key, at);
      out[key] = walk(pair.value, depth + 1);
    }
    // merge keys: explicit keys win, then earlier merged maps win over later ones
    for (const source of merged.flatMap((m) => (Array.isArray(m) ? m : [m]))) {
      if (!isObject(source) || Array.isArray(source)) continue;
      for (const [k, v] of Object.entries(source)) {
        if (!(k in out)) { out[k] = v; members.set(k, lines.at(source, k)); }
      }
    }
    lines.record(out, loc(node.range?.[0]), members);
    return out;
  };
  return walk(doc.contents, 0);
}

export function isObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

/** A map (not an array), or undefined. */
export function asMap(v: unknown): Plain | undefined {
  return isObject(v) && !Array.isArray(v) ? (v as Plain) : undefined;
}

export function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A scalar as text (numbers and booleans too); undefined for maps, lists and null. */
export function asText(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}
