/**
 * Graph arguments as other CLIs take them: `-` is standard input (read once), a directory means every
 * `*.yaml`, `*.yml` and `*.json` graph under it (recursively, sorted), anything else is a file path
 * left for the loader to check. Inside directories, hidden entries, node_modules, JSON Schemas
 * (`*.schema.json`) and rules files are not graphs and are skipped.
 */
import { fstatSync, readdirSync, statSync } from 'node:fs';
import { maxOf } from '../model/arrays.js';
import { join, resolve } from 'node:path';
import { cmp } from '../model/order.js';
import { UsageError } from './command.js';

export const STDIN = '-';
const GRAPH = /\.(ya?ml|json)$/;
const NOT_GRAPHS = new Set(['faultline-rules.yaml', 'faultline-rules.yml', 'package.json', 'package-lock.json', 'tsconfig.json']);

function isDirectory(path: string): boolean {
  try { return statSync(path).isDirectory(); } catch { return false; }
}

/** A regular file's size, 0 for anything else (a missing path is the loader's to report). */
export function fileSize(path: string): number {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : 0;
  } catch {
    return 0;
  }
}

/**
 * The largest graph an argument holds, in bytes, as the heap decision needs it (heap.ts): a file's
 * size, the largest graph under a directory (they are read one at a time), standard input's size
 * when it is a redirected file (`< big.yaml`); 0 when it cannot be known (a pipe).
 */
export function graphBytes(arg: string): number {
  if (arg === STDIN) {
    try { const st = fstatSync(0); return st.isFile() ? st.size : 0; } catch { return 0; }
  }
  return isDirectory(arg) ? maxOf(graphsUnder(arg).map(fileSize), 0) : fileSize(arg);
}

/** Every graph file under `dir`, sorted by path. */
export function graphsUnder(dir: string): string[] {
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries;
    try { entries = readdirSync(current, { withFileTypes: true }); } catch { continue; }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const path = join(current, e.name);
      if (e.isDirectory()) pending.push(path);
      else if (e.isFile() && GRAPH.test(e.name) && !e.name.endsWith('.schema.json') && !NOT_GRAPHS.has(e.name)) found.push(path);
    }
  }
  return found.sort(cmp);
}

/**
 * The graph files the arguments name, in order, each once (a file named again, or also reached
 * through a directory, would print its diagnostics twice); a directory with no graph is a usage error.
 */
export function expandGraphArgs(args: readonly string[]): string[] {
  if (args.filter((a) => a === STDIN).length > 1) throw new UsageError('"-" (standard input) can be given only once');
  const seen = new Set<string>();
  return args.flatMap((arg) => {
    if (arg === STDIN || !isDirectory(arg)) return [arg];
    const files = graphsUnder(arg);
    if (files.length === 0) throw new UsageError(`directory "${arg}" has no *.yaml, *.yml or *.json graph`);
    return files;
  }).filter((file) => {
    const key = file === STDIN ? file : resolve(file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
