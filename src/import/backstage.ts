/**
 * Backstage catalog entities → services and edges. Components and Resources are services; an API
 * links each consumer (`consumesApis`) to the components that provide it (`providesApis`), and
 * stands in as a service itself when no component in the inputs provides it. `dependsOn` and
 * `dependencyOf` are hard edges; `subcomponentOf` makes the parent depend softly on its part.
 * Entity refs are `[kind:][namespace/]name` with the relation's default kind and the entity's
 * namespace. `Location` entities are followed to files inside the given tree.
 */
import { dirname, join, resolve, sep } from 'node:path';
import { realPath } from './read.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Location } from '../model/types.js';
import { asList, asMap, asText, parseYamlDocs, type Lines, type Plain } from './located.js';
import { roleFromResourceType } from './roles.js';
import type { ImportedEdge, ImportedService, InputText, Reading } from './types.js';
import { pushAll } from '../model/arrays.js';

export type LoadFile = (file: string) => InputText | Diagnostic;

interface Entity { readonly kind: string; readonly ns: string; readonly name: string; readonly key: string; readonly doc: Plain; readonly spec: Plain; readonly lines: Lines }

export function readBackstage(inputs: readonly InputText[], roots: readonly string[], load: LoadFile): Reading {
  const diagnostics: Diagnostic[] = [];
  const entities = readEntities(inputs, roots, load, diagnostics);
  const first = (key: string) => entities.get(key)?.[0];
  const all = [...entities.values()].flat();
  const ref = (e: Entity, raw: unknown, defaultKind: string) => parseRef(asText(raw) ?? '', defaultKind, e.ns);
  const where = (e: Entity, field: string, i?: number): Location => {
    const v = e.spec[field];
    return Array.isArray(v) && i !== undefined ? e.lines.at(v, i) : e.lines.at(e.spec, field);
  };

  const providers = new Map<string, string[]>();
  for (const e of all) {
    if (e.kind === 'component') asList(e.spec.providesApis).forEach((a) => push(providers, ref(e, a, 'api'), e.key));
    if (e.kind === 'api') asList(e.spec.apiProvidedBy).forEach((c) => push(providers, e.key, ref(e, c, 'component')));
  }
  const services = new Map<string, ImportedService>();
  const edges: ImportedEdge[] = [];
  const edge = (from: string, to: string, evidence: string, loc: Location, extra: Partial<ImportedEdge> = {}) =>
    edges.push({ from, to: first(to) ? { keys: [to] } : { name: to.slice(to.indexOf('/') + 1) }, type: 'hard', evidence, loc, ...extra });
  const consume = (consumer: string, api: string, loc: Location, field: string) => {
    const evidence = `${field} ${api.slice(api.indexOf('/') + 1)}`;
    const by = [...new Set(providers.get(api) ?? [])].filter((p) => p !== consumer).sort();
    if (by.length > 0) {
      edges.push({ from: consumer, to: { keys: by }, type: 'hard', evidence, loc,
        ...(by.length > 1 ? { note: `guessed: ${by.length} components provide ${api}; any one of them serves` } : {}) });
    } else if (first(api)) {
      const apiEntity = first(api)!;
      if (!services.has(api)) services.set(api, entityService(apiEntity, ['guessed: no component in the inputs provides this API; it stands in for its provider']));
      edge(consumer, api, evidence, loc);
    } else edge(consumer, api, evidence, loc);
  };
  for (const e of all) {
    if (e.kind === 'component' || e.kind === 'resource') {
      if (!services.has(e.key)) services.set(e.key, entityService(e, [], first(refOrEmpty(e, e.spec.system, 'system'))?.name));
      asList(e.spec.dependsOn).forEach((d, i) => edge(e.key, ref(e, d, 'component'), 'dependsOn', where(e, 'dependsOn', i)));
      asList(e.spec.dependencyOf).forEach((d, i) => edge(ref(e, d, 'component'), e.key, 'dependencyOf', where(e, 'dependencyOf', i)));
      asList(e.spec.consumesApis).forEach((a, i) => consume(e.key, ref(e, a, 'api'), where(e, 'consumesApis', i), 'consumesApis'));
      if (asText(e.spec.subcomponentOf)) {
        edge(ref(e, e.spec.subcomponentOf, 'component'), e.key, 'subcomponentOf', where(e, 'subcomponentOf'),
          { type: 'soft', note: 'guessed: subcomponentOf — the parent is degraded, not down, when a part fails' });
      }
    }
    if (e.kind === 'api') asList(e.spec.apiConsumedBy).forEach((c, i) => consume(ref(e, c, 'component'), e.key, where(e, 'apiConsumedBy', i), 'apiConsumedBy'));
  }
  // A consumer named only from an API's side must exist to be an edge's source.
  const kept = edges.filter((ed) => {
    if (services.has(ed.from)) return true;
    diagnostics.push({ ...ed.loc, severity: 'warning', message: `"${ed.from}" is not a component or resource in the inputs; ${ed.evidence} skipped` });
    return false;
  });
  return { format: 'backstage', services: [...services.values()], edges: kept, diagnostics };
}

