/**
 * Deep benchmark graphs from the shared generator (`../shared/bench/gen.js` + `to-faultline.py`:
 * hot backends, mean blast radius ~9 % of the graph), written to a temporary directory — never into
 * the repository — as the edge list, the Faultline YAML and the same graph as JSON.
 * FAULTLINE_BENCH_GEN points at another copy of the generator's directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFile } from '../model/load.js';

export interface DeepGraph {
  readonly name: string;
  readonly services: number;
  readonly edges: number;
  readonly edgeList: string;
  readonly yaml: string;
  readonly json: string;
}

/** The 1M-service YAML is ~290 MB: read with `--max-file-size` raised to this. */
export const HUGE_FILE_BYTES = 512e6;

export function generatorDir(): string {
  return process.env.FAULTLINE_BENCH_GEN ?? resolve(fileURLToPath(new URL('../../../shared/bench', import.meta.url)));
}

export function haveGenerator(): boolean {
  return existsSync(join(generatorDir(), 'gen.js')) && existsSync(join(generatorDir(), 'to-faultline.py'));
}

/** Generates the graph (seed 42, 4 % back edges, as the figures) into `dir`. */
export function deepGraph(dir: string, services: number, edges: number): DeepGraph {
  const name = `deep${services}`;
  const gen = spawnSync(process.execPath, [join(generatorDir(), 'gen.js'), '--nodes', String(services), '--edges', String(edges),
    '--name', name, '--backFrac', '0.04', '--seed', '42', '--out', dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (gen.status !== 0) throw new Error(`gen.js failed: ${gen.stderr}`);
  const edgeList = join(dir, `${name}.edges`);
  const yaml = join(dir, `${name}.yaml`);
  const conv = spawnSync('python3', [join(generatorDir(), 'to-faultline.py'), edgeList, yaml], { encoding: 'utf8' });
  if (conv.status !== 0) throw new Error(`to-faultline.py failed: ${conv.stderr}`);
  const loaded = loadFile(yaml, HUGE_FILE_BYTES);
  if (!loaded.value) throw new Error(`generated graph invalid: ${loaded.errors[0]?.message}`);
  const json = join(dir, `${name}.faultline.json`);
  writeFileSync(json, JSON.stringify(loaded.value.doc));
  let count = 0;
  for (const s of loaded.value.services) for (const d of s.dependsOn) count += d.targets.length;
  return { name, services: loaded.value.services.length, edges: count, edgeList, yaml, json };
}
