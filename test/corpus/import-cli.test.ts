/** The built binary (run `npm run build` first): exit codes, stdout/stderr split, --out, FORMAT:PATH. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REAL } from './real.js';

const run = (...args: string[]) => spawnSync('node', ['dist/cli/main.js', 'import', ...args], { encoding: 'utf8' });
const SHOP = `${REAL}/GoogleCloudPlatform+microservices-demo/release/kubernetes-manifests.yaml`;

describe('faultline import (process)', () => {
  test('the done-when command prints a valid graph of the shop; warnings go to stderr', () => {
    const r = run('k8s', SHOP);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Imported by: faultline import k8s /);
    expect(r.stdout).toContain('  productcatalogservice:');
    expect(r.stderr).toMatch(/kubernetes-manifests\.yaml:89:13: warning: dangling reference/);
    expect(r.stderr).toMatch(/imported 12 services, 16 edges, 2 warnings/);
    const dir = mkdtempSync(join(tmpdir(), 'fl-import-'));
    writeFileSync(join(dir, 'shop.yaml'), r.stdout);
    const v = spawnSync('node', ['dist/cli/main.js', 'validate', join(dir, 'shop.yaml')], { encoding: 'utf8' });
    expect(v.status).toBe(0);
  });

  test('--out writes the file; formats can be mixed with FORMAT:PATH', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fl-import-')), 'mixed.yaml');
    const r = run('compose', `${REAL}/microservices-demo+microservices-demo/deploy/docker-compose/docker-compose.yml`, `jaeger:${REAL}/jaegertracing+jaeger`, '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('  user-db:');
    expect(text).toContain('  svca:');
  });

});
