/**
 * The yaml library, loaded on first use. Loading it costs ~0.1–0.2 s of start-up, which files the
 * fast reader takes (yaml-subset.ts: the usual graph files, and JSON) never need: only the fallback
 * for other YAML and for locating syntax errors calls this.
 */
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let lib: Yaml | undefined;

export function yamlLib(): Yaml {
  lib ??= createRequire(import.meta.url)('yaml') as Yaml;
  return lib;
}
