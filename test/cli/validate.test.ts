/** The CLI as a spawned process: what a user (or CI) actually runs. Needs `npm run build` first. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const KINESIS = 'graphs/aws-kinesis-2020.yaml';

function run(...args: string[]) {
  const r = spawnSync('node', ['dist/cli/main.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('faultline validate (process)', () => {
  test('the Kinesis graph is valid: exit 0, summary on stdout, nothing on stderr', () => {
    const r = run('validate', KINESIS);
    expect(r).toEqual({ code: 0, out: `${KINESIS}: ok (14 services, 1 scenario)\n`, err: '' });
  });

  test('a typo in a dependency target: FILE:LINE:COL: error: … did you mean, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
    const file = join(dir, 'typo.yaml');
    const text = readFileSync(KINESIS, 'utf8').replace('- on: dynamodb\n', '- on: dynamodbb\n');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('on: dynamodbb')) + 1;
    const column = text.split('\n')[line - 1]!.indexOf('dynamodbb') + 1;
    const r = run('validate', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:${line}:${column}: error: dependency "dynamodbb" is not a service of this graph (did you mean "dynamodb"?)\n`);
    expect(r.err).toContain(`${file}: 1 error\n`);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('--format json: one parseable object with every file', () => {
    const r = run('validate', KINESIS, 'missing.yaml', '--format', 'json');
    expect(r.code).toBe(2);
    const json = JSON.parse(r.out) as { files: { file: string; valid: boolean; errors: { line: number; message: string }[] }[] };
    expect(json.files.map((f) => [f.file, f.valid])).toEqual([[KINESIS, true], ['missing.yaml', false]]);
    expect(json.files[1]!.errors[0]).toMatchObject({ line: 1, column: 1, severity: 'error', message: 'no such file' });
  });

  test('output is deterministic', () => {
    expect(run('validate', KINESIS, '--format', 'json').out).toBe(run('validate', KINESIS, '--format', 'json').out);
  });

  test('usage mistakes exit 2 with the usage line', () => {
    expect(run('validate')).toMatchObject({ code: 2, err: expect.stringContaining('no FILE given\nUsage: faultline validate') });
    expect(run('validate', KINESIS, '--format', 'xml')).toMatchObject({ code: 2, err: expect.stringContaining('unknown --format "xml"') });
    expect(run('validate', KINESIS, '--frmat', 'json')).toMatchObject({ code: 2, err: expect.stringContaining('unknown option "--frmat" (did you mean "--format"?)') });
  });
});

describe('faultline (process)', () => {
  test('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(run('--version')).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });

  test('--help lists the commands and an example; no command is a usage error', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Commands:[\s\S]*validate[\s\S]*schema[\s\S]*Example/);
    expect(run().code).toBe(2);
  });

  test.each(['validate', 'schema'])('%s --help shows usage, options and an example', (name) => {
    const r = run(name, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Usage: faultline ${name}`);
    expect(r.out).toMatch(/Examples:\n {2}faultline /);
  });

  test('an unknown command suggests the closest one', () => {
    expect(run('valdate', KINESIS)).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "valdate" (did you mean "validate"?)') });
  });

  test('schema prints valid JSON: the draft 2020-12 schema, byte for byte the committed file', () => {
    const r = run('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.out) as { $schema: string };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(r.out).toBe(readFileSync('src/model/faultline.schema.json', 'utf8'));
  });
});
