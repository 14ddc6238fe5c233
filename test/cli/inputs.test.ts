/** Inputs like other CLIs take them: stdin, directories, rules-file discovery, --color, unknown flags. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { colorWanted } from '../../src/cli/color.js';
import { takeGlobalFlag } from '../../src/cli/global-flags.js';
import { expandGraphArgs, graphsUnder } from '../../src/cli/inputs.js';
import { discoverRules } from '../../src/cli/rules-discovery.js';

const MAIN = resolve('dist/cli/main.js');
const S3 = resolve('graphs/aws-s3-2008.yaml');
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
const temp = () => { const d = mkdtempSync(join(tmpdir(), 'faultline-inputs-')); dirs.push(d); return d; };

function cli(args: string[], options: { input?: string; cwd?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  const r = spawnSync('node', [MAIN, ...args], { cwd: options.cwd ?? process.cwd(), input: options.input ?? '', encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const BROKEN = 'faultline: 1\nname: x\nservices:\n  a: { dependsOn: [b] }\n';

describe('"-" reads standard input', () => {
  test('validate -: ok, and errors located as <stdin>:LINE:COL', () => {
    expect(cli(['validate', '-'], { input: readFileSync(S3, 'utf8') })).toEqual({ code: 0, out: '<stdin>: ok (5 services, 1 scenario)\n', err: '' });
    const bad = cli(['validate', '-'], { input: BROKEN });
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('<stdin>:4:20: error: dependency "b" is not a service of this graph (did you mean "a"?)\n<stdin>: 1 error\n');
  });

  test('import … | audit -: the imported graph is audited from the pipe', () => {
    const imported = cli(['import', 'k8s', 'test/fixtures/import/k8s/shop.yaml']);
    expect(imported.code).toBe(0);
    const audited = cli(['audit', '-', '--no-rules'], { input: imported.out });
    expect(audited.code).toBe(0);
    expect(audited.out).toMatch(/^<stdin>:\d+:\d+: warn\[single-point-of-failure\]/m);
  });

  test('"-" twice is a usage error; empty input is a located error', () => {
    expect(cli(['validate', '-', '-']).err).toMatch(/"-" \(standard input\) can be given only once/);
    const empty = cli(['validate', '-'], { input: '' });
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/^<stdin>:1:1: error: /);
  });
});

describe('a directory means every graph under it', () => {
  test('sorted, recursive; hidden entries, node_modules, schemas and rules files skipped', () => {
    const d = temp();
    mkdirSync(join(d, 'b'));
    mkdirSync(join(d, '.hidden'));
    mkdirSync(join(d, 'node_modules'));
    for (const f of ['z.yaml', 'a.yml', 'b/c.json', 'b/notes.txt', '.hidden/x.yaml', 'node_modules/y.yaml', 'faultline.schema.json', 'faultline-rules.yaml', '.faultline.yaml']) {
      writeFileSync(join(d, f), '{}');
    }
    expect(graphsUnder(d).map((f) => f.slice(d.length + 1))).toEqual(['a.yml', 'b/c.json', 'z.yaml']);
    expect(expandGraphArgs(['-', d, 'missing.yaml']).map((f) => f.replace(d, 'D'))).toEqual(['-', 'D/a.yml', 'D/b/c.json', 'D/z.yaml', 'missing.yaml']);
  });

  test('validate graphs/ validates every bundled graph; a directory with no graph is exit 2', () => {
    expect(cli(['validate', 'graphs'])).toEqual({
      code: 0, err: '', out: 'graphs/aws-kinesis-2020.yaml: ok (14 services, 1 scenario)\ngraphs/aws-s3-2008.yaml: ok (5 services, 1 scenario)\n'
        + 'graphs/aws-us-east-1-2021.yaml: ok (12 services, 1 scenario)\ngraphs/example-shop.yaml: ok (28 services, 1 scenario)\n',
    });
    const empty = cli(['validate', temp()]);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/has no \*\.yaml, \*\.yml or \*\.json graph/);
  });
});

describe('rules-file discovery', () => {
  test('found in the working directory or a parent, not above the repository root', () => {
    const root = temp();
    mkdirSync(join(root, 'repo', '.git'), { recursive: true });
    mkdirSync(join(root, 'repo', 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'faultline-rules.yaml'), 'faultline-rules: 1\n');
    expect(discoverRules(join(root, 'repo', 'a', 'b'))).toBeUndefined(); // above the .git directory: not looked at
    writeFileSync(join(root, 'repo', 'faultline-rules.yaml'), 'faultline-rules: 1\n');
    expect(discoverRules(join(root, 'repo', 'a', 'b'))).toBe(join(root, 'repo', 'faultline-rules.yaml'));
    writeFileSync(join(root, 'repo', 'a', '.faultline.yaml'), 'faultline-rules: 1\n');
    expect(discoverRules(join(root, 'repo', 'a', 'b'))).toBe(join(root, 'repo', 'a', '.faultline.yaml'));
  });

  test('audit uses the discovered file and says so; --no-rules and --rules override it', () => {
    const d = temp();
    mkdirSync(join(d, '.git'));
    writeFileSync(join(d, '.faultline.yaml'), 'faultline-rules: 1\nrules:\n  blast-radius: off\n  request-path-mesh: off\n  restart-scales-with-fleet: off\n  unchecked-state-spread: off\n  single-point-of-failure: off\n');
    const found = cli(['audit', S3], { cwd: d });
    expect(found.err).toContain(`rules from ${join(d, '.faultline.yaml')}`);
    expect(found.out).not.toMatch(/\[blast-radius\]/);
    const none = cli(['audit', S3, '--no-rules'], { cwd: d });
    expect(none.err).toBe('');
    expect(none.out).toMatch(/\[blast-radius\]/);
    expect(cli(['audit', S3, '--no-rules', '--rules', 'x.yaml'], { cwd: d }).err).toMatch(/--rules FILE or --no-rules, not both/);
  });
});

describe('colour and options', () => {
  test('--color wins; auto follows NO_COLOR, then FORCE_COLOR, then the terminal', () => {
    expect(colorWanted('always', false, { NO_COLOR: '1' })).toBe(true);
    expect(colorWanted('never', true, { FORCE_COLOR: '1' })).toBe(false);
    expect(colorWanted('auto', true, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(colorWanted('auto', false, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorWanted('auto', false, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorWanted('auto', true, { NO_COLOR: '' })).toBe(true);
    expect(takeGlobalFlag(['x', '--color', 'never', '--color=always', '--', '--color'], '--color')).toEqual({ args: ['x', '--', '--color'], value: 'always' });
  });

  test('through the process: FORCE_COLOR and --color always colour a pipe; --color never and NO_COLOR do not', () => {
    const esc = /\u001b\[/;
    expect(cli(['replay', S3], { env: { FORCE_COLOR: '1' } }).out).toMatch(esc);
    expect(cli(['replay', S3, '--color', 'always'], { env: { NO_COLOR: '1' } }).out).toMatch(esc);
    expect(cli(['replay', S3, '--color=never'], { env: { FORCE_COLOR: '1' } }).out).not.toMatch(esc);
    expect(cli(['replay', S3], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).out).not.toMatch(esc);
    expect(cli(['replay', S3, '--color', 'sometimes']).err).toMatch(/--color takes auto, always, never, not "sometimes"/);
  });

  test('an unknown option gets "did you mean", exit 2', () => {
    const r = cli(['validate', '--fromat', 'json', S3]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('faultline validate: unknown option "--fromat" (did you mean "--format"?)');
    expect(cli(['replay', S3, '--what-iffs']).err).toMatch(/unknown option "--what-iffs" \(did you mean "--what-ifs"\?\)/);
    expect(cli(['audit', S3, '--zzzzzzzz']).err).toMatch(/unknown option "--zzzzzzzz"\n/);
  });
});
