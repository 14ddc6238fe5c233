/**
 * The loader's fast path (subset reader + offset locator) gives the same Model as the yaml library
 * path, and keeps every diagnostic located: in small files, and in the middle of a big one.
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { syntheticDoc } from '../../src/bench/synthetic.js';
import type { Loaded } from '../../src/model/diagnostic.js';
import type { Model } from '../../src/model/types.js';
import { loadText } from '../../src/model/load.js';
import { readYamlSubset } from '../../src/model/yaml-subset.js';

function bothWays(text: string): { fast: Loaded<Model>; slow: Loaded<Model> } {
  return { fast: loadText(text, 'g.yaml'), slow: loadText(text, 'g.yaml', { reader: 'yaml' }) };
}

function sameResult(text: string): Loaded<Model> {
  const { fast, slow } = bothWays(text);
  expect(fast.errors).toEqual(slow.errors);
  expect(fast.warnings).toEqual(slow.warnings);
  expect(fast.value).toEqual(slow.value);
  // Order matters too (services, edges, events are listed in file order).
  expect(JSON.stringify(fast.value, (_, v: unknown) => (v instanceof Map ? [...v.keys()] : v)))
    .toBe(JSON.stringify(slow.value, (_, v: unknown) => (v instanceof Map ? [...v.keys()] : v)));
  return fast;
}

const synthetic = syntheticDoc({ services: 2000, events: 200 });
const BIG = stringify(synthetic);

describe('fast path: same Model as the yaml library', () => {
  test.each(['graphs/aws-kinesis-2020.yaml', 'graphs/aws-s3-2008.yaml'])('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(readYamlSubset(text)).toBeDefined();
    const r = sameResult(text);
    expect(r.value?.services.length).toBeGreaterThan(3);
  });

  test('a 2,000-service synthetic graph, as YAML and as JSON', () => {
    expect(readYamlSubset(BIG)).toBeDefined();
    expect(sameResult(BIG).value?.services.length).toBe(2000);
    const json = JSON.stringify(synthetic, null, 2);
    expect(readYamlSubset(json)).toBeDefined();
    const fromJson = sameResult(json);
    expect(fromJson.value?.services.map((s) => s.id)).toEqual(sameResult(BIG).value?.services.map((s) => s.id));
  });
});

describe('fast path: diagnostics in a big file are still located', () => {
  /** 1-based line and column of the first occurrence of `needle` (plus `shift` columns). */
  function where(text: string, needle: string, shift = 0): string {
    const at = text.indexOf(needle);
    expect(at).toBeGreaterThan(0);
    const line = text.slice(0, at).split('\n').length;
    return `${line}:${at - text.lastIndexOf('\n', at - 1) + shift}`;
  }
  const errorsOf = (r: Loaded<Model>) => r.errors!.map((e) => `${e.line}:${e.column} ${e.message}`);

  /** Replaces the first match of `pattern` inside service `id`'s block of BIG. */
  function inService(id: string, pattern: RegExp, replacement: string): string {
    const start = BIG.indexOf(`  ${id}:\n`);
    const end = BIG.indexOf('\n  svc-', start + 1);
    const block = BIG.slice(start, end);
    expect(pattern.test(block)).toBe(true);
    return BIG.slice(0, start) + block.replace(pattern, replacement) + BIG.slice(end);
  }

  test('an unknown dependency deep inside', () => {
    const text = inService('svc-1234', /(- |on: )svc-\d{4}/, '$1svc-99999');
    expect(readYamlSubset(text)).toBeDefined();
    const r = sameResult(text);
    expect(errorsOf(r)).toEqual([`${where(text, 'svc-99999')} dependency "svc-99999" is not a service of this graph`]);
  });

  test('a schema error deep inside, on its node', () => {
    const text = inService('svc-0777', /tier: \d/, 'tier: 7');
    expect(readYamlSubset(text)).toBeDefined();
    expect(errorsOf(sameResult(text))).toEqual([`${where(text, 'tier: 7', 6)} "tier" must be <= 3, not 7`]);
  });

  test('a duplicate key is reported by the fast reader, located as the library locates it', () => {
    const dup = BIG.replace('  svc-1500:\n', '  svc-1500:\n    x-a: 1\n    x-a: 2\n');
    expect(readYamlSubset(dup)?.duplicates).toHaveLength(1);
    expect(errorsOf(loadText(dup, 'g.yaml'))).toEqual([`${where(dup, 'x-a: 2')} duplicate key "x-a"`]);
    expect(loadText(dup, 'g.yaml').errors).toEqual(loadText(dup, 'g.yaml', { reader: 'yaml' }).errors);
  });

  test('syntax the fast reader does not take (a tab) goes to the library, still located', () => {
    const tab = BIG.replace('  svc-1600:\n', '  svc-1600:\n\tx-a: 1\n');
    expect(readYamlSubset(tab)).toBeUndefined();
    const r = loadText(tab, 'g.yaml');
    expect(r.errors!.length).toBeGreaterThan(0);
    expect(r.errors![0]?.line).toBe(Number(where(tab, '\tx-a').split(':')[0]));
  });
});
