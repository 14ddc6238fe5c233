/**
 * After a shape error, the later stages (references, times, event order, patches) still run on
 * every part whose shape is valid, so one `validate` run shows every problem. `pruneInvalid` takes a
 * copy of the document and removes what the schema rejects — the smallest unit that holds each
 * error: a dependency entry, an event, an observation, a what-if, a key of a service — until the
 * rest is valid. Invalid services and scenarios keep their ids (as empty stubs or without the bad
 * key), so references to them are not reported as unknown. Removed list items shift the indexes of
 * the ones after them; the returned locator maps pruned paths back to the original document's.
 */
import type { JsonPath, Locator } from './locate.js';
import type { SchemaError } from './schema-errors.js';
import { validate } from './schema-validator.generated.js';
import type { JsonObject, JsonValue } from './types.js';

type Validator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
type Obj = Record<string, JsonValue>;

/** Original indexes of the kept items of each list that lost items, by the list's path. */
type IndexMaps = Map<string, number[]>;

export interface Pruned {
  readonly doc: JsonObject;
  readonly locate: Locator;
}

const MAX_ROUNDS = 20;
const REMOVED = Symbol('removed');

export function pruneInvalid(doc: JsonObject, locate: Locator): Pruned | undefined {
  const copy = structuredClone<Obj>(doc);
  const maps: IndexMaps = new Map();
  const v = validate as unknown as Validator;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (v(copy)) return { doc: copy, locate: mapped(locate, maps) };
    for (const e of v.errors ?? []) cut(copy, pathOf(e.instancePath), e);
    sweep(copy, [], maps);
  }
  return undefined;
}

function pathOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Removes (or stubs) the unit of the document that holds one schema error. */
function cut(doc: Obj, path: string[], e: SchemaError): void {
  const [top, id, key, index] = path;
  if (top === undefined) return topLevel(doc, e);
  const container = doc[top];
  if (path.length === 1 || !isObj(container)) return void (top === 'name' ? (doc.name = 'graph') : top === 'services' ? (doc.services = {}) : delete doc[top]);
  if (top !== 'services' && top !== 'scenarios') return void delete container[id!];
  const unit = container[id!];
  if (!isObj(unit)) return void (top === 'services' ? (container[id!] = {}) : delete container[id!]);
  if (top === 'services') {
    if (key === undefined) container[id!] = extra(e) ? without(unit, extra(e)!) : {};
    else if (key === 'dependsOn' && index !== undefined) mark(unit, 'dependsOn', Number(index));
    else delete unit[key];
    return;
  }
  if (key === undefined) {
    if (extra(e)) container[id!] = without(unit, extra(e)!);
    else delete container[id!];
  } else if (key === 'start') delete container[id!];
  else if ((key === 'events' || key === 'observed') && index !== undefined) mark(unit, key, Number(index));
  else if (key === 'whatIfs' && index !== undefined && isObj(unit.whatIfs)) delete unit.whatIfs[index];
  else delete unit[key];
}

function isObj(v: JsonValue | undefined): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function topLevel(doc: Obj, e: SchemaError): void {
  if (extra(e)) delete doc[extra(e)!];
  else if (e.keyword === 'required') {
    const missing = String(e.params.missingProperty);
    if (missing === 'faultline') doc.faultline = 1;
    if (missing === 'name') doc.name = 'graph';
    if (missing === 'services') doc.services = {};
  }
}

function extra(e: SchemaError): string | undefined {
  return e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined;
}

function without(value: JsonValue | undefined, key: string): Obj {
  const copy = { ...(value as Obj) };
  delete copy[key];
  return copy;
}

function mark(owner: Obj, key: string, index: number): void {
  const list = owner[key];
  if (Array.isArray(list) && index < list.length) (list as unknown[])[index] = REMOVED;
}

/** Drops marked list items, recording for each list the original index of every kept item. */
function sweep(node: unknown, path: JsonPath, maps: IndexMaps): void {
  if (Array.isArray(node)) {
    if (node.includes(REMOVED)) {
      const key = JSON.stringify(path);
      const before = maps.get(key) ?? node.map((_, i) => i);
      const kept = node.flatMap((item, i) => (item === REMOVED ? [] : [[item, before[i]!] as const]));
      node.length = 0;
      for (const [item] of kept) node.push(item);
      maps.set(key, kept.map(([, i]) => i));
    }
    node.forEach((item, i) => sweep(item, [...path, i], maps));
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) sweep(v, [...path, k], maps);
  }
}

/** A locator over the pruned document that answers with the original document's positions. */
function mapped(locate: Locator, maps: IndexMaps): Locator {
  if (maps.size === 0) return locate;
  return (path, at) => {
    const original: (string | number)[] = [];
    for (const step of path) {
      const map = typeof step === 'number' ? maps.get(JSON.stringify(original)) : undefined;
      original.push(map && typeof step === 'number' ? map[step] ?? step : step);
    }
    return locate(original, at);
  };
}
