/**
 * Random mutations of the Kinesis graph never crash the loader: every outcome is a Model (and no
 * errors) or located errors (file, line ≥ 1, column ≥ 1, within the text), nothing in between.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify, parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import type { Loaded } from '../../src/model/diagnostic.js';
import type { Model } from '../../src/model/types.js';
import { loadText } from '../../src/model/load.js';

const TEXT = readFileSync('graphs/aws-kinesis-2020.yaml', 'utf8');
const DOC = parse(TEXT) as unknown;

function wellFormed(r: Loaded<Model>, text: string): void {
  const lines = text.split('\n').length;
  if (r.value) {
    expect(r.errors ?? []).toEqual([]);
    expect(Object.isFrozen(r.value)).toBe(true);
    return;
  }
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(e.file).toBe('m.yaml');
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines + 1);
    expect(e.column).toBeGreaterThanOrEqual(1);
    expect(e.message.length).toBeGreaterThan(0);
  }
}

/** Every path to a node of the document, so mutations can aim anywhere. */
function paths(node: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(node)) node.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) paths(v, [...prefix, k], out);
  return out;
}
const ALL = paths(DOC).filter((p) => p.length > 0);

const JUNK = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: 5000 }), fc.double({ noNaN: true }),
  fc.string({ maxLength: 12 }), fc.constantFrom('kinesis-frontnd', 'cloudwatch', '__proto__', 'constructor', '25:99', '1h30', '*', 'buffered', ''),
  fc.constant([]), fc.constant({}), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
);

type Mutation = { kind: 'delete' | 'set' | 'rename' | 'insert'; at: number; value: unknown; key: string };
const MUTATION = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('delete', 'set', 'rename', 'insert'),
  at: fc.nat({ max: ALL.length - 1 }),
  value: JUNK,
  key: fc.constantFrom('dependson', 'x-note', 'type', 'needs', 'buffer', 'fleet', 'anyOf', 'on', 'scale', 'patch', 'constructor', 'toString', 'ZZ'),
});

function mutate(doc: unknown, m: Mutation): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  const path = ALL[m.at]!;
  let parent: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) {
    const next = parent[step];
    if (next === null || typeof next !== 'object') return copy;
    parent = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (!(last in parent)) return copy;
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.kind === 'set') parent[last] = m.value;
  else if (m.kind === 'rename' && !Array.isArray(parent)) {
    Object.defineProperty(parent, m.key, { value: parent[last], enumerable: true, writable: true, configurable: true });
    delete parent[last];
  } else if (m.kind === 'insert' && parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) {
    (parent[last] as Record<string, unknown>)[m.key] = m.value;
  }
  return copy;
}

describe('property: mutations never crash the loader', () => {
  test('document mutations (delete keys, change types, rename ids and keys, insert junk)', () => {
    fc.assert(fc.property(fc.array(MUTATION, { minLength: 1, maxLength: 4 }), (ms) => {
      const text = stringify(ms.reduce(mutate, DOC));
      wellFormed(loadText(text, 'm.yaml'), text);
    }), { numRuns: 300 });
  });

  test('text mutations (junk spliced into the YAML source)', () => {
    fc.assert(fc.property(fc.nat({ max: TEXT.length }), fc.nat({ max: 40 }), fc.string({ maxLength: 8 }), (at, cut, junk) => {
      const text = TEXT.slice(0, at) + junk + TEXT.slice(at + cut);
      wellFormed(loadText(text, 'm.yaml'), text);
    }), { numRuns: 300 });
  });

  test('the unmutated graph loads (the property is not vacuous)', () => {
    expect(loadText(TEXT, 'm.yaml').errors ?? []).toEqual([]);
    expect(loadText(stringify(DOC), 'm.yaml').errors ?? []).toEqual([]);
  });
});
