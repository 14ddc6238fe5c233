/** Hostile input: every case ends in located diagnostics (exit 2) or a Model, never a crash or a hang. */
import { mkdirSync, openSync, closeSync, ftruncateSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { loadFile, loadText, MAX_FILE_BYTES } from '../../src/model/load.js';
import { cli, dir, HEAD, writeGraph } from './helpers.js';

const KINESIS = 'graphs/aws-kinesis-2020.yaml';

function errorsOf(text: string) {
  const r = loadText(text, 'h.yaml');
  expect(r.value).toBeUndefined();
  for (const e of r.errors!) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeGreaterThanOrEqual(1);
  }
  return r.errors;
}

describe('resource exhaustion', () => {
  test('billion laughs: alias expansion is capped with a clear message at the first alias', () => {
    const lol = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']]) {
      lol.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const errors = errorsOf(`${lol.join('\n')}\n`);
    expect(errors).toHaveLength(1);
    expect(errors![0]!.message).toMatch(/aliases expand to too many nodes.*alias bomb/);
    expect([errors![0]!.line, errors![0]!.column]).toEqual([2, 8]);
  });

  test('a few ordinary aliases are fine', () => {
    const r = loadText(`${HEAD}  a: &svc { tier: 1 }\n  b: *svc\n`, 'ok.yaml');
    expect(r.errors ?? []).toEqual([]);
    expect(r.value!.byId.get('b')!.tier).toBe(1);
  });

  test.each([
    ['100k nested [', '['.repeat(100_000)],
    ['100k nested {', '{a: '.repeat(100_000)],
    ['100k nested - ', '- '.repeat(100_000) + 'x'],
    ['deep indentation', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')],
  ])('%s: one located error, no stack overflow', (_name, text) => {
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors![0]!.message).toMatch(/nesting deeper than \d+ levels/);
  });

  test('deep but reasonable nesting inside a patch still loads', () => {
    const patch = '{ x-deep: '.repeat(40) + '1' + ' }'.repeat(40);
    const text = `${HEAD}  a: {}\nscenarios:\n  s:\n    start: 2020-01-01T00:00:00Z\n    whatIfs:\n      w: { patch: { services: { a: ${patch} } } }\n`;
    expect(loadText(text, 'deep.yaml').errors ?? []).toEqual([]);
  });

  test('a file over the size cap is refused before it is read (sparse file)', () => {
    const file = join(dir, 'huge.yaml');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, MAX_FILE_BYTES + 1);
    closeSync(fd);
    const r = loadFile(file);
    expect(r.errors![0]!.message).toMatch(/over the \d+-byte limit/);
  });

  test('a file with 150 mistakes reports 100 and counts the rest', () => {
    const keys = Array.from({ length: 150 }, (_, i) => `    k${i}: 1`).join('\n');
    const errors = errorsOf(`${HEAD}  a:\n${keys}\n`);
    expect(errors).toHaveLength(101);
    expect(errors![100]!.message).toBe('50 more errors not shown');
  });
});