/** Every backstage.io entity by kind:namespace/name, following Location entities to the files they name. */
function readEntities(inputs: readonly InputText[], roots: readonly string[], load: LoadFile, diagnostics: Diagnostic[]): Map<string, Entity[]> {
  const entities = new Map<string, Entity[]>();
  const seenFiles = new Set(inputs.map((i) => realPath(i.file)));
  const queue = [...inputs];
  for (let input = queue.shift(); input; input = queue.shift()) {
    const parsed = parseYamlDocs(input.text, input.file);
    pushAll(diagnostics, parsed.diagnostics);
    for (const d of parsed.docs) {
      const doc = asMap(d);
      const kind = asText(doc?.kind)?.toLowerCase();
      const meta = asMap(doc?.metadata);
      const name = asText(meta?.name);
      if (!doc || !kind || !name || !asText(doc.apiVersion)?.startsWith('backstage.io/')) continue;
      const ns = asText(meta?.namespace)?.toLowerCase() ?? 'default';
      const key = `${kind}:${ns}/${name.toLowerCase()}`;
      const entity: Entity = { kind, ns, name, key, doc, spec: asMap(doc.spec) ?? {}, lines: parsed.lines };
      entities.set(key, [...(entities.get(key) ?? []), entity]);
      if (kind === 'location') pushAll(queue, follow(entity, input.file, roots, seenFiles, load, diagnostics));
    }
  }
  return entities;
}

function entityService(e: Entity, notes: string[], system?: string): ImportedService {
  const meta = asMap(e.doc.metadata) ?? {};
  const type = asText(e.spec.type);
  const guess = e.kind === 'resource' ? roleFromResourceType(type) : undefined;
  const owner = asText(e.spec.owner)?.replace(/^(group|user):/i, '').replace(/^default\//, '');
  const tags = asList(meta.tags).map(asText).filter((t): t is string => t !== undefined);
  const website = e.kind === 'component' && type === 'website';
  return {
    key: e.key, name: e.name,
    qualified: [`${e.name}-${e.kind}`, ...(e.ns !== 'default' ? [`${e.ns}.${e.name}`, `${e.ns}.${e.name}-${e.kind}`] : [])],
    ...(asText(meta.title) ? { title: asText(meta.title)! } : {}),
    ...(asText(meta.description) ? { description: asText(meta.description)!.trim() } : {}),
    ...(owner ? { team: owner } : {}),
    ...(guess ? { role: guess.role } : {}),
    ...(website ? { entrypoint: true } : {}),
    x: {
      'x-kind': e.doc.kind as string,
      ...(type ? { 'x-type': type } : {}),
      ...(asText(e.spec.lifecycle) ? { 'x-lifecycle': asText(e.spec.lifecycle)! } : {}),
      ...(tags.length > 0 ? { 'x-tags': tags } : {}),
      ...(system ? { 'x-system': system } : {}),
      ...(e.ns !== 'default' ? { 'x-namespace': e.ns } : {}),
    },
    notes: [...notes, ...(guess ? [guess.note] : []), ...(website ? ['guessed: entrypoint, a website'] : [])],
    loc: e.lines.at(e.doc, 'kind'),
  };
}

/** `kind:namespace/name` with defaults, lower-cased as Backstage compares refs. */
export function parseRef(text: string, defaultKind: string, defaultNs: string): string {
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon) : defaultKind;
  const rest = colon > 0 ? text.slice(colon + 1) : text;
  const slash = rest.indexOf('/');
  const ns = slash > 0 ? rest.slice(0, slash) : defaultNs;
  return `${kind}:${ns}/${slash > 0 ? rest.slice(slash + 1) : rest}`.toLowerCase();
}

function refOrEmpty(e: Entity, raw: unknown, kind: string): string {
  return asText(raw) ? parseRef(asText(raw)!, kind, e.ns) : '';
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}

/** The files a Location points at, when they lie inside one of the given roots and were not read yet. */
function follow(e: Entity, file: string, roots: readonly string[], seen: Set<string>, load: LoadFile, diagnostics: Diagnostic[]): InputText[] {
  const targets = [e.spec.target, ...asList(e.spec.targets)].map(asText).filter((t): t is string => t !== undefined);
  const out: InputText[] = [];
  for (const target of targets) {
    const at = e.lines.at(e.spec, e.spec.targets !== undefined ? 'targets' : 'target');
    const warn = (message: string) => diagnostics.push({ ...at, severity: 'warning', message });
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || asText(e.spec.type) === 'url') { warn(`Location target ${target} is a URL; not followed`); continue; }
    if (target.includes('*')) { warn(`Location target ${target} is a glob; not followed (pass the directory instead)`); continue; }
    // Real paths on both sides: a symlink inside the tree must not lead the importer outside it.
    const abs = realPath(resolve(dirname(file), target));
    if (seen.has(abs)) continue;
    if (!roots.some((r) => abs === r || abs.startsWith(r.endsWith(sep) ? r : r + sep))) { warn(`Location target ${target} is outside the given tree; not followed`); continue; }
    seen.add(abs);
    const shown = join(dirname(file), target);
    const loaded = load(shown);
    if ('text' in loaded) out.push(loaded);
    else warn(`Location target ${target}: ${loaded.message}`);
  }
  return out;
}
