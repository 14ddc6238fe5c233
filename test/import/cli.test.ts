/** The built binary (run `npm run build` first): bad input, usage mistakes, argument parsing. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseInputs } from '../../src/cli/import.js';

const run = (...args: string[]) => spawnSync('node', ['dist/cli/main.js', 'import', ...args], { encoding: 'utf8' });

const FX = 'test/fixtures/import';

describe('faultline import (process)', () => {
  test('prints a valid graph on stdout; warnings and the summary go to stderr', () => {
    const r = run('k8s', `${FX}/k8s/shop.yaml`);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Imported by: faultline import k8s /);
    expect(r.stdout).toContain('  reviews-db:');
    expect(r.stderr).toMatch(/shop\.yaml:22:15: warning: dangling reference/);
    expect(r.stderr).toMatch(/imported 6 services, 5 edges, 3 warnings/);
    const dir = mkdtempSync(join(tmpdir(), 'fl-import-'));
    writeFileSync(join(dir, 'shop.yaml'), r.stdout);
    const v = spawnSync('node', ['dist/cli/main.js', 'validate', join(dir, 'shop.yaml')], { encoding: 'utf8' });
    expect(v.status).toBe(0);
  });

  test('--out writes the file; formats can be mixed with FORMAT:PATH', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fl-import-')), 'mixed.yaml');
    const r = run('compose', `${FX}/compose/docker-compose.yml`, `jaeger:${FX}/jaeger`, '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('  queue:');
    expect(text).toContain('  checkout:');
  });

  test('bad input: located error, exit 2, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-import-'));
    writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  web:\n    image: [unclosed\n');
    const r = run('compose', join(dir, 'docker-compose.yml'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/docker-compose\.yml:\d+:\d+: error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  test('--namespace and repeated --alias reach the import', () => {
    const fix = 'test/import/fixtures';
    const ns = run('k8s', `${fix}/k8s-indirect/shop.yaml`, '--namespace', 'other');
    expect(ns.status).toBe(0);
    expect(ns.stderr).toMatch(/those are taken as in "other", as --namespace says/);
    const two = [`compose:${fix}/two-formats/docker-compose.yml`, `k8s:${fix}/two-formats/cluster.yaml`];
    const apart = run(...two, '--alias', 'catalog-mysql=catalog-mysql', '--alias', 'one-platform-api-gateway=api-gateway');
    expect(apart.status).toBe(0);
    expect(apart.stdout).toMatch(/\n {2}catalog-mysql:\n/);
    expect(apart.stderr).not.toMatch(/taken as/);
    expect(run(...two, '--alias', 'nonsense').status).toBe(2);
  });

  test('usage mistakes exit 2', () => {
    expect(run('nosuchformat', 'x.yaml').status).toBe(2);
    expect(run('k8s').status).toBe(2);
    expect(run('k8s', '/nonexistent/file.yaml').stderr).toMatch(/\/nonexistent\/file\.yaml:1:1: error: cannot read: ENOENT/);
  });
});

describe('argument parsing', () => {
  test('FORMAT then inputs, each input may carry its own FORMAT:', () => {
    expect(parseInputs(['compose', 'a.yml', 'jaeger:deps.json', 'kubernetes:k/'])).toEqual([
      { format: 'compose', path: 'a.yml' }, { format: 'jaeger', path: 'deps.json' }, { format: 'k8s', path: 'k/' },
    ]);
    expect(parseInputs(['kiali:g.json'])).toEqual([{ format: 'kiali', path: 'g.json' }]);
    expect(parseInputs(['compose', 'C:stuff.yml'])).toEqual([{ format: 'compose', path: 'C:stuff.yml' }]);
    expect(() => parseInputs(['bogus', 'x'])).toThrow(/unknown format "bogus"/);
  });
});
