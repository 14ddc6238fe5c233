/**
 * The hostile corpus (cases.ts) through the built binary: every case must end (a 30 s timeout turns
 * a hang into a failure), with its exit code and location, no stack trace, and nothing from the
 * file reaching stdout or stderr raw (no ESC, C1, bidi or zero-width character).
 */
import { spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES, type Case } from './cases.js';

const BIN = resolve('dist/cli/main.js');
const root = mkdtempSync(join(tmpdir(), 'faultline-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const RAW = /[\u001b\u0080-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

function setUp(c: Case, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, spec] of Object.entries(c.files ?? {})) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof spec === 'string') writeFileSync(path, spec);
    else if ('fifo' in spec) execFileSync('mkfifo', [path]);
    else if ('dir' in spec) mkdirSync(path, { recursive: true });
    else symlinkSync(spec.symlink, path);
  }
}

describe('hostile corpus', () => {
  it('has at least 60 cases covering every category', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.category)).size).toBe(8);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  CASES.forEach((c, i) => {
    it(`${c.category}: ${c.name}`, () => {
      const dir = join(root, String(i));
      setUp(c, dir);
      const r = spawnSync(process.execPath, [BIN, ...c.args], { cwd: dir, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
      expect(r.signal, `ended by ${r.signal} (a hang?)`).toBeNull();
      expect({ exit: r.status, err: r.stderr.slice(0, 600) }).toMatchObject({ exit: c.exit });
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      if (c.at) expect(r.stderr).toContain(`${c.at}:`);
      if (c.says) expect(c.stdout ? r.stdout : r.stderr).toMatch(c.says);
      expect(r.stdout).not.toMatch(RAW);
      expect(r.stderr).not.toMatch(RAW);
      for (const f of c.absent ?? []) expect(existsSync(join(dir, f)), `${f} was written`).toBe(false);
    }, 40_000);
  });
});
