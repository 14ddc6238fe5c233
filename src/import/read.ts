/**
 * The importers' only contact with the file system: expands directories into the files a format
 * reads (sorted, so output does not depend on directory order) and reads text safely.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { readRegularFile } from '../model/files.js';
import type { Format, InputText } from './types.js';
import { pushAll } from '../model/arrays.js';

export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
const MAX_FILES = 20_000;
const SKIP_DIRS = new Set(['node_modules', '.git']);

const WANTED: Record<Format, (name: string) => boolean> = {
  backstage: (n) => /\.ya?ml$/i.test(n),
  k8s: (n) => /\.ya?ml$/i.test(n),
  compose: (n) => /^(docker-)?compose([.-].*)?\.ya?ml$/i.test(n),
  jaeger: (n) => /\.(json|ndjson)$/i.test(n),
  kiali: (n) => /\.json$/i.test(n),
};

/** A file stands for itself; a directory for the files in it (recursively) that the format reads. */
export function expandInputs(path: string, format: Format): { files: string[]; diagnostics: Diagnostic[] } {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    return { files: [], diagnostics: [fileError(path, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)] };
  }
  if (!stat.isDirectory()) return { files: [path], diagnostics: [] };
  const files: string[] = [];
  const stack = [path];
  while (stack.length > 0 && files.length < MAX_FILES) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      continue;
    }
    const subdirs: string[] = [];
    for (const e of entries) {
      if (e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) subdirs.push(join(dir, e.name));
      else if (e.isFile() && WANTED[format](e.name)) files.push(join(dir, e.name));
    }
    pushAll(stack, subdirs.reverse());
  }
  const diagnostics = files.length === 0 ? [{ ...fileError(path, `no ${format} files in this directory`), severity: 'warning' as const }] : [];
  return { files: files.sort(), diagnostics };
}

/** A regular file that is there (optional inputs such as `.env`). */
export function fileExists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function readInput(file: string): InputText | Diagnostic {
  const read = readRegularFile(file, MAX_INPUT_BYTES, 'input file');
  if (read.error !== undefined) return fileError(file, read.error);
  const bytes = read.bytes;
  try {
    return { file, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return fileError(file, 'file is not valid UTF-8');
  }
}

function fileError(file: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, severity: 'error', message };
}

/** The path with every symlink resolved (containment checks compare these), or its resolved form if missing. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
