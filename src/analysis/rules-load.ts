/**
 * Reads a rules file (YAML) into Rules, or into located diagnostics: the same promise as the graph
 * loader — every error of the file, `FILE:LINE:COL`, never a throw for bad input.
 */
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject } from 'ajv';
import type { Diagnostic, Loaded } from '../model/diagnostic.js';
import { valueAt, type JsonPath, type Locator } from '../model/locate.js';
import { parseSource, readSource } from '../model/source.js';
import { didYouMean } from '../model/suggest.js';
import { RULE_IDS, RULE_OPTIONS, defaultRules, type Ignore, type RuleId, type Rules, type Thresholds } from './rules.js';
import { rulesSchema } from './rules-schema.js';
import type { Severity } from './types.js';

const MAX_RULES_BYTES = 1024 * 1024;
let validator: ReturnType<Ajv['compile']> | undefined;

export function loadRules(file: string): Loaded<Rules> {
  const source = readSource(file, 'rules file', MAX_RULES_BYTES);
  return source.errors ? { errors: source.errors } : parseRules(source.value, file);
}

/** The same front door as graph files (size, UTF-8, nesting, syntax, duplicate keys, aliases). */
export function parseRules(text: string, file: string): Loaded<Rules> {
  const parsed = parseSource(text, file);
  if (parsed.errors) return { errors: parsed.errors };
  if (parsed.value.duplicates) return { errors: parsed.value.duplicates };
  const { json, locate } = parsed.value;
  // ajv (~20 ms to load) only when a rules file is read: every audit imports this module.
  validator ??= new (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv({ allErrors: true, strict: false }).compile(rulesSchema);
  if (!validator(json)) return { errors: diagnostics(validator.errors ?? [], locate, json) };
  return { value: toRules(json as RulesDoc), warnings: [] };
}

type RulesDoc = { rules?: Record<string, string | Record<string, unknown>>; ignore?: Ignore[] };

function toRules(doc: RulesDoc): Rules {
  const severity: Record<RuleId, Severity | 'off'> = { ...defaultRules.severity };
  const thresholds: Record<keyof Thresholds, number> = { ...defaultRules.thresholds };
  for (const id of RULE_IDS) {
    const setting = doc.rules?.[id];
    if (setting === undefined) continue;
    if (typeof setting === 'string') { severity[id] = setting as Severity | 'off'; continue; }
    if (typeof setting.severity === 'string') severity[id] = setting.severity as Severity | 'off';
    for (const [option, key] of Object.entries(RULE_OPTIONS[id] ?? {})) {
      if (typeof setting[option] === 'number') thresholds[key] = setting[option];
    }
  }
  return { severity, thresholds, ignore: doc.ignore ?? [] };
}

/** One diagnostic per offending node; oneOf/anyOf noise collapsed to the most specific message. */
function diagnostics(errors: readonly ErrorObject[], locate: Locator, json: unknown): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of errors) {
    const path: JsonPath = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    // oneOf/anyOf branches: keep only the branch that matches the value's kind.
    if (e.keyword === 'oneOf') continue;
    if (e.keyword === 'required' && path[0] === 'ignore') continue;
    if (e.keyword === 'enum' && path[0] === 'rules' && path.length === 2 && typeof valueAt(json, path) === 'object') continue;
    if (e.keyword === 'type' && path[0] === 'rules' && path.length === 2 && typeof valueAt(json, path) !== 'object') continue;
    let message: string;
    let hint: string | undefined;
    let at: JsonPath = path;
    let key: 'value' | 'key' = 'value';
    if (e.keyword === 'additionalProperties') {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      at = [...path, extra];
      key = 'key';
      const known = path.length === 1 && path[0] === 'rules' ? RULE_IDS
        : path[0] === 'rules' ? ['severity', ...Object.keys(RULE_OPTIONS[path[1] as RuleId] ?? {})]
          : Object.keys(path.length === 0 ? rulesSchema.properties : rulesSchema.properties.ignore.items.properties);
      message = path.length === 1 && path[0] === 'rules' ? `unknown rule "${extra}"` : `unknown key "${extra}"`;
      hint = didYouMean(extra, known) ?? `known: ${known.join(', ')}`;
    } else if (e.keyword === 'enum') {
      message = `must be one of ${(e.params as { allowedValues: string[] }).allowedValues.join(', ')}`;
    } else if (e.keyword === 'anyOf') {
      message = 'an ignore needs at least one of rule, service, path, file';
    } else if (e.keyword === 'const' && path[0] === 'faultline-rules') {
      message = 'faultline-rules must be 1 (the rules format version)';
    } else if (e.keyword === 'required') {
      message = `missing "${String((e.params as { missingProperty: string }).missingProperty)}"`;
      hint = 'start the file with `faultline-rules: 1`';
    } else {
      message = `${path.length ? path.join('.') : 'rules file'} ${e.message ?? 'is invalid'}`;
    }
    const d: Diagnostic = { ...locate(at, key), severity: 'error', message, ...(hint ? { hint } : {}) };
    const id = `${d.line}:${d.column}:${d.message}`;
    if (!seen.has(id)) { seen.add(id); out.push(d); }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
