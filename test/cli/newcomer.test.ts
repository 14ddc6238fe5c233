/**
 * The path a newcomer walks, through the built CLI in an empty temporary directory: init, validate,
 * audit, replay, report; and the README's "Model your own system" shell blocks, run as written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';

const MAIN = resolve('dist/cli/main.js');
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'faultline-newcomer-'));
  dirs.push(d);
  return d;
}

function cli(cwd: string, ...args: string[]) {
  const r = spawnSync('node', [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The ```sh blocks of one README section (from its `## ` heading to the next). */
export function shellBlocks(readme: string, heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "## ${heading}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe('newcomer path', () => {
  test('init → validate → audit → replay → replay --fail → report in an empty directory', () => {
    const cwd = tempDir();
    const init = cli(cwd, 'init', 'shop');
    expect(init.code).toBe(0);
    expect(readdirSync(join(cwd, 'shop')).sort()).toEqual(['faultline.schema.json', 'graph.yaml']);
    const graph = readFileSync(join(cwd, 'shop', 'graph.yaml'), 'utf8');
    expect(graph.split('\n')[0]).toBe('# yaml-language-server: $schema=./faultline.schema.json');
    expect(graph).toMatch(/^name: shop$/m);

    expect(cli(cwd, 'validate', 'shop/graph.yaml')).toEqual({ code: 0, out: 'shop/graph.yaml: ok (8 services, 1 scenario)\n', err: '' });
    const audit = cli(cwd, 'audit', 'shop/graph.yaml');
    expect(audit.code).toBe(0);
    // No error: the starter's warnings are its teaching points (web waits on orders and db, single points of failure).
    expect(audit.out).toMatch(/^Fix first \(2 problems, by score\):\n  1\. db: /);
    expect(audit.out).toMatch(/0 error\(s\), [1-9]\d* warning\(s\)/);

    const replay = cli(cwd, 'replay', 'shop/graph.yaml', '--what-ifs', '--check');
    expect(replay.code).toBe(0);
    expect(replay.out).toMatch(/Fidelity vs observed: 1 predictions, 0 inputs/);
    expect(replay.out).toMatch(/1 {2}bigger-buffer +yes/);

    const adhoc = cli(cwd, 'replay', 'shop/graph.yaml', '--fail', 'db', '--for', '30m');
    expect(adhoc.code).toBe(0);
    expect(adhoc.out).toMatch(/00:00 +✖ down +db +\[event\]/);
    expect(adhoc.out).toMatch(/00:00 +✖ down +web +\[edge\] hard dependency orders is down/);
    expect(adhoc.out).toMatch(/Final: 8 ok, 0 degraded, 0 down/);

    const report = cli(cwd, 'report', 'shop/graph.yaml', '--out', 'reports');
    expect(report.code).toBe(0);
    expect(readdirSync(join(cwd, 'reports')).sort()).toEqual(['graph.dot', 'graph.html', 'graph.json', 'graph.md', 'graph.mmd']);
  });

  test('init never overwrites: a second run changes nothing and exits 2', () => {
    const cwd = tempDir();
    expect(cli(cwd, 'init').code).toBe(0);
    const before = readFileSync(join(cwd, 'graph.yaml'), 'utf8');
    const again = cli(cwd, 'init');
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exist');
    expect(readFileSync(join(cwd, 'graph.yaml'), 'utf8')).toBe(before);
  });

  test('init --from compose: the import with the guidance on top, valid; unknown formats are a usage error', () => {
    const cwd = tempDir();
    const r = cli(cwd, 'init', '--from', 'compose', resolve('test/fixtures/import/compose'), 'shop');
    expect(r.code).toBe(0);
    const text = readFileSync(join(cwd, 'shop', 'graph.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./faultline.schema.json');
    expect(text).toContain('# An import knows which services call which, not how they fail.');
    expect(text).toMatch(/^ {2}auth:$/m);
    expect(cli(cwd, 'validate', 'shop/graph.yaml')).toMatchObject({ code: 0, out: 'shop/graph.yaml: ok (8 services, 0 scenarios)\n' });
    expect(cli(cwd, 'init', '--from', 'compose', resolve('test/fixtures/import/compose'), 'shop').code).toBe(2); // never overwrites
    expect(cli(cwd, 'init', '--from', 'jaeger', 'x.json', 'other').err).toMatch(/--from takes compose, k8s, backstage/);
  });

  test('the README "Model your own system" commands run as written', () => {
    const cwd = tempDir();
    const blocks = shellBlocks(readFileSync('README.md', 'utf8'), 'Model your own system');
    expect(blocks.length).toBeGreaterThan(0);
    // `npx faultline` in the clone runs dist/cli/main.js; here it is the same file, from any directory.
    const prelude = `set -euo pipefail\nnpx() { if [ "$1" = faultline ]; then shift; node ${JSON.stringify(MAIN)} "$@"; else command npx "$@"; fi; }\n`;
    for (const block of blocks) {
      const r = spawnSync('bash', ['-c', prelude + block], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status, `${block}\n${r.stderr}`).toBe(0);
    }
    expect(existsSync(join(cwd, 'my-system', 'reports', 'graph.html'))).toBe(true);
  });
});
