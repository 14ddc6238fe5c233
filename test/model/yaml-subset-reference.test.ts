/**
 * The fast reader and the nesting guard against their own earlier versions (test/model/reference/,
 * copies from before they were tuned for speed): the same value, the same offsets for every node,
 * the same duplicate keys, the same texts left to the yaml library, the same depth findings. The
 * differential test in yaml-subset.test.ts holds the reader to the library; this one holds the
 * tuning to "no change at all", which is stricter (it covers the texts the reader gives up on too).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { syntheticDoc } from '../../src/bench/synthetic.js';
import { findTooDeep } from '../../src/model/guard.js';
import type { JsonPath } from '../../src/model/locate.js';
import { offsetLocator, offsetPosition } from '../../src/model/source-offsets.js';
import { readYamlSubset } from '../../src/model/yaml-subset.js';
import { CASES } from '../hostile/cases.js';
import { findTooDeep as oldFindTooDeep } from './reference/guard.js';
import { offsetLocator as oldOffsetLocator, offsetPosition as oldOffsetPosition } from './reference/source-offsets.js';
import { readYamlSubset as oldReadYamlSubset } from './reference/yaml-subset.js';

/**
 * The text behind a comment long enough to switch the reader's cache of plain scalars on (it is
 * off for texts under 8M characters, so only this exercises it).
 */
function padded(text: string): string {
  return `# ${'x'.repeat(8_000_000)}\n${text}`;
}

function same(text: string, locations = true): boolean {
  const now = readYamlSubset(text);
  const before = oldReadYamlSubset(text);
  expect(findTooDeep(text), JSON.stringify(text.slice(0, 200))).toEqual(oldFindTooDeep(text));
  expect(findTooDeep(text, 3)).toEqual(oldFindTooDeep(text, 3));
  if (before === undefined) {
    expect(now, JSON.stringify(text.slice(0, 200))).toBeUndefined();
    return false;
  }
  expect(now).toBeDefined();
  // toEqual tells 0 from -0 and NaN from anything else; stringify checks key order too.
  expect(now!.value).toEqual(before.value);
  expect(JSON.stringify(now!.value)).toBe(JSON.stringify(before.value));
  expect(now!.offsets).toEqual(before.offsets);
  expect(now!.duplicates).toEqual(before.duplicates);
  expect(now!.text).toBe(before.text);
  if (locations) sameLocations(before.text, before.offsets, before.value);
  return true;
}

/** Every path to a node, plus a step that does not exist below each. */
function paths(node: unknown, prefix: (string | number)[] = [], out: JsonPath[] = []): JsonPath[] {
  out.push(prefix, [...prefix, 'no-such-key'], [...prefix, 99]);
  if (Array.isArray(node)) node.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) paths(v, [...prefix, k], out);
  return out;
}

/** Both locators and both position functions answer alike, asked in document order, backwards and jumping about. */
function sameLocations(text: string, offsets: Parameters<typeof offsetLocator>[2], value: unknown): void {
  const all = paths(value);
  const orders = [all, [...all].reverse(), all.map((_, i) => all[(i * 7919) % all.length]!)];
  for (const order of orders) {
    const now = offsetLocator('f.yaml', text, offsets);
    const before = oldOffsetLocator('f.yaml', text, offsets);
    const answers = (locate: typeof now) => JSON.stringify(order.map((p) => [locate(p), locate(p, 'key')]));
    expect(answers(now)).toBe(answers(before));
  }
  const pos = offsetPosition('f.yaml', text);
  const oldPos = oldOffsetPosition('f.yaml', text);
  const offsetsAsked: number[] = [];
  for (let o = -1; o <= text.length + 1; o += o < 300 ? 1 : 37) offsetsAsked.push(o);
  for (let o = text.length + 1; o >= -1; o -= 53) offsetsAsked.push(o);
  expect(JSON.stringify(offsetsAsked.map((o) => pos(o)))).toBe(JSON.stringify(offsetsAsked.map((o) => oldPos(o))));
}

const graphs = readdirSync('graphs').filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(`graphs/${f}`, 'utf8'));

