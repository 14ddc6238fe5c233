/**
 * JSON graphs through JSON.parse (json-source.ts) against the located reader they replace
 * (`reader: 'located'`): the same model, the same diagnostics at the same places — duplicate keys,
 * which JSON.parse would silently drop, included — and, on random documents, the same position for
 * every path.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { syntheticDoc } from '../../src/bench/synthetic.js';
import { readJson, tapeLocator } from '../../src/model/json-source.js';
import { loadText } from '../../src/model/load.js';
import type { JsonPath } from '../../src/model/locate.js';
import { parseSource } from '../../src/model/source.js';

const GRAPHS = ['aws-kinesis-2020', 'aws-s3-2008', 'aws-us-east-1-2021', 'example-shop'].map((g) => parse(readFileSync(`graphs/${g}.yaml`, 'utf8')) as object);
const SYNTHETIC = syntheticDoc({ services: 300, events: 40 });

/** loadText through JSON.parse equals loadText through the located reader; returns the result. */
function same(text: string) {
  const fast = loadText(text, 'g.json');
  const located = loadText(text, 'g.json', { reader: 'located' });
  expect(fast).toEqual(located);
  expect(JSON.stringify([fast.errors, fast.warnings])).toBe(JSON.stringify([located.errors, located.warnings]));
  return fast;
}

const pretty = (doc: object) => JSON.stringify(doc, null, 2);

describe('clean JSON takes JSON.parse and builds the same model', () => {
  test.each([...GRAPHS, SYNTHETIC].map((doc, i) => [i, doc] as const))('graph %i: compact, indented, CRLF', (_, doc) => {
    for (const text of [JSON.stringify(doc), pretty(doc), pretty(doc).replaceAll('\n', '\r\n'), `\n${pretty(doc)}\n\n`]) {
      expect(readJson(text)?.tape, 'the fast path is taken').toBeDefined();
      const r = same(text);
      expect(r.value, JSON.stringify(r.errors)).toBeDefined();
    }
  });
});

describe('a JSON text with problems gives the located diagnostics', () => {
  const base = pretty(SYNTHETIC);
  const cases: Record<string, string> = {
    'duplicate service': base.replace('"services": {', '"services": {\n    "dup": {},\n    "dup": { "tier": 1 },'),
    'duplicate key in a dependency': base.replace('"services": {', '"services": {\n    "dup": { "dependsOn": [{ "on": "dup2", "on": "dup3" }] }, "dup2": {}, "dup3": {},'),
    'duplicate top-level key': base.replace('"faultline": 1', '"faultline": 1, "name": "again"'),
    'bad type': base.replace('"services": {', '"services": {\n    "x1": { "dependsOn": [{ "on": "x2", "type": "sofft" }] }, "x2": {},'),
    'bad duration and unknown and self': base.replace('"services": {', '"services": {\n    "x1": { "recoversAfter": "5 minutes", "dependsOn": ["nosuch", "x1", "x1x"] }, "x1x": {},'),
    'repeats': base.replace('"services": {', '"services": {\n    "x1": { "dependsOn": ["x2", "x2", { "anyOf": ["x2", "x2"] }] }, "x2": {},'),
    'unknown key': base.replace('"faultline": 1', '"faultline": 1, "servicez": {}'),
    'escaped keys': base.replace('"services": {', '"services": {\n    "a\\u0062c": { "dependsOn": ["nosuch"] }, "x\\"y": {},'),
    'index-like service ids': base.replace('"services": {', '"services": {\n    "42": { "dependsOn": ["7", "nosuch"] }, "7": {},'),
    'syntax error': base.replace('}', '},'),
    'indented root': ` ${base}`,
    'tab': base.replace('\n  ', '\n\t'),
    'key and colon on two lines': base.replace('"services":', '"services"\n  :'),
    '__proto__ key': base.replace('"services": {', '"services": {\n    "__proto__": {},'),
    'long integer': base.replace('"faultline": 1', '"faultline": 1, "x": 12345678901234567890'),
    'BOM': `\ufeff${base}`,
    'line separator in a string': base.replace('"services": {', '"title": "a\u2028b", "services": {'),
    'lone CR': base.replace('\n', '\r'),
    'mixed line ends': base.replace('\n', '\r\n'),
    'top-level list': '[1, 2]',
    'empty': '',
  };
  /** Texts the JSON way leaves to the located reader although they are no errors. */
  const refused = new Set(['indented root', 'tab', 'key and colon on two lines', 'BOM', 'line separator in a string', 'mixed line ends', 'long integer', '__proto__ key']);
  test.each(Object.entries(cases))('%s', (name, text) => {
    const r = same(text);
    if (refused.has(name)) expect(readJson(text), name).toBeUndefined();
    else if (name !== 'index-like service ids' && name !== 'escaped keys') expect(r.errors?.length ?? 0, name).toBeGreaterThan(0);
  });

  test('a duplicate key is an error at the repeat, which JSON.parse alone would lose', () => {
    const text = cases['duplicate service']!;
    expect(readJson(text)).toBeUndefined();
    const e = loadText(text, 'g.json').errors!.find((d) => d.message.includes('duplicate key'))!;
    expect(text.split('\n')[e.line - 1]!.slice(e.column - 1)).toMatch(/^"dup": \{ "tier": 1 \}/);
  });

  test('a bad value is located at its token', () => {
    const text = cases['bad type']!;
    expect(readJson(text)?.tape).toBeDefined();
    const e = loadText(text, 'g.json').errors!.find((d) => d.message.includes('sofft'))!;
    expect(text.split('\n')[e.line - 1]!.slice(e.column - 1)).toMatch(/^"sofft"/);
  });

  test('nesting: at the depth limit read, past it refused at the same place', () => {
    const nested = (n: number) => `{"faultline": 1, "name": "n", "services": {}, "x": ${'['.repeat(n)}${']'.repeat(n)}}`;
    for (const n of [60, 61, 62, 63, 64, 70]) same(nested(n));
    expect(readJson(nested(62))).toBeDefined();
    expect(readJson(nested(63))).toBeUndefined();
    expect(loadText(nested(63), 'g.json').errors?.[0]?.message).toMatch(/nesting deeper than/);
  });
});

