/**
 * Docker Compose → services and edges. Edges come from `depends_on` (list or map form; a map
 * entry with `required: false` is soft), `links`, `command` flags, and environment values that
 * address another service (`host:port`, URLs, connection strings, a bare name in an address
 * variable). Values are what Compose would pass: `${VAR}` interpolated from `.env`, bare `- VAR`
 * entries filled from it, `env_file:` files, `extends:` bases. Several compose files are read
 * together like `docker compose -f a.yml -f b.yml` (later files extend earlier services), and
 * `include:` pulls in more.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { Location } from '../model/types.js';
import { addressesIn, nameSaysAddress } from './address.js';
import { commandValues } from './command-line.js';
import { interpolate } from './compose-env.js';
import { loadComposeFiles, type ComposeFile, type Files } from './compose-files.js';
import { serviceLayers, type Layer } from './compose-service.js';
import { edgeKind, telemetryKind } from './edge-kind.js';
import { asList, asMap, asText } from './located.js';
import { roleFromImage, telemetryImage } from './roles.js';
import type { ImportedEdge, ImportedService, InputText, Reading } from './types.js';

export function readCompose(inputs: readonly InputText[], files?: Files): Reading {
  const loaded = loadComposeFiles(inputs, files);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const resolved = loaded.files.flatMap((f) => Object.keys(f.services).map((name) => ({ name, f, ...serviceLayers(name, f, files, diagnostics) })));
  const hostToService = hostNames(resolved.map((r) => ({ name: r.name, layers: r.layers, f: r.f })));
  const telemetry = new Set(resolved.filter((r) => telemetryImage(imageOf(r.layers, r.f))).map((r) => r.name));
  const services: ImportedService[] = [];
  const edges: ImportedEdge[] = [];
  for (const { name, f, layers, env } of resolved) {
    services.push(composeService(name, f, layers));
    const ends = (to: string) => ({ fromTelemetry: telemetry.has(name), toTelemetry: telemetry.has(to) });
    const edge = (to: string, evidence: string, loc: Location, extra: Partial<ImportedEdge> = {}) => {
      const telemetryWhy = extra.type === undefined ? telemetryKind('', ends(to)) : undefined;
      edges.push({ from: name, to: { keys: [to] }, type: telemetryWhy ? 'async' : 'hard', evidence, loc, ...(telemetryWhy ? { note: `guessed: ${telemetryWhy}` } : {}), ...extra });
    };
    for (const layer of layers) stated(layer, edge);
    const refs = (evidence: string, varName: string, value: string, loc: Location, from?: string) => {
      for (const ref of addressesIn(varName, value)) {
        const target = hostToService.get(ref.host);
        const kind = edgeKind(evidence, varName, ref, ends(target ?? ''));
        const note = from ? `${kind.note} (value from ${from})` : kind.note;
        if (target !== undefined) edge(target, evidence, loc, { type: kind.type, note, guessed: true });
        else if (!ref.host.includes('.')) edges.push({ from: name, to: { name: ref.host }, type: kind.type, evidence, loc, note, guessed: true });
      }
    };
    for (const e of env) refs(e.evidence, e.inner !== undefined && !nameSaysAddress(e.name) && nameSaysAddress(e.inner) ? e.inner : e.name, e.value, e.loc, e.from);
    const command = commandOf(layers);
    if (command) {
      const items = command.list.map((c) => interpolate(asText(c) ?? '', f.vars));
      for (const v of commandValues(items)) refs(`command ${v.name}`, v.name, v.value, command.loc(v.item));
    }
  }
  return { format: 'compose', services, edges, diagnostics };
}

/** `depends_on` and `links`: edges the file states plainly. */
function stated(layer: Layer, edge: (to: string, evidence: string, loc: Location, extra?: Partial<ImportedEdge>) => void): void {
  const { s, lines } = layer;
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
}

function composeService(name: string, f: ComposeFile, layers: readonly Layer[]): ImportedService {
  const image = imageOf(layers, f);
  const guess = roleFromImage(image);
  const own = layers[layers.length - 1]!;
  const profiles = asList(own.s.profiles).map(asText).filter((p): p is string => p !== undefined);
  const published = layers.flatMap((l) => asList(l.s.ports)).map((p) => publishedPort(p, f)).find((p) => p !== undefined);
  const raw = layers.map((l) => asText(l.s.image)).filter((i) => i !== undefined).pop();
  return {
    key: name, name, qualified: [],
    ...(guess ? { role: guess.role } : {}),
    ...(published ? { entrypoint: true } : {}),
    x: {
      ...(image ? { 'x-image': image } : {}),
      ...(profiles.length > 0 ? { 'x-profiles': profiles } : {}),
    },
    notes: [
      ...(guess ? [guess.note] : []),
      ...(image && raw !== image ? [`image ${raw} is ${image} (from .env)`] : []),
      ...(published ? [`guessed: entrypoint, publishes port ${published} on the host`] : []),
    ],
    loc: own.lines.at(f.services, name),
  };
}

/** The image, interpolated (`${IMAGE}` from `.env`); undefined while a variable is missing. */
function imageOf(layers: readonly Layer[], f: ComposeFile): string | undefined {
  const raw = layers.map((l) => asText(l.s.image)).filter((i) => i !== undefined).pop();
  const image = raw === undefined ? undefined : interpolate(raw, f.vars);
  return image === undefined || image.includes('\u0000') ? raw : image;
}

/** A fixed host port (`8080:80`, `127.0.0.1:8080:80`, long form `published`); a bare container port is not one. */
function publishedPort(p: unknown, f: ComposeFile): string | undefined {
  const long = asMap(p);
  if (long) return asText(long.published);
  const text = asText(p);
  if (text === undefined) return undefined;
  const parts = interpolate(text, f.vars).replace(/\/\w+$/, '').split(':');
  return parts.length >= 2 && /^\d+(-\d+)?$/.test(parts[parts.length - 2]!) ? parts[parts.length - 2] : undefined;
}

/** The command of the last layer that sets one; a string is one item (a shell line). */
function commandOf(layers: readonly Layer[]): { list: unknown[]; loc: (item: number) => Location } | undefined {
  for (const { s, lines } of [...layers].reverse()) {
    const c = s.command;
    if (Array.isArray(c)) return { list: c, loc: (i) => lines.at(c, i) };
    if (typeof c === 'string') return { list: [c], loc: () => lines.at(s, 'command') };
  }
  return undefined;
}

/** Every name another container can resolve: service names, container_name, network aliases. */
function hostNames(all: readonly { name: string; layers: readonly Layer[]; f: ComposeFile }[]): Map<string, string> {
  const hostToService = new Map<string, string>();
  for (const { name } of all) hostToService.set(name.toLowerCase(), name);
  for (const { name, layers, f } of all) {
    for (const { s } of layers) {
      const container = asText(s.container_name);
      if (container) hostToService.set(interpolate(container, f.vars).toLowerCase(), name);
      for (const net of Object.values(asMap(s.networks) ?? {})) {
        for (const alias of asList(asMap(net)?.aliases)) if (asText(alias)) hostToService.set(asText(alias)!.toLowerCase(), name);
      }
    }
  }
  return hostToService;
}

