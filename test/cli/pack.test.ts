/**
 * Install as a user would: `npm pack` the repository (dist/ is already built by `npm test`), install the
 * tarball into an empty temporary project without network access, and run the installed `faultline`.
 * Offline, npm cannot look up version ranges, so the project gets a lockfile made of this repository's
 * runtime entries: `npm ci --offline` then takes every tarball from the cache `npm ci` filled.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; files: string[] };
const dir = mkdtempSync(join(tmpdir(), 'faultline-pack-'));
let listed: string[] = [];

interface LockEntry { version?: string; dev?: boolean; dependencies?: Record<string, string>; bin?: unknown; [k: string]: unknown }

/** The lockfile of a project depending only on the tarball: this repository's non-dev entries, plus faultline. */
function userLock(project: object, filename: string) {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
  const root = lock.packages['']!;
  const packages: Record<string, LockEntry> = { '': project as LockEntry };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry.dev) packages[path] = entry;
  packages['node_modules/faultline'] = { version: root.version, resolved: `file:${filename}`, dependencies: root.dependencies, bin: root.bin };
  return { name: 'user-project', lockfileVersion: 3, requires: true, packages };
}

beforeAll(() => {
  // --ignore-scripts: `prepare` (the build) already ran in `npm test`; --json lists the packed files.
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { encoding: 'utf8' });
  const info = (JSON.parse(out) as { filename: string; files: { path: string }[] }[])[0]!;
  listed = info.files.map((f) => f.path);
  const project = { name: 'user-project', private: true, dependencies: { faultline: `file:${info.filename}` } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(project));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(userLock(project, info.filename)));
  const r = spawnSync('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`installing the tarball offline failed (run \`npm ci\` first: it fills the npm cache):\n${r.stderr}`);
  }
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const faultline = (...args: string[]) =>
  spawnSync(join(dir, 'node_modules', '.bin', 'faultline'), args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('the packed tarball', () => {
  test('carries what runs and none of the tests, sources, benches or lockfile', () => {
    expect(listed).toContain('dist/cli/main.js');
    expect(listed).toContain('src/report/html/client.js');
    expect(listed).toContain('src/model/faultline.schema.json');
    expect(listed.filter((f) => /^(test|src\/(?!report\/html\/|model\/)|dist\/bench)|\.ts$|package-lock/.test(f))).toEqual([]);
    expect(listed.every((f) => !f.startsWith('docs/img/'))).toBe(true);
  });

  test('installed into an empty project: faultline --version and validate work there', () => {
    const v = faultline('--version');
    expect(v.stdout.trim()).toBe(pkg.version);
    expect(readdirSync(join(dir, 'node_modules'))).toContain('faultline');
    const init = faultline('init', 'model');
    expect(init.status).toBe(0);
    const ok = faultline('validate', 'model/graph.yaml');
    expect({ code: ok.status, out: ok.stdout, err: ok.stderr }).toEqual({ code: 0, out: 'model/graph.yaml: ok (8 services, 1 scenario)\n', err: '' });
    writeFileSync(join(dir, 'bad.yaml'), 'faultline: 1\nname: x\nservices:\n  a: { dependsOn: [b] }\n');
    const bad = faultline('validate', 'bad.yaml');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bad.yaml:4:20: error: dependency "b" is not a service of this graph');
  });

  test('the HTML report renders from the installed package (its script and styles are packed)', () => {
    const r = faultline('report', 'node_modules/faultline/graphs/aws-s3-2008.yaml', '--format', 'html', '--out', 'out');
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'out', 'aws-s3-2008.html'), 'utf8')).toContain('cytoscape');
  });
});
