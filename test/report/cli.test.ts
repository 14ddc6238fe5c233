/** `faultline report` as a process: the built binary, real files, exit codes and messages. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE } from './fake-inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function faultline(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('faultline report (process)', () => {
  it('has help with an example', () => {
    const r = faultline('report', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('faultline report graphs/aws-kinesis-2020.yaml --format md,html');
  });

  it('writes the asked formats named after the graph, atomically (no temp files left)', () => {
    const out = join(dir, 'ok');
    const r = faultline('report', FIXTURE, '--format', 'md,html,dot', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['small-shop.dot', 'small-shop.html', 'small-shop.md']);
    expect(r.out.trim().split('\n')).toEqual(['md', 'html', 'dot'].map((e) => join(out, `small-shop.${e}`)));
    expect(readFileSync(join(out, 'small-shop.md'), 'utf8')).toContain('# Small shop');
  });

  it('rejects an --out that is a file, or lies under one, with exit 2 and no stack trace', () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    for (const [out, message] of [[file, 'is not a directory'], [join(file, 'sub'), 'not a directory']] as const) {
      const r = faultline('report', FIXTURE, '--format', 'md', '--out', out);
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('rejects unknown formats and scenarios with a hint, exit 2', () => {
    const f = faultline('report', FIXTURE, '--format', 'md,htm', '--out', join(dir, 'x'));
    expect(f.code).toBe(2);
    expect(f.err).toContain('unknown format "htm" (did you mean "html"?)');
    const s = faultline('report', FIXTURE, '--scenario', 'overlaod', '--out', join(dir, 'x'));
    expect(s.code).toBe(2);
    expect(s.err).toContain('no scenario "overlaod" (did you mean "overload"?)');
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('reports a broken graph located, exit 2', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'faultline: 1\nname: bad\nservices:\n  a:\n    dependsOn: [b]\n');
    const r = faultline('report', bad, '--out', join(dir, 'y'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:5:\d+: error: .*"b"/);
  });
});
