/**
 * Docker Compose → services and edges. Edges come from `depends_on` (list or map form; a map
 * entry with `required: false` is soft), `links`, and environment values that address another
 * service (`host:port`, URLs, connection strings, a bare service name). Several compose files are
 * read together like `docker compose -f a.yml -f b.yml`: later files extend earlier services.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { addressesIn } from './address.js';
import { asList, asMap, asText, parseYamlDocs, type Lines, type Plain } from './located.js';
import { roleFromImage } from './roles.js';
import type { ImportedEdge, ImportedService, InputText, Reading } from './types.js';
import { pushAll } from '../model/arrays.js';

interface ComposeFile { readonly services: Plain; readonly lines: Lines }

export function readCompose(inputs: readonly InputText[]): Reading {
  const diagnostics: Diagnostic[] = [];
  const files: ComposeFile[] = [];
  for (const input of inputs) {
    const parsed = parseYamlDocs(input.text, input.file);
    pushAll(diagnostics, parsed.diagnostics);
    const doc = asMap(parsed.docs[0]);
    const services = asMap(doc?.services) ?? (doc && looksLikeV1(doc) ? doc : undefined);
    if (services) files.push({ services, lines: parsed.lines });
    else if (parsed.diagnostics.length === 0) diagnostics.push({ ...parsed.lines.of(doc), severity: 'warning', message: 'no compose `services:` in this file; skipped' });
  }
  // Every name another container can resolve: service names, container_name, network aliases.
  const hostToService = new Map<string, string>();
  for (const f of files) for (const name of Object.keys(f.services)) hostToService.set(name.toLowerCase(), name);
  for (const f of files) {
    for (const [name, raw] of Object.entries(f.services)) {
      const s = asMap(raw);
      const container = asText(s?.container_name);
      if (container) hostToService.set(container.toLowerCase(), name);
      for (const net of Object.values(asMap(s?.networks) ?? {})) {
        for (const alias of asList(asMap(net)?.aliases)) if (asText(alias)) hostToService.set(asText(alias)!.toLowerCase(), name);
      }
    }
  }

  const services: ImportedService[] = [];
  const edges: ImportedEdge[] = [];
  for (const { services: map, lines } of files) {
    for (const [name, raw] of Object.entries(map)) {
      const s = asMap(raw) ?? {};
      const image = asText(s.image);
      const guess = roleFromImage(image);
      services.push({
        key: name, name, qualified: [],
        ...(guess ? { role: guess.role } : {}),
        x: image ? { 'x-image': image } : {},
        notes: guess ? [guess.note] : [],
        loc: lines.at(map, name),
      });
      const edge = (to: string, evidence: string, loc: ImportedEdge['loc'], extra: Partial<ImportedEdge> = {}) =>
        edges.push({ from: name, to: { keys: [to] }, type: 'hard', evidence, loc, ...extra });
      const dependsOn = s.depends_on;
      if (Array.isArray(dependsOn)) {
        dependsOn.forEach((d, i) => { if (asText(d)) edge(asText(d)!, 'depends_on', lines.at(dependsOn, i)); });
      } else if (asMap(dependsOn)) {
        for (const [dep, spec] of Object.entries(asMap(dependsOn)!)) {
          const optional = asMap(spec)?.required === false;
          edge(dep, 'depends_on', lines.at(dependsOn, dep), optional ? { type: 'soft', note: 'depends_on with required: false → soft' } : {});
        }
      }
      const links = asList(s.links);
      links.forEach((l, i) => { const t = asText(l)?.split(':')[0]; if (t) edge(t, 'links', lines.at(links, i)); });
      for (const [envName, value, loc] of environment(s.environment, lines)) {
        for (const ref of addressesIn(envName, value)) {
          const target = hostToService.get(ref.host);
          const evidence = `env ${envName}`;
          if (target !== undefined) {
            edge(target, evidence, loc, ref.healthCheck ? { type: 'soft', note: `guessed: ${envName} is a health-check address only → soft` } : {});
          } else if (ref.explicit && !ref.host.includes('.')) {
            edges.push({ from: name, to: { name: ref.host }, type: 'hard', evidence, loc });
          }
        }
      }
    }
  }
  return { format: 'compose', services, edges, diagnostics };
}

/** `environment` as a list of `K=V` or a map; entries without a value come from the host and are skipped. */
function environment(env: unknown, lines: Lines): [string, string, ReturnType<Lines['of']>][] {
  const out: [string, string, ReturnType<Lines['of']>][] = [];
  if (Array.isArray(env)) {
    env.forEach((e, i) => {
      const text = asText(e);
      const eq = text?.indexOf('=') ?? -1;
      if (text && eq > 0) out.push([text.slice(0, eq), text.slice(eq + 1), lines.at(env, i)]);
    });
  } else if (asMap(env)) {
    for (const [k, v] of Object.entries(asMap(env)!)) if (asText(v) !== undefined) out.push([k, asText(v)!, lines.at(env, k)]);
  }
  return out;
}

/** Compose file format 1 has no `services:` key: every top-level entry with an image or build is one. */
function looksLikeV1(doc: Plain): boolean {
  const values = Object.values(doc).map(asMap);
  return values.length > 0 && values.every((v) => v !== undefined && ('image' in v || 'build' in v));
}
