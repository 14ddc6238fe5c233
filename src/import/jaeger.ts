/**
 * Jaeger service dependencies → services and edges (parent calls child). Accepts the bare array,
 * the query API's `{ "data": [...] }` envelope, the storage form `{ "dependencies": [...] }`, an
 * Elasticsearch bulk body or NDJSON: any array of `{ parent, child }` objects found in the file.
 * `callCount` may be a number or a numeric string (64-bit integers are strings in protobuf JSON).
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { asMap, asText, isObject, type Lines } from './located.js';
import { parseJsonish } from './json.js';
import type { ImportedEdge, ImportedService, InputText, Reading } from './types.js';
import { pushAll } from '../model/arrays.js';

export function readJaeger(inputs: readonly InputText[]): Reading {
  const diagnostics: Diagnostic[] = [];
  const services = new Map<string, ImportedService>();
  const edges: ImportedEdge[] = [];
  for (const input of inputs) {
    const parsed = parseJsonish(input.text, input.file);
    pushAll(diagnostics, parsed.diagnostics);
    let links = 0;
    for (const { value: link, lines } of parsed.values.flatMap((v) => findLinks(v.value, v.lines))) {
      const parent = asText(link.parent);
      const child = asText(link.child);
      const loc = lines.of(link);
      if (!parent || !child) {
        diagnostics.push({ ...loc, severity: 'warning', message: 'dependency link without parent and child; skipped' });
        continue;
      }
      links++;
      for (const [name, key] of [[parent, 'parent'], [child, 'child']] as const) {
        if (!services.has(name)) services.set(name, { key: name, name, qualified: [], x: {}, notes: [], loc: lines.at(link, key) });
      }
      const calls = callCount(link.callCount);
      if (calls === 'bad') diagnostics.push({ ...lines.at(link, 'callCount'), severity: 'warning', message: `callCount ${JSON.stringify(link.callCount)} is not a count; ignored` });
      edges.push({ from: parent, to: { keys: [child] }, type: 'hard', evidence: 'jaeger link', loc, ...(typeof calls === 'number' ? { calls } : {}) });
    }
    if (links === 0 && !parsed.diagnostics.some((d) => d.severity === 'error')) {
      diagnostics.push({ file: input.file, line: 1, column: 1, severity: 'warning', message: 'no Jaeger dependency links ({ parent, child }) found in this file' });
    }
  }
  return { format: 'jaeger', services: [...services.values()], edges, diagnostics };
}

function callCount(v: unknown): number | 'bad' | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : 'bad';
}

/** Every object with `parent` or `child` keys (at the top or in arrays, however nested), in file order. Iterative. */
function findLinks(root: unknown, lines: Lines): { value: Record<string, unknown>; lines: Lines }[] {
  const out: { value: Record<string, unknown>; lines: Lines }[] = [];
  const isLink = (v: unknown) => { const m = asMap(v); return m !== undefined && ('parent' in m || 'child' in m); };
  if (isLink(root)) return [{ value: asMap(root)!, lines }];
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (!isObject(v) || seen.has(v)) continue;
    seen.add(v);
    const children = Array.isArray(v) ? v : Object.values(v);
    if (Array.isArray(v)) for (const item of v) if (isLink(item)) out.push({ value: asMap(item)!, lines });
    for (let i = children.length - 1; i >= 0; i--) if (!isLink(children[i])) stack.push(children[i]);
  }
  return out;
}
