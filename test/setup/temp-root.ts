/**
 * Every test's temporary files under one directory that is removed when the run ends: tests (and
 * the CLI processes and browsers they start) create them with `os.tmpdir()`, which reads TMPDIR,
 * and the workers inherit it from here. A failed or interrupted test leaves nothing in /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'faultline-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true });
  };
}
