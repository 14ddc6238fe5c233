/**
 * Turns ajv's errors into one clear, located message per problem. ajv reports a cascade for unions
 * (every failing oneOf branch, every if/then/else), so: errors inside oneOf branches and `if`
 * errors are dropped, a wrong type hides every other complaint about the same node, and `oneOf`
 * itself is explained from the data ("has both on and anyOf", "needs one of …").
 */
import type { Diagnostic } from './diagnostic.js';
import { valueAt, type JsonPath, type Locator } from './locate.js';
import { quote } from './sanitize.js';
import { didYouMean } from './suggest.js';

export interface SchemaError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly propertyName?: string;
  readonly message?: string;
  /** With ajv's `verbose`: the failing keyword's value and the schema object holding it. */
  readonly schema?: unknown;
  readonly parentSchema?: { readonly properties?: object };
}

interface Located { readonly path: JsonPath; readonly at: 'value' | 'key'; readonly message: string; readonly hint?: string }

const ID_HINT = 'ids are lower-case letters, digits, ".", "_" and "-", starting with a letter or digit';
const PATTERN_TEXT: Readonly<Record<string, [string, string]>> = {
  id: ['invalid id', ID_HINT],
  duration: ['malformed duration', 'use e.g. 90s, 45m, 2h, 1h30m or 1d'],
  time: ['malformed time', 'use "HH:MM", "+1d HH:MM", an offset like "+2h30m" or an ISO time'],
  start: ['malformed start time', 'use an ISO time with its offset, e.g. 2020-11-25T02:44:00-08:00'],
};
const MAP_ENTRY: Readonly<Record<string, string>> = {
  services: 'service id', scenarios: 'scenario id', whatIfs: 'what-if id', perNode: 'resource name',
};
const REQUIRED_HINT: Readonly<Record<string, string>> = {
  faultline: 'start the file with "faultline: 1"',
  buffer: 'a buffered edge needs buffer: { fillsAfter: 1h, whenFull: degraded }',
  start: 'e.g. start: 2020-11-25T02:44:00-08:00',
};

export function explainSchemaErrors(errors: readonly SchemaError[], doc: unknown, schema: object, locate: Locator): Diagnostic[] {
  const typeFailed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const out: Diagnostic[] = [];
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'propertyNames' || e.schemaPath.includes('/oneOf/')) continue;
    if (e.keyword !== 'type' && typeFailed.has(e.instancePath)) continue;
    const path = toPath(e.instancePath, doc);
    const r = explain(e, path, valueAt(doc, path), schema);
    out.push({ ...locate(r.path, r.at), severity: 'error', message: r.message, ...(r.hint ? { hint: r.hint } : {}) });
  }
  return out;
}

function explain(e: SchemaError, path: JsonPath, value: unknown, schema: object): Located {
  const what = describe(path);
  const p = e.params;
  switch (e.keyword) {
    case 'required': {
      const key = String(p.missingProperty);
      return { path, at: 'key', message: `${what} is missing required key "${key}"`, ...hint(REQUIRED_HINT[key]) };
    }
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = Object.keys(e.parentSchema?.properties ?? {});
      return {
        path: [...path, key], at: 'key', message: `unknown key ${quote(key)}`,
        hint: didYouMean(key, allowed) ?? `allowed: ${allowed.join(', ')}; extension keys start with "x-"`,
      };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return { path, at: 'value', message: `unknown ${bare(path)} ${quote(value)}`, hint: didYouMean(String(value), allowed) ?? `one of: ${allowed.join(', ')}` };
    }
    case 'const':
      return { path, at: 'value', message: `${what} must be ${quote(p.allowedValue)}, not ${quote(value)}`, ...hint(typeof value === 'string' ? didYouMean(value, [String(p.allowedValue)]) : undefined) };
    case 'type':
      return { path, at: 'value', message: `${what} must be ${TYPE_NAMES[String(p.type)] ?? String(p.type)}, not ${kindOf(value)}` };
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return { path, at: 'value', message: `${what} must be ${String(p.comparison)} ${String(p.limit)}, not ${quote(value)}` };
    case 'minItems':
      return { path, at: 'value', message: `${what} needs at least ${String(p.limit)} entries`, ...hint(bare(path) === 'anyOf' ? 'for a single service use on:' : undefined) };
    case 'pattern': {
      const defs = (schema as { $defs?: Record<string, { pattern?: string }> }).$defs ?? {};
      const def = Object.keys(defs).find((name) => defs[name]!.pattern === p.pattern) ?? '';
      const [text, help] = PATTERN_TEXT[def] ?? ['invalid value', `must match ${String(p.pattern)}`];
      if (e.propertyName !== undefined) {
        const kind = MAP_ENTRY[bare(path)] ?? 'key';
        return { path: [...path, e.propertyName], at: 'key', message: `invalid ${kind} ${quote(e.propertyName)}`, hint: ID_HINT };
      }
      return { path, at: 'value', message: `${text} ${quote(value)}${def === 'id' ? '' : ` in ${what}`}`, hint: help };
    }
    case 'oneOf':
      return explainOneOf(e, path, value);
    case 'not':
      return { path: [...path, 'buffer'], at: 'key', message: 'a buffer is only allowed on an edge of type buffered', hint: 'add type: buffered, or remove the buffer' };
    default:
      return { path, at: 'value', message: `${what} ${e.message ?? 'is invalid'}` };
  }
}

/** `oneOf: [{required: [a]}, {required: [b]}]` means "exactly one of a, b": say which, from the data. */
function explainOneOf(e: SchemaError, path: JsonPath, value: unknown): Located {
  const branches = (Array.isArray(e.schema) ? e.schema : []) as { required?: string[] }[];
  const keys = branches.map((b) => b.required?.[0]).filter((k): k is string => k !== undefined);
  const present = keys.filter((k) => value !== null && typeof value === 'object' && Object.hasOwn(value, k));
  const list = keys.map((k) => `"${k}"`).join(', ');
  if (present.length === 0) return { path, at: 'key', message: `${describe(path)} needs one of ${list}` };
  return { path: [...path, present[1]!], at: 'key', message: `${describe(path)} has both "${present[0]}" and "${present[1]}"`, hint: `give exactly one of ${list}` };
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', null: 'null',
};

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return String(v);
  return `the string ${quote(v)}`;
}

function hint(text: string | undefined): { hint?: string } {
  return text ? { hint: text } : {};
}

/** `"tier"`, `entry 2 of "dependsOn"`, `the graph`: what a message is about. */
export function describe(path: JsonPath): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the graph';
  if (typeof last === 'number') return `entry ${last + 1} of "${String(path[path.length - 2])}"`;
  return `"${last}"`;
}

function bare(path: JsonPath): string {
  const last = path[path.length - 1];
  return typeof last === 'number' ? String(path[path.length - 2]) : String(last ?? '');
}

/** A JSON pointer as path steps; a step into a list becomes a number. */
function toPath(pointer: string, doc: unknown): JsonPath {
  const path: (string | number)[] = [];
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) ? Number(step) : step;
    path.push(key);
    node = node !== null && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return path;
}
