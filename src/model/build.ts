/**
 * Builds the Model from a document that already has the schema's shape: applies defaults, resolves
 * references and runs the semantic checks the schema cannot express (unknown ids, self-dependency,
 * cells > nodes, times that are malformed, out of order or before the start).
 */
import { asArray, buildContext, entries } from './build-context.js';
import { buildScenario } from './build-scenario.js';
import { buildService } from './build-service.js';
import type { Loaded } from './diagnostic.js';
import type { Locator } from './locate.js';
import type { JsonObject, Model, Service } from './types.js';

/**
 * The Model, or its errors. Warnings are problems that do not stop the graph from loading (e.g. a
 * `needs` that can have no effect). With errors, `draft` is the model as far as it could be built,
 * only so that its patches can still be checked in the same run (check.ts): never returned past
 * checkDocument, never replayed.
 */
export type Built = Loaded<Model> & { readonly draft?: Model };

/** Services (build-service.ts, build-fleet.ts), then scenarios (build-scenario.ts, build-action.ts). */
export function buildModel(doc: JsonObject, file: string, locate: Locator): Built {
  const docs = doc.services && typeof doc.services === 'object' && !Array.isArray(doc.services) ? doc.services : {};
  const ids = Object.keys(docs);
  const ctx = buildContext(doc, locate, new Set(ids));
  // Loops, not entries().map(): no [id, value] pair per service.
  const services: Service[] = [];
  const byId = new Map<string, Service>();
  for (const id of ids) {
    const service = buildService(ctx, id, docs[id]!);
    services.push(service);
    byId.set(id, service);
  }
  const scenarios = entries(doc.scenarios).map(([id, raw]) => buildScenario(ctx, id, raw));
  const model: Model = {
    file,
    name: String(doc.name),
    title: typeof doc.title === 'string' ? doc.title : String(doc.name),
    sources: asArray(doc.sources).map(String),
    services,
    byId,
    scenarios,
    doc,
  };
  const { errors, warnings } = ctx;
  if (errors.length > 0) return { errors, ...(warnings.length > 0 ? { warnings } : {}), draft: model };
  return { value: freezeModel(model), warnings };
}

/**
 * Frozen down to each service and its list of dependencies; the dependency entries themselves
 * (with their locations) and the source document `doc` stay readonly by type only. Freezing those
 * too meant visiting ~5 objects per edge — 5M on a 1M-edge graph, a noticeable part of the load —
 * to guard objects no code writes to (what-ifs patch a copy of `doc`, never `doc`).
 */
function freezeModel(model: Model): Model {
  for (const s of model.services) {
    Object.freeze(s.dependsOn);
    if (s.fleet) deepFreeze(s.fleet);
    if (Array.isArray(s.supports)) Object.freeze(s.supports);
    Object.freeze(s);
  }
  Object.freeze(model.services);
  deepFreeze(model.scenarios);
  Object.freeze(model.byId);
  Object.freeze(model.sources);
  return Object.freeze(model);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    const children = value instanceof Map ? [...value.values()] : Object.values(value);
    for (const child of children) deepFreeze(child);
  }
  return value;
}
