/**
 * reports/ must be exactly what `npm run reports` produces now: regenerate every graph's reports
 * into a temporary directory with the built CLI and compare file lists and bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const out = mkdtempSync(join(tmpdir(), 'faultline-reports-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('reports/ is fresh', () => {
  it('matches a regeneration byte for byte (run `npm run reports` after changing graphs or reports)', () => {
    const graphs = readdirSync('graphs').filter((f) => f.endsWith('.yaml')).sort().map((f) => `graphs/${f}`);
    const r = spawnSync(process.execPath, ['dist/cli/main.js', 'report', ...graphs, '--out', out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = readdirSync(out).sort();
    expect(readdirSync('reports').sort()).toEqual(expected);
    const stale = expected.filter((f) => readFileSync(join('reports', f), 'utf8') !== readFileSync(join(out, f), 'utf8'));
    expect(stale, 'stale files in reports/: run `npm run reports`').toEqual([]);
  });
});
