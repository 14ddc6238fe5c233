/**
 * What the parts of buildModel share: the document, its locator, the service ids, and the
 * diagnostics found so far. The builders run in the order of the file, so diagnostics come out in
 * document order.
 */
import { MAX_ERRORS, type Diagnostic } from './diagnostic.js';
import type { JsonPath, Locator } from './locate.js';
import { quote } from './sanitize.js';
import { didYouMean } from './suggest.js';
import { MAX_SPAN_MIN, parseDuration } from './time.js';
import type { JsonObject, JsonValue } from './types.js';

export type Obj = { readonly [key: string]: JsonValue | undefined };

export interface BuildContext {
  readonly doc: JsonObject;
  readonly locate: Locator;
  readonly ids: ReadonlySet<string>;
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
  fail(path: JsonPath, message: string, hint?: string, at?: 'value' | 'key'): void;
  warn(path: JsonPath, message: string, hint?: string): void;
  hasFleet(id: string): boolean;
  /** An error when `id` is not a service of the graph. */
  checkRef(id: string, path: JsonPath, what: string): void;
  /**
   * Minutes of a duration; `fallback` when absent or invalid (an error for the latter, at `path`:
   * a function when the path is worth building only for the error).
   */
  duration(text: JsonValue | undefined, path: JsonPath | (() => JsonPath), fallback?: number): number;
}

export function buildContext(doc: JsonObject, locate: Locator, ids: ReadonlySet<string>): BuildContext {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const services = doc.services as Obj;
  const valid = new Map<string, number>();
  const fail = (path: JsonPath, message: string, hint?: string, at: 'value' | 'key' = 'value'): void => {
    errors.push({ ...locate(path, at), severity: 'error', message, ...(hint ? { hint } : {}) });
  };
  return {
    doc, locate, ids, errors, warnings, fail,
    warn: (path, message, hint) => { warnings.push({ ...locate(path, 'key'), severity: 'warning', message, ...(hint ? { hint } : {}) }); },
    hasFleet: (id) => ids.has(id) && services[id] !== null && (services[id] as Obj).fleet !== undefined,
    checkRef: (id, path, what) => {
      // A hint only for the errors that will be shown (the first MAX_ERRORS): 5,000 hints took 22 s.
      if (!ids.has(id)) fail(path, `${what} ${quote(id)} is not a service of this graph`, errors.length < MAX_ERRORS ? didYouMean(id, ids) : undefined);
    },
    duration: (text, where, fallback = 0) => {
      if (text === undefined) return fallback;
      // Generated graphs repeat a few durations on every edge: each distinct valid text is parsed once.
      const known = typeof text === 'string' ? valid.get(text) : undefined;
      if (known !== undefined) return known;
      const path = typeof where === 'function' ? where() : where;
      const min = parseDuration(String(text));
      if (typeof text === 'string' && min !== undefined && min <= MAX_SPAN_MIN) valid.set(text, min);
      if (min === undefined) fail(path, `malformed duration "${String(text)}"`, 'use e.g. 90s, 45m, 2h, 1h30m or 1d');
      else if (!(min <= MAX_SPAN_MIN)) { fail(path, `duration "${cut(String(text))}" is longer than 365 days`, 'durations are at most 365d'); return fallback; }
      return min ?? fallback;
    },
  };
}

/** A value in a message: long enough to recognise, never 400 digits. */
export const cut = (t: string): string => (t.length > 40 ? `${t.slice(0, 40)}…` : t);

export function entries(v: JsonValue | undefined): [string, JsonValue][] {
  return v && typeof v === 'object' && !Array.isArray(v)
    ? Object.keys(v).map((k) => [k, (v)[k]!])
    : [];
}

export function asArray(v: JsonValue | undefined): JsonValue[] {
  return Array.isArray(v) ? v : [];
}
