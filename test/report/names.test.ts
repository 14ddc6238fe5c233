/** Report file names never overwrite each other: same file names in different folders, several scenarios, stdin. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { reportBase, reportBases } from '../../src/cli/report-names.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const S3 = resolve('graphs/aws-s3-2008.yaml');
const report = (args: string[], input = '') =>
  spawnSync('node', [resolve('dist/cli/main.js'), 'report', ...args], { cwd: dir, input, encoding: 'utf8' });

describe('reportBases', () => {
  test('file names when unique; parent folders added only where two inputs share a name', () => {
    expect(reportBases([{ file: 'graphs/a.yaml', graphName: 'x' }, { file: 'b.yml', graphName: 'y' }])).toEqual(['a', 'b']);
    expect(reportBases([
      { file: 'eu/shop.yaml', graphName: 'x' }, { file: 'us/shop.yaml', graphName: 'x' }, { file: 'other.yaml', graphName: 'x' },
    ])).toEqual(['eu-shop', 'us-shop', 'other']);
    expect(reportBases([{ file: 'a/eu/shop.yaml', graphName: 'x' }, { file: 'b/eu/shop.yaml', graphName: 'x' }])).toEqual(['a-eu-shop', 'b-eu-shop']);
    expect(reportBases([{ file: '-', graphName: 'shop' }, { file: 'x/shop.yaml', graphName: 'x' }])).toEqual(['shop', 'x-shop']);
    expect(() => reportBases([{ file: 'a.yaml', graphName: 'x' }, { file: './a.yaml', graphName: 'x' }])).toThrow(/the same graph is given twice/);
  });

  test('the scenario joins the name only when the graph has several', () => {
    expect(reportBase('shop', 'outage', 1)).toBe('shop');
    expect(reportBase('shop', 'outage', 2)).toBe('shop.outage');
    expect(reportBase('shop', undefined, 0)).toBe('shop');
  });
});

describe('faultline report (process)', () => {
  test('two shop.yaml in different folders write eu-shop.* and us-shop.*', () => {
    for (const region of ['eu', 'us']) {
      mkdirSync(join(dir, region));
      copyFileSync(S3, join(dir, region, 'shop.yaml'));
    }
    const r = report(['eu/shop.yaml', 'us/shop.yaml', '--format', 'md,json', '--out', 'two']);
    expect(r.status).toBe(0);
    expect(readdirSync(join(dir, 'two')).sort()).toEqual(['eu-shop.json', 'eu-shop.md', 'us-shop.json', 'us-shop.md']);
  });

  test('a graph with two scenarios: one set per scenario by default, one with --scenario ID', () => {
    const text = readFileSync(S3, 'utf8');
    const extra = '  second:\n    title: The US request fleet fails\n    start: 2008-07-20T08:00:00-07:00\n    events:\n      - { at: "08:10", fail: { service: s3-requests-us } }\n';
    writeFileSync(join(dir, 'two-scenarios.yaml'), text.trimEnd() + '\n' + extra);
    const all = report(['two-scenarios.yaml', '--format', 'md', '--out', 'multi']);
    expect(all.status).toBe(0);
    const files = readdirSync(join(dir, 'multi')).sort();
    expect(files).toHaveLength(2);
    expect(files).toContain('two-scenarios.second.md');
    expect(readFileSync(join(dir, 'multi', 'two-scenarios.second.md'), 'utf8')).toContain('The US request fleet fails');
    const one = report(['two-scenarios.yaml', '--scenario', 'second', '--format', 'md', '--out', 'one']);
    expect(readdirSync(join(dir, 'one'))).toEqual(['two-scenarios.second.md']);
    expect(one.status).toBe(0);
    expect(report(['two-scenarios.yaml', '--scenario', 'secnd', '--out', 'none']).stderr).toMatch(/no scenario "secnd" \(did you mean "second"\?\)/);
  });

  test('standard input is named after the graph', () => {
    const r = report(['-', '--format', 'md', '--out', 'stdin'], readFileSync(S3, 'utf8'));
    expect(r.status).toBe(0);
    expect(readdirSync(join(dir, 'stdin'))).toEqual(['aws-s3-2008.md']);
  });
});
