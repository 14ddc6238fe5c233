/**
 * The compose files of one import, as `docker compose -f a.yml -f b.yml` sees them: each given file,
 * then every file they pull in with `include:` (relative to the including file; each included
 * project reads the `.env` of its own directory), each with the variables its values interpolate
 * with: the `.env` beside the first file (the project directory's).
 */
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { parseEnvFile, interpolate, type Variables } from './compose-env.js';
import { asList, asMap, asText, parseYamlDocs, type Lines, type Plain } from './located.js';
import type { InputText } from './types.js';
import { pushAll } from '../model/arrays.js';

/** The importers' file access, so readers stay testable without a disk. */
export interface Files {
  read(path: string): InputText | Diagnostic;
  exists(path: string): boolean;
}

export interface ComposeFile {
  readonly file: string;
  readonly dir: string;
  readonly doc: Plain;
  readonly services: Plain;
  readonly lines: Lines;
  readonly vars: Variables;
}

const MAX_INCLUDE_DEPTH = 10;

export function loadComposeFiles(inputs: readonly InputText[], files: Files | undefined): { files: ComposeFile[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out: ComposeFile[] = [];
  const seen = new Set<string>();
  const projectVars = inputs[0] ? dotEnv(dirname(inputs[0].file), new Map(), files, diagnostics) : new Map();
  const load = (input: InputText, vars: Variables, depth: number) => {
    if (seen.has(resolve(input.file))) return;
    seen.add(resolve(input.file));
    const parsed = parseYamlDocs(input.text, input.file);
    pushAll(diagnostics, parsed.diagnostics);
    const doc = asMap(parsed.docs[0]);
    const services = asMap(doc?.services) ?? (doc && looksLikeV1(doc) ? doc : undefined);
    const included = asList(doc?.include);
    if (services) out.push({ file: input.file, dir: dirname(input.file), doc: doc!, services, lines: parsed.lines, vars });
    else if (included.length === 0 && !parsed.diagnostics.some((d) => d.severity === 'error')) {
      diagnostics.push({ ...parsed.lines.of(doc), severity: 'warning', message: 'no compose `services:` in this file; skipped' });
    }
    included.forEach((item, i) => {
      const loc = parsed.lines.at(included, i);
      if (!files) return;
      if (depth >= MAX_INCLUDE_DEPTH) { diagnostics.push({ ...loc, severity: 'warning', message: `include nested more than ${MAX_INCLUDE_DEPTH} deep; not followed` }); return; }
      const spec = asMap(item);
      const paths = spec ? [spec.path].flat().map(asText) : [asText(item)];
      for (const p of paths) {
        if (p === undefined) continue;
        const path = join(dirname(input.file), interpolate(p, vars));
        const read = files.read(path);
        if ('message' in read) { diagnostics.push({ ...loc, severity: 'warning', message: `include ${p}: ${read.message}; skipped` }); continue; }
        const envFiles = [spec?.env_file].flat().map(asText).filter((f): f is string => f !== undefined);
        const own = envFiles.length > 0
          ? envFiles.reduce<Variables>((v, f) => readEnv(join(dirname(input.file), f), v, files, diagnostics), vars)
          : dotEnv(dirname(path), vars, files, diagnostics);
        load(read, own, depth + 1);
      }
    });
  };
  for (const input of inputs) load(input, projectVars, 0);
  return { files: out, diagnostics };
}

/** The `.env` of a project directory over `outer`; none is fine. */
function dotEnv(dir: string, outer: Variables, files: Files | undefined, diagnostics: Diagnostic[]): Variables {
  const path = join(dir, '.env');
  return files?.exists(path) ? readEnv(path, outer, files, diagnostics) : outer;
}

export function readEnv(path: string, outer: Variables, files: Files | undefined, diagnostics: Diagnostic[]): Variables {
  const read = files?.read(path);
  if (!read) return outer;
  if ('message' in read) { diagnostics.push({ ...read, severity: 'warning', message: `${read.message}; its variables are not used` }); return outer; }
  return parseEnvFile(read.text, read.file, outer);
}

/** Compose file format 1 has no `services:` key: every top-level entry with an image or build is one. */
function looksLikeV1(doc: Plain): boolean {
  const values = Object.values(doc).map(asMap);
  return values.length > 0 && values.every((v) => v !== undefined && ('image' in v || 'build' in v));
}