describe('the tuned reader reads exactly as before', () => {
  test('the bundled graphs, as they are and with CRLF line ends', () => {
    for (const text of graphs) {
      expect(same(text)).toBe(true);
      expect(same(text.replaceAll('\n', '\r\n'))).toBe(true);
    }
  });

  test('a synthetic graph as YAML (block and flow), as indented and as one-line JSON', () => {
    const doc = syntheticDoc({ services: 800, events: 100 });
    expect(same(stringify(doc))).toBe(true);
    expect(same(stringify(doc, { collectionStyle: 'flow' }))).toBe(true);
    expect(same(JSON.stringify(doc, null, 2))).toBe(true);
    expect(same(JSON.stringify(doc))).toBe(true);
  });

  test('dependency lines as the large generated graphs write them', () => {
    const lines = ['faultline: 1', 'name: g', 'services:'];
    for (let i = 0; i < 300; i++) {
      lines.push(`  svc${i}:`, `    tier: ${i % 3}`, '    dependsOn:',
        `      - { on: svc${(i * 7) % 300}, type: buffered, buffer: { fillsAfter: 30m, whenFull: degraded } }`,
        `      - { anyOf: [svc${(i * 11) % 300}, svc${(i * 13) % 300}], type: hard }`, `      - svc${(i * 17) % 300}`);
    }
    expect(same(`${lines.join('\n')}\n`)).toBe(true);
    expect(same(padded(`${lines.join('\n')}\n`), false)).toBe(true);
  });

  test('tricky snippets: scalars of every type, cache collisions, repeats, quotes, comments, fallbacks', () => {
    const snippets = [
      'a: 1\nb: 2\na: 3\n', 'x:\n  - { on: a, on: b }\n  - k: 1\n    k: 2\n', '{"a": 1, "a": 2}', '1: a\n"1": b\n',
      'a: [null, Null, ~, true, TRUE, false, 0o17, 0x1F, -12, +3, .5, 1e3, -.inf, .NaN, 1.5e-3, 30m, 1_000, 0b1]\n',
      'a: [.nan, .nan, -0, -0, 0, true, true, null, null]\n', 'a: -0\nb: -0\nc: 0\n',
      'k: v\nk2: v\n"k": x\n', 'a:\n- x\n- x\n- y: x\n  z: x\n', '- a\n- a: 1\n- a\n', '- - a\n  - a\n- [a, a]\n',
      'a: "x" # c\nb: \'it\'\'s\'\nc: "\\u00e9\\n"\n', 'a: x #c\nb: x#c\n', 'a: |\n  x\n  y\nb: >-\n  p\n  q\n\n  r\n',
      'a: { b: [1, 2,\n    3], c: d }\n', 'a: b: c\n', 'a: - b\n', '__proto__: 1\n', 'a: {__proto__: 1}\n', '~: 1\n', 'a: {b:c}\n',
      `${'k'.repeat(40)}: ${'v'.repeat(40)}\n${'k'.repeat(40)}: ${'v'.repeat(33)}\n`, 'constructor: 1\ntoString: 2\nhasOwnProperty: 3\n',
      '? a\n: b\n', 'a: &x 1\nb: *x\n', '---\na: 1\n', 'a:\tb\n', '', '# c\n', 'a:\n', 'a:\n  \n', '[a, b]', '"a"', 'x',
      '[[[[[[[[1]]]]]]]]', '- - - - - x\n', 'a:\n  b:\n    c:\n      d: [{e: [f]}]\n', 'a: "[[[[[" \nb: \'{{{{\'\n',
    ];
    for (const text of snippets) same(text);
    same(padded(snippets.join('---\n')), false);
    same(padded(snippets.filter((t) => !t.includes('---')).map((t) => t.replaceAll('\n', '\n  ')).map((t, i) => `k${i}:\n  ${t}`).join('\n')), false);
    // Every short key and value twice, in block and in flow: whatever shares a cache slot still reads right.
    const words = Array.from({ length: 100_000 }, (_, i) => i.toString(36));
    const many = `${words.map((w) => `${w}: ${w}`).join('\n')}\n${words.map((w) => `x${w}: [${w}, ${w}, ${w}e1, ${w}.5]`).join('\n')}\n`;
    expect(same(many.slice(0, 60_000).replace(/\n[^\n]*$/, '\n'))).toBe(true);
    expect(same(padded(many), false)).toBe(true);
  });

  test('the hostile corpus files', () => {
    for (const c of CASES) for (const f of Object.values(c.files ?? {})) if (typeof f === 'string') same(f);
  });

  test('random texts and random damage to the bundled graphs', () => {
    const pieces = fc.constantFrom('a', 'b', ' ', '  ', '\n', '- ', ': ', ':', '#', ' #', '"', "'", '\\', '[', ']', '{', '}', ', ', '|', '>', '1', '-0', '.nan', 'true', '~', 'on', '\t', '\r\n', '&x', '*x', '?', '---\n');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => { same(parts.join('')); }), { numRuns: 3000, seed: 3 });
    const damage = fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.nat(3), insert: pieces }), { maxLength: 3 });
    fc.assert(fc.property(fc.nat(graphs.length - 1), damage, (which, cuts) => {
      let text = graphs[which]!;
      for (const c of cuts) {
        const at = Math.floor(c.at * text.length);
        text = text.slice(0, at) + c.insert + text.slice(at + c.cut);
      }
      same(text);
    }), { numRuns: 300, seed: 5 });
  });
});