describe('on random documents the tape locates every path as the located reader does', () => {
  const key = fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('a', 'on', '1', '42', 'x"y', 'a\\b', 'é', '\u0001', 'constructor', 'toString'));
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(null, true, false, 0, -1, 1.5, 1e21, -0.25e-7, 'x', '', 'a\nb', '"', '\\', 'é\u00ff', '\u2028'),
      fc.string({ maxLength: 6 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  // Large objects too: they are searched through a key map, and in order by a cursor.
  const container = fc.oneof(fc.array(json, { maxLength: 4 }), fc.dictionary(key, json, { maxKeys: 5 }), fc.dictionary(key, json, { minKeys: 13, maxKeys: 30 }));

  function paths(node: unknown, prefix: (string | number)[] = [], out: JsonPath[] = []): JsonPath[] {
    out.push(prefix, [...prefix, 'no-such-key'], [...prefix, 99]);
    if (Array.isArray(node)) node.forEach((v, i) => paths(v, [...prefix, i], out));
    else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) paths(v, [...prefix, k], out);
    return out;
  }

  test('values and positions', () => {
    let located = 0;
    fc.assert(fc.property(container, fc.constantFrom(0, 1, 2, 4), fc.boolean(), (doc, indent, crlf) => {
      let text = JSON.stringify(doc, null, indent);
      if (crlf) text = text.replaceAll('\n', '\r\n');
      const read = readJson(text);
      if (!read) return;
      // The reference: the located reader (the subset reader, or the yaml library where it gives up).
      const ref = parseSource(text, 'f.json', { reader: 'located' });
      expect(ref.errors).toBeUndefined();
      expect(ref.value!.duplicates).toBeUndefined();
      expect(read.value).toEqual(ref.value!.json);
      expect(JSON.stringify(read.value)).toBe(JSON.stringify(ref.value!.json));
      if (!read.tape) return;
      located++;
      const fast = tapeLocator('f.json', text, read.value, read.tape);
      const reference = ref.value!.locate;
      // Twice over, in two orders: the tape locator reuses the steps of the path before.
      const all = paths(read.value);
      for (const p of [...all, ...all.reverse()]) {
        expect(fast(p), `${JSON.stringify(p)} value`).toEqual(reference(p));
        expect(fast(p, 'key'), `${JSON.stringify(p)} key`).toEqual(reference(p, 'key'));
      }
    }), { numRuns: 400, seed: 16 });
    // Most documents must take the tape, or this tests nothing.
    expect(located).toBeGreaterThan(150);
  });
});
