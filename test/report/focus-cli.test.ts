/** `--focus`/`--depth`/`--group` as a process: report, audit and their usage errors. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE } from './fake-inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-focus-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function faultline(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('--focus and --group', () => {
  it('report --focus keeps the neighbourhood in every format', () => {
    const out = join(dir, 'focus');
    const r = faultline('report', FIXTURE, '--format', 'json,mermaid', '--out', out, '--focus', 'pager', '--depth', '1');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'small-shop.json'), 'utf8')) as { focus: unknown; services: { id: string }[] };
    expect(json.focus).toEqual({ service: 'pager', depth: 1, services: 2, of: 7 });
    expect(json.services.map((s) => s.id).sort()).toEqual(['metrics', 'pager']);
    expect(readFileSync(join(out, 'small-shop.mmd'), 'utf8')).not.toContain('s_web');
  });

  it('audit --focus prints only what touches the neighbourhood, after auditing everything', () => {
    const all = faultline('audit', FIXTURE, '--format', 'json');
    const some = faultline('audit', FIXTURE, '--format', 'json', '--focus', 'db', '--depth', '0');
    const ids = (t: string) => (JSON.parse(t) as { findings: { services: string[] }[] }).findings;
    expect(ids(some.out).length).toBeLessThan(ids(all.out).length);
    expect(ids(some.out).every((f) => f.services.includes('db') || JSON.stringify(f).includes('"db"'))).toBe(true);
    expect(faultline('audit', FIXTURE, '--focus', 'db').out).toMatch(/^focus: db and its dependencies and dependents within 2 hops: \d+ of 7 services/);
  });

  it('report --group team draws one node per team', () => {
    const out = join(dir, 'group');
    const r = faultline('report', FIXTURE, '--format', 'dot', '--out', out, '--group', 'team');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'small-shop.dot'), 'utf8')).toContain('"team:');
  });

  it('usage errors: unknown service (with a hint), bad depth, depth without focus, unknown group', () => {
    const cases: [string[], RegExp][] = [
      [['--focus', 'pagr'], /no service "pagr".*pager/],
      [['--focus', 'pager', '--depth=-1'], /--depth must be a whole number/],
      [['--depth', '2'], /--depth needs --focus/],
      [['--group', 'squad'], /--group must be one of team, system/],
    ];
    for (const [args, message] of cases) {
      const r = faultline('report', FIXTURE, '--out', join(dir, 'bad'), ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    }
    expect(faultline('audit', FIXTURE, '--focus', 'nope').code).toBe(2);
  });
});
