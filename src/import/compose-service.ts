/**
 * One compose service as Compose resolves it: its `extends:` chain (same file or another, base
 * first), and its environment — `env_file:` files, then `environment:` entries (which override
 * them), values interpolated, bare `- VAR` / `VAR:` entries filled from `.env`. Every value keeps
 * the line that states it.
 */
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Location } from '../model/types.js';
import { interpolate, parseEnvFile } from './compose-env.js';
import type { ComposeFile, Files } from './compose-files.js';
import { asList, asMap, asText, parseYamlDocs, type Lines, type Plain } from './located.js';

export interface Layer { readonly s: Plain; readonly lines: Lines; readonly file: string }

export interface EnvEntry {
  readonly name: string;
  readonly value: string;
  readonly loc: Location;
  readonly evidence: string;
  /** Where a bare entry's value was found (`.env:12`). */
  readonly from?: string;
  /** `X=${EVENTBUS_HOST:-queue}`: the inner variable, whose name judges a bare value too. */
  readonly inner?: string;
}

const MAX_EXTENDS = 10;

export function serviceLayers(name: string, f: ComposeFile, files: Files | undefined, diagnostics: Diagnostic[]): { layers: Layer[]; env: EnvEntry[] } {
  const layers: Layer[] = [];
  type Found = { s: Plain; lines: Lines; file: string; services: Plain };
  let current: Found | undefined = { s: asMap(f.services[name]) ?? {}, lines: f.lines, file: f.file, services: f.services };
  for (let depth = 0; current && depth <= MAX_EXTENDS; depth++) {
    layers.unshift({ s: current.s, lines: current.lines, file: current.file });
    const ext: unknown = current.s.extends;
    if (ext === undefined) break;
    const base: string | undefined = asText(ext) ?? asText(asMap(ext)?.service);
    const other = asText(asMap(ext)?.file);
    const loc = current.lines.at(current.s, 'extends');
    let next: Found | undefined;
    if (other !== undefined) {
      const path = join(dirname(current.file), interpolate(other, f.vars));
      const read = files?.read(path);
      const parsed = read && 'text' in read ? parseYamlDocs(read.text, read.file) : undefined;
      const services = asMap(asMap(parsed?.docs[0])?.services);
      if (read && 'message' in read) diagnostics.push({ ...loc, severity: 'warning', message: `extends ${other}: ${read.message}; not followed` });
      next = services && base !== undefined && asMap(services[base]) ? { s: asMap(services[base])!, lines: parsed!.lines, file: path, services } : undefined;
    } else {
      next = base !== undefined && asMap(current.services[base]) ? { s: asMap(current.services[base])!, lines: current.lines, file: current.file, services: current.services } : undefined;
    }
    if (!next && (!files || other === undefined)) diagnostics.push({ ...loc, severity: 'warning', message: `extends: service "${base}" not found; not followed` });
    if (next && layers.some((l) => l.s === next.s)) { diagnostics.push({ ...loc, severity: 'warning', message: 'extends: a cycle; not followed further' }); break; }
    current = next;
  }
  // later sources override earlier ones; a name stated twice in one list stays twice (the import warns)
  const env = new Map<string, EnvEntry>();
  for (const layer of layers) {
    for (const e of envFileEntries(layer, f, files, diagnostics)) env.set(e.name, e);
    const own = new Set<string>();
    environment(layer, f).forEach((e, i) => { env.set(own.has(e.name) ? `${e.name}\u0000${i}` : e.name, e); own.add(e.name); });
  }
  return { layers, env: [...env.values()] };
}

function envFileEntries(layer: Layer, f: ComposeFile, files: Files | undefined, diagnostics: Diagnostic[]): EnvEntry[] {
  const specs = asList(layer.s.env_file).length > 0 ? asList(layer.s.env_file) : layer.s.env_file === undefined ? [] : [layer.s.env_file];
  const out: EnvEntry[] = [];
  specs.forEach((spec, i) => {
    const rel = asText(spec) ?? asText(asMap(spec)?.path);
    if (rel === undefined || !files) return;
    const path = join(dirname(layer.file), interpolate(rel, f.vars));
    const required = asMap(spec)?.required !== false;
    if (!files.exists(path)) {
      if (required) diagnostics.push({ ...layer.lines.at(asList(layer.s.env_file).length > 0 ? layer.s.env_file : layer.s, asList(layer.s.env_file).length > 0 ? i : 'env_file'), severity: 'warning', message: `env_file ${rel} not found; its variables are not used` });
      return;
    }
    const read = files.read(path);
    if ('message' in read) { diagnostics.push({ ...read, severity: 'warning' }); return; }
    for (const [name, v] of parseEnvFile(read.text, read.file, f.vars)) {
      if (v.loc.file === read.file) out.push({ name, value: v.value, loc: v.loc, evidence: `env ${name} (env_file ${rel})` });
    }
  });
  return out;
}

/** `environment` as a list of `K=V` / bare `K`, or a map (`K: V` / `K:` bare); bare entries take `.env`'s value. */
function environment(layer: Layer, f: ComposeFile): EnvEntry[] {
  const out: EnvEntry[] = [];
  const add = (name: string, value: string | undefined, loc: Location) => {
    const inner = value === undefined ? undefined : /^\$\{([A-Za-z_][A-Za-z0-9_]*):?-[^}]*\}$/.exec(value.trim())?.[1];
    if (value !== undefined) { out.push({ name, value: interpolate(value, f.vars), loc, evidence: `env ${name}`, ...(inner ? { inner } : {}) }); return; }
    const v = f.vars.get(name);
    if (v) out.push({ name, value: v.value, loc, evidence: `env ${name}`, from: `${v.loc.file}:${v.loc.line}` });
  };
  const env = layer.s.environment;
  if (Array.isArray(env)) {
    env.forEach((e, i) => {
      const text = asText(e);
      if (!text) return;
      const eq = text.indexOf('=');
      add(eq > 0 ? text.slice(0, eq) : text.trim(), eq > 0 ? text.slice(eq + 1) : undefined, layer.lines.at(env, i));
    });
  } else if (asMap(env)) {
    for (const [k, v] of Object.entries(asMap(env)!)) add(k, asText(v), layer.lines.at(env, k));
  }
  return out;
}
