/**
 * Which assumed numbers an observation's prediction rests on — computed, not declared. Every number
 * the graph marks as an assumption (`x-assumed: true` on an object: each of its numbers, durations
 * and times; `x-assumed: [keys]`: those keys, and every number inside a key that holds an object)
 * in its services and in the replayed scenario is moved
 * down and up by STEP (whole counts by at least 1, times by at least a minute) and the scenario
 * replayed; an observation rests on the number when its predicted time moves, or it stops being
 * matched, either way. What-ifs and observations themselves are not searched.
 */
import { checkDocument } from '../model/check.js';
import { nullLocator, type JsonPath } from '../model/locate.js';
import { parseDuration, parseTime } from '../model/time.js';
import type { JsonObject, JsonValue, Model, ScenarioStart } from '../model/types.js';

/** How far each assumed number is moved, as a share of its value. */
export const STEP = 0.1;
/** Keys whose values are whole counts. */
const WHOLE = new Set(['nodes', 'cells', 'peers', 'to', 'by']);

export interface AssumedNumber {
  readonly path: JsonPath;
  /** `net.fleet.capacity`, `api.dependsOn[net].latch.lagPerMinute`, `events[3].delay`. */
  readonly label: string;
}

/** The assumed numbers of the services and of scenario `scenarioId`, in document order. */
export function assumedNumbers(doc: JsonObject, scenarioId: string): AssumedNumber[] {
  const out: AssumedNumber[] = [];
  // `all`: inside a key an `x-assumed` list named (`x-assumed: [restart]`): every number in it.
  const walk = (v: JsonValue | undefined, path: (string | number)[], all = false) => {
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, [...path, i], all)); return; }
    if (v === null || typeof v !== 'object') return;
    const marked = v['x-assumed'];
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith('x-')) continue;
      const named = Array.isArray(marked) && marked.includes(k);
      const listed = all || marked === true || named;
      if (listed && perturb(k, x, 1, undefined) !== undefined) out.push({ path: [...path, k], label: label(doc, [...path, k]) });
      else walk(x, [...path, k], all || named);
    }
  };
  walk(doc.services, ['services']);
  const scenario = (doc.scenarios as JsonObject | undefined)?.[scenarioId] as JsonObject | undefined;
  if (scenario) {
    for (const key of ['events', 'detection', 'communication']) walk(scenario[key], ['scenarios', scenarioId, key]);
  }
  return out;
}

/**
 * `value` moved by `sign` × STEP: a number, a duration ("88m"), or a time (`at`, needs `start`);
 * undefined when it is none of those (or a time without a start to read it from).
 */
export function perturb(key: string, value: JsonValue | undefined, sign: 1 | -1, start: ScenarioStart | undefined): JsonValue | undefined {
  if (typeof value === 'number') {
    if (WHOLE.has(key) && Number.isInteger(value)) {
      const moved = Math.round(value * (1 + sign * STEP));
      return moved === value ? value + sign : moved;
    }
    return value * (1 + sign * STEP);
  }
  if (typeof value !== 'string') return undefined;
  if (key === 'at') {
    if (!start) return ''; // a time: recognised, moved once the scenario's start is known
    const min = parseTime(value, start);
    return min === undefined ? undefined : `+${Math.max(0, min + sign * Math.max(1, Math.abs(min) * STEP))}m`;
  }
  const min = parseDuration(value);
  return min === undefined ? undefined : `${min * (1 + sign * STEP)}m`;
}

/** A readable name for a path: service-relative, edges by their target, events by index and time. */
function label(doc: JsonObject, path: JsonPath): string {
  const parts: string[] = [];
  let node: JsonValue | undefined = doc;
  path.forEach((k, i) => {
    const parent = node;
    node = parent !== null && typeof parent === 'object' ? (parent as Record<string, JsonValue>)[k as string] : undefined;
    if (i === 0 && (k === 'services' || k === 'scenarios')) return;
    if (i === 1 && path[0] === 'scenarios') return;
    if (typeof k === 'number') {
      const edge = node !== null && typeof node === 'object' && !Array.isArray(node) ? node : undefined;
      const on = edge?.on ?? (Array.isArray(edge?.anyOf) ? edge.anyOf.join('|') : undefined);
      parts[parts.length - 1] += on !== undefined ? `[${String(on)}]` : `[${k}]`;
      return;
    }
    parts.push(String(k));
  });
  return parts.join('.');
}

/** The document with the value at `path` replaced. */
function withValue(doc: JsonObject, path: JsonPath, value: JsonValue): JsonObject {
  const copy = structuredClone(doc);
  let node: JsonValue = copy;
  for (const k of path.slice(0, -1)) node = (node as Record<string, JsonValue>)[k as string]!;
  (node as Record<string, JsonValue>)[path.at(-1) as string] = value;
  return copy;
}

/** The model with one assumed number moved, or undefined when the moved graph is not valid. */
export function movedModel(model: Model, a: AssumedNumber, sign: 1 | -1, start: ScenarioStart): Model | undefined {
  let value: JsonValue = model.doc;
  for (const k of a.path) value = (value as Record<string, JsonValue>)[k as string]!;
  const moved = perturb(String(a.path.at(-1)), value, sign, start);
  if (moved === undefined || moved === value) return undefined;
  return checkDocument(withValue(model.doc, a.path, moved), model.file, nullLocator(model.file), { patches: false }).value;
}
