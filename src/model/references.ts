/**
 * Unknown-id checks that run even when the document has schema errors, so one run reports a
 * misspelt key and a misspelt dependency together (the full build only runs on a schema-valid
 * document). Every step is type-guarded: this walks documents of any shape. Messages match
 * build.ts, and values that are not even ids are left to the schema's "invalid id".
 */
import { MAX_ERRORS, type Diagnostic } from './diagnostic.js';
import type { JsonPath, Locator } from './locate.js';
import { quote } from './sanitize.js';
import { didYouMean } from './suggest.js';

type Obj = Record<string, unknown>;
const ID = /^[a-z0-9][a-z0-9._-]*$/;
const ACTIONS: readonly [string, string][] = [
  ['scale', 'scaled'], ['fail', 'failed'], ['recover', 'recovered'], ['restart', 'restarted'], ['corrupt', 'corrupted'], ['stop', 'stopped'],
];

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: Obj, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const keys = (v: unknown): string[] => (isObj(v) ? Object.keys(v) : []);

export function checkReferences(doc: unknown, locate: Locator): Diagnostic[] {
  if (!isObj(doc) || (Object.hasOwn(doc, 'faultline') && doc.faultline !== 1)) return [];
  const services = own(doc, 'services');
  const ids = new Set(keys(services));
  const out: Diagnostic[] = [];
  const ref = (id: unknown, path: JsonPath, what: string) => {
    if (typeof id !== 'string' || !ID.test(id) || ids.has(id)) return;
    out.push({ ...locate(path), severity: 'error', message: `${what} ${quote(id)} is not a service of this graph`, ...(out.length < MAX_ERRORS ? hintFor(id, ids) : {}) });
  };
  for (const id of keys(services)) {
    const s = own(services as Obj, id);
    if (!isObj(s)) continue;
    list(own(s, 'dependsOn')).forEach((d, i) => {
      const at: JsonPath = ['services', id, 'dependsOn', i];
      if (typeof d === 'string') ref(d, at, 'dependency');
      else if (isObj(d)) {
        ref(own(d, 'on'), [...at, 'on'], 'dependency');
        list(own(d, 'anyOf')).forEach((t, j) => ref(t, [...at, 'anyOf', j], 'dependency'));
      }
    });
    list(own(s, 'supports')).forEach((t, i) => ref(t, ['services', id, 'supports', i], 'supported service'));
  }
  const scenarios = own(doc, 'scenarios');
  for (const sid of keys(scenarios)) {
    const sc = own(scenarios as Obj, sid);
    if (!isObj(sc)) continue;
    list(own(sc, 'events')).forEach((e, i) => {
      if (!isObj(e)) return;
      for (const [action, verb] of ACTIONS) {
        const a = own(e, action);
        if (isObj(a)) ref(own(a, 'service'), ['scenarios', sid, 'events', i, action, 'service'], `${verb} service`);
      }
    });
    list(own(sc, 'observed')).forEach((o, i) => {
      if (isObj(o)) ref(own(o, 'service'), ['scenarios', sid, 'observed', i, 'service'], 'observed service');
    });
  }
  return out;
}

function hintFor(id: string, ids: ReadonlySet<string>): { hint?: string } {
  const hint = didYouMean(id, ids);
  return hint ? { hint } : {};
}
