/** Runs `faultline …` in-process with captured output; writes small graph files to a temp dir. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../../src/cli/command.js';
import { main } from '../../src/cli/run.js';

export const dir = mkdtempSync(join(tmpdir(), 'faultline-model-'));

export function writeGraph(name: string, text: string | Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false, color: false };
  const code = await main(argv, io);
  return { code, out, err };
}

/** A minimal valid graph, to which cases append. */
export const HEAD = 'faultline: 1\nname: t\nservices:\n';