describe('prototype keys', () => {
  test('__proto__, toString and hasOwnProperty as service ids are rejected as invalid ids, nothing is polluted', () => {
    const errors = errorsOf(`${HEAD}  __proto__: { tier: 1, polluted: 1 }\n  toString: {}\n  hasOwnProperty: {}\n`);
    expect(errors!.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '4:3 invalid service id "__proto__"', '4:25 unknown key "polluted"', '5:3 invalid service id "toString"', '6:3 invalid service id "hasOwnProperty"',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).tier).toBeUndefined();
  });

  test('constructor is an ordinary service id', () => {
    const r = loadText(`${HEAD}  constructor: {}\n  a: { dependsOn: [constructor] }\n`, 'c.yaml');
    expect(r.errors ?? []).toEqual([]);
    expect(r.value!.byId.get('a')!.dependsOn[0]!.targets).toEqual(['constructor']);
  });

  test('an undefined constructor or toString is an unknown reference, not Object.prototype', () => {
    const errors = errorsOf(`${HEAD}  a: { dependsOn: [constructor, valueof] }\n`);
    expect(errors!.map((e) => e.message)).toEqual([
      'dependency "constructor" is not a service of this graph', 'dependency "valueof" is not a service of this graph',
    ]);
  });

  test('__proto__ and constructor as keys of a service are unknown keys', () => {
    const errors = errorsOf(`${HEAD}  a:\n    __proto__: { tier: 0 }\n    constructor: 1\n`);
    expect(errors!.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual(['5:5 unknown key "__proto__"', '6:5 unknown key "constructor"']);
    expect(({} as Record<string, unknown>).tier).toBeUndefined();
  });

  test('a __proto__ key in a patch does not pollute and is reported', () => {
    const errors = errorsOf(`${HEAD}  a: {}\nscenarios:\n  s:\n    start: 2020-01-01T00:00:00Z\n    whatIfs:\n      w: { patch: { services: { __proto__: { polluted: 1 } } } }\n`);
    expect(errors![0]!.message).toBe('after this patch: invalid service id "__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('encodings and terminal safety', () => {
  test('invalid UTF-8 is located at the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from(`${HEAD}  a: { title: "caf`), Buffer.from([0xc3, 0x28]), Buffer.from('" }\n')]);
    const r = loadFile(writeGraph('latin1.yaml', bytes));
    expect(r.errors!.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual(['4:19 the file is not valid UTF-8']);
  });

  test('ANSI escapes and control characters in a title load as text', () => {
    const r = loadText(`${HEAD}  a: { title: "\\e[31mred\\e[0m\\u0007" }\n`, 'ansi.yaml');
    expect(r.value!.byId.get('a')!.title).toBe('\u001b[31mred\u001b[0m\u0007');
  });

  test('escapes in an unknown key or id never reach the terminal raw', async () => {
    const file = writeGraph('ansi-key.yaml', `${HEAD}  a:\n    "\\e[2J\\e]0;pwned\\u0007": 1\n    dependsOn: ["x\\u009b31m"]\n`);
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.err).toContain('unknown key "\\u001b[2J\\u001b]0;pwned\\u0007"');
    const json = await cli('validate', file, '--format', 'json');
    expect(json.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(json.out).files[0].errors.length).toBeGreaterThan(0);
  });
});

describe('not a graph', () => {
  test.each([
    ['empty file', '', 'the file is empty'],
    ['only comments', '# nothing here\n', 'the file is empty'],
    ['a list at the top', '- a\n- b\n', 'the top level is a list, not a mapping'],
    ['a scalar at the top', 'hello\n', 'the top level is a string ("hello"), not a mapping'],
    ['JSON of the wrong shape', '{"nodes": [1, 2]}', 'missing required key "faultline"'],
    ['a JSON list', '[1, 2]', 'the top level is a list'],
    ['another format version', 'faultline: 2\nname: x\nservices: { a: { weird: 1 } }\n', 'unsupported format version 2 (this Faultline reads format version 1)'],
    ['a string version', 'faultline: "1"\nname: x\nservices: {}\n', 'unsupported format version "1"'],
    ['several documents', `${HEAD}  a: {}\n---\n${HEAD}  b: {}\n`, 'the file holds several YAML documents'],
  ])('%s', async (name, text, message) => {
    const r = await cli('validate', writeGraph(`${name.replace(/\W+/g, '-')}.yaml`, text));
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  test('a JSON file with the right shape is accepted', async () => {
    const json = JSON.stringify(parse(readFileSync(KINESIS, 'utf8')), null, 2);
    const r = await cli('validate', writeGraph('kinesis.json', json));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/kinesis\.json: ok \(14 services, 1 scenario\)/);
  });

  test('a directory and a missing file: clear messages, exit 2', async () => {
    const sub = join(dir, 'a-directory');
    mkdirSync(sub, { recursive: true });
    // A directory means the graphs under it (cli/inputs.ts); one with none is a usage error.
    const r = await cli('validate', sub, join(dir, 'missing.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`directory "${sub}" has no *.yaml, *.yml or *.json graph`);
    const missing = await cli('validate', join(dir, 'missing.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`${join(dir, 'missing.yaml')}:1:1: error: no such file`);
  });
});
