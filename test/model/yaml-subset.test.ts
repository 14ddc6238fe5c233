/**
 * The fast reader against the yaml library, value for value and location for location: on the
 * bundled graphs, on synthetic ones (YAML and JSON), and on random documents with random damage —
 * whenever the fast reader accepts a text, the library must read it without error into the same
 * value, and both locators must answer every path the same.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Document, isCollection, LineCounter, parseDocument, stringify, visit } from 'yaml';
import { describe, expect, test } from 'vitest';
import { syntheticDoc } from '../../src/bench/synthetic.js';
import { loadText } from '../../src/model/load.js';
import { yamlLocator, type JsonPath } from '../../src/model/locate.js';
import { findTooDeep } from '../../src/model/guard.js';
import { offsetLocator, offsetPosition } from '../../src/model/source-offsets.js';
import { readYamlSubset } from '../../src/model/yaml-subset.js';
import { CASES } from '../hostile/cases.js';

/** FAULTLINE_FUZZ_RUNS / FAULTLINE_FUZZ_SEED run the damage test longer or elsewhere (to hunt, not in CI). */
const RUNS = Number(process.env.FAULTLINE_FUZZ_RUNS ?? 1500);
const SEED = Number(process.env.FAULTLINE_FUZZ_SEED ?? 11);

function library(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  return { doc, errors: doc.errors, value: doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) as unknown : undefined, locate: yamlLocator('f.yaml', doc, lines) };
}

/** Every path to a node, plus a step that does not exist below each (locators fall back to the ancestor). */
function paths(node: unknown, prefix: (string | number)[] = [], out: JsonPath[] = []): JsonPath[] {
  out.push(prefix, [...prefix, 'no-such-key'], [...prefix, 99]);
  if (Array.isArray(node)) node.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) paths(v, [...prefix, k], out);
  return out;
}

/**
 * Asserts the fast reader agrees with the library on `text`; returns whether it read it at all.
 * The locator and the position function remember their last answer, so they are asked in document
 * order, backwards and jumping about.
 */
function agrees(text: string): boolean {
  const fast = readYamlSubset(text);
  if (!fast) return false;
  if (fast.duplicates.length > 0) {
    // Then the document is an error: the same diagnostics, at the same places, as the library path.
    expect(loadText(text, 'f.yaml').errors).toEqual(loadText(text, 'f.yaml', { reader: 'yaml' }).errors);
    return true;
  }
  const lib = library(text);
  expect(lib.errors.map((e) => e.message)).toEqual([]);
  expect(fast.value).toEqual(lib.value);
  expect(JSON.stringify(fast.value)).toBe(JSON.stringify(lib.value));
  const all = paths(fast.value);
  for (const order of [all, [...all].reverse(), all.map((_, i) => all[(i * 7919) % all.length]!)]) {
    const locate = offsetLocator('f.yaml', fast.text, fast.offsets);
    for (const p of order) {
      expect(locate(p), `${JSON.stringify(p)} value`).toEqual(lib.locate(p));
      expect(locate(p, 'key'), `${JSON.stringify(p)} key`).toEqual(lib.locate(p, 'key'));
    }
  }
  const pos = offsetPosition('f.yaml', fast.text);
  const lines = new LineCounter();
  parseDocument(fast.text, { lineCounter: lines });
  for (const o of [0, fast.text.length - 1, Math.floor(fast.text.length / 2), 1, Math.floor(fast.text.length / 3)].filter((x) => x >= 0)) {
    const { line, col } = lines.linePos(o);
    expect(pos(o), `offset ${o}`).toEqual({ file: 'f.yaml', line, column: col });
  }
  return true;
}

/** How deep collections nest in a value (a scalar: 0). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce((m: number, v) => Math.max(m, depthOf(v)), 0);
}

describe('the fast reader reads what graph files are made of', () => {
  test.each(['graphs/aws-kinesis-2020.yaml', 'graphs/aws-s3-2008.yaml'])('%s', (file) => {
    expect(agrees(readFileSync(file, 'utf8'))).toBe(true);
  });

  test('a synthetic graph as YAML, as indented JSON and as one-line JSON', () => {
    const doc = syntheticDoc({ services: 300, events: 50 });
    expect(agrees(stringify(doc))).toBe(true);
    expect(agrees(JSON.stringify(doc, null, 2))).toBe(true);
    expect(agrees(JSON.stringify(doc))).toBe(true);
  });

  test('Windows line ends (every line CRLF): same values, lines and columns', () => {
    for (const file of ['graphs/aws-kinesis-2020.yaml', 'graphs/aws-s3-2008.yaml']) {
      expect(agrees(readFileSync(file, 'utf8').replaceAll('\n', '\r\n'))).toBe(true);
    }
    expect(agrees(stringify(syntheticDoc({ services: 100, events: 20 })).replaceAll('\n', '\r\n'))).toBe(true);
  });

  test('hand-written forms: comments, empty values, compact and same-indent sequences, quotes, flow over lines', () => {
    const text = [
      '# yaml-language-server: $schema=x.json',
      'a:   # comment',
      '  b: 1',
      '  c:',
      '  d: "x # not a comment"',
      "  e: 'it''s'",
      '  f: [1, { g: 2 }, "h"]  # trailing',
      '  list:',
      '  - x',
      '  -   y',
      '  - k: v',
      '    # between',
      '    l: w',
      '  - - nested',
      '    - seq',
      '  -',
      '  - # empty with comment',
      '  flow: {',
      '     a: 1,',
      '',
      '     b: [2,',
      '       3] }',
      '  "quoted key": yes',
      '  12: twelve',
      '  1.50: float key',
      '  true: bool key',
      '  url: http://x/y?z=1#frag',
      '  time: 2020-11-25T02:44:00-08:00',
      '  nums: [0o17, 0x1F, -3, +4, .5, 1e3, .inf, -.Inf, .nan, 007]',
      '  nulls: [~, null, Null]',
      '  colon: a:b',
      '  value:',
      '    on the next line',
      '  literal: |',
      '    line one',
      '      indented',
      '',
      '    after a blank',
      '  folded: >-   # comment',
      '',
      '    folded',
      '    lines',
      '',
      '    para',
      '      more',
      '    back',
      '  blocks:',
      '  - |',
      '    in a list',
      'b:',
      '- top',
      '',
    ].join('\n');
    expect(agrees(text)).toBe(true);
  });

  test('duplicate keys, block and flow: reported by the fast reader as by the library', () => {
    for (const text of ['a: 1\nb: 2\na: 3\n', 'x:\n  - { on: a, on: b }\n  - k: 1\n    k: 2\n', '{"a": 1, "a": 2}', '1: a\n"1": b\n']) {
      expect(readYamlSubset(text)?.duplicates.length, text).toBeGreaterThan(0);
      expect(agrees(text)).toBe(true);
    }
  });

  test('leaves everything outside the subset to the library', () => {
    const outside = [
      'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: |+\n  text\n', 'a: |2\n  text\n', 'a: |\n   x\n  y\n', 'a: |\n  x\n # c\n', '|\n  root\n', 'a: |\n  x\n   \n', 'a: b\n  c\n', 'a: "b\n  c"\n',
      '---\na: 1\n', 'a: 1\n---\nb: 2\n', 'a:\tb\n', 'a: b\r\nc: d\n', 'a: b\rc: d\n', '? a\n: b\n', 'a: [1, 2, ]\n',
      'a: {b}\n', 'a: "\\e[31m"\n', '__proto__: 1\n', '~: 1\n', 'a: [\n1]\n', 'a: b: c\n', 'a: - b\n', '"a":1\n',
      '', '# only a comment\n', '\ufeffa: 1\n', 'a: [b\n  c]\n', 'a: {b:c}\n', 'a: "x" y\n',
    ];
    for (const text of outside) expect(readYamlSubset(text), JSON.stringify(text)).toBeUndefined();
  });

  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(null, true, false, 0, -1, 1.5, 1e21, 'true', '1', '0x1F', '', ' ', 'a: b', '#', '- x', 'it\'s', 'é', '"q"', '~', 'null', '.inf', '2020-11-25T02:44:00Z', 'x #y', 'a\nb', 'a\n\nb\n', ' lead\nx', 'x\n  more\ny\n\n', '\n', '[a]', '{a}', '&a', '*a', '!t', '|', '>', '@', '`', '%', '?', ':x', '-x'),
      fc.string({ maxLength: 6 }), fc.integer(), fc.double({ noNaN: true }),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('a', 'b', 'on', 'x-y', '1', 'true', 'null', 'constructor')), tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  const options = fc.record({
    flowLevel: fc.constantFrom(undefined, 0, 1, 2, 3), indent: fc.constantFrom(2, 3, 4), indentSeq: fc.boolean(),
    defaultStringType: fc.constantFrom<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'>('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
    json: fc.boolean(),
    crlf: fc.boolean(),
  });
  /** YAML text of `value`: JSON, or YAML whose collections from `flowLevel` deep on are in flow style. */
  function styled(value: unknown, o: { flowLevel: number | undefined; indent: number; indentSeq: boolean; defaultStringType: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'; json: boolean; crlf: boolean }): string {
    if (o.json) return JSON.stringify(value, null, o.indent);
    const doc = new Document(value);
    if (o.flowLevel !== undefined) {
      const level = o.flowLevel;
      visit(doc, (_, node, path) => {
        if (isCollection(node) && path.filter(isCollection).length >= level) node.flow = true;
      });
    }
    return doc.toString({ indent: o.indent, indentSeq: o.indentSeq, defaultStringType: o.defaultStringType });
  }
  const damage = fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.nat(3), insert: fc.constantFrom('', ' ', '  ', '\n', '-', '- ', ':', ': ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', 'x', '\n  ', '&', '*', '!', '|', '?', '\n- ', '\t') }), { maxLength: 3 });

  test('random documents, stringified in random styles: same value and locations, and most are read fast', () => {
    let read = 0;
    let total = 0;
    fc.assert(fc.property(json, options, (value, o) => {
      const lf = styled(value, o);
      const text = o.crlf ? lf.replaceAll('\n', '\r\n') : lf;
      total++;
      if (agrees(text)) read++;
    }), { numRuns: 400, seed: 7 });
    expect(read / total).toBeGreaterThan(0.5);
  });

  test('random damage to such documents: whatever the fast reader accepts, the library reads the same', () => {
    let read = 0;
    fc.assert(fc.property(json, options, damage, (value, o, cuts) => {
      let text = styled(value, o);
      for (const c of cuts) {
        const at = Math.floor(c.at * text.length);
        text = text.slice(0, at) + c.insert + text.slice(at + c.cut);
      }
      if (o.crlf) text = text.replaceAll('\n', '\r\n');
      if (agrees(text)) read++;
    }), { numRuns: RUNS, seed: SEED });
    // Not vacuous: a good share of the damaged texts is still read fast (and so compared).
    expect(read).toBeGreaterThan(RUNS / 5);
  });

  test('random damage to the bundled graphs: whatever the fast reader accepts, the library reads the same', () => {
    const texts = ['graphs/aws-kinesis-2020.yaml', 'graphs/aws-s3-2008.yaml'].map((f) => readFileSync(f, 'utf8'));
    let read = 0;
    const runs = Math.ceil(RUNS / 10);
    fc.assert(fc.property(fc.nat(1), damage, (which, cuts) => {
      let text = texts[which]!;
      for (const c of cuts) {
        const at = Math.floor(c.at * text.length);
        text = text.slice(0, at) + c.insert + text.slice(at + c.cut);
      }
      if (agrees(text)) read++;
    }), { numRuns: runs, seed: SEED });
    expect(read).toBeGreaterThan(runs / 5);
  });

  // What the differential tests above do not reach.
  test('hand-written snippets and the hostile corpus: whatever the fast reader accepts, the library reads the same', () => {
    const snippets = [
      'a: [null, Null, ~, true, TRUE, false, 0o17, 0x1F, -12, +3, .5, 1e3, -.inf, .NaN, 1.5e-3, 30m, 1_000, 0b1]\n',
      'a: [.nan, .nan, -0, -0, 0, true, true, null, null]\n', 'a: -0\nb: -0\nc: 0\n', 'k: v\nk2: v\n"k": x\n',
      'a:\n- x\n- x\n- y: x\n  z: x\n', '- a\n- a: 1\n- a\n', '- - a\n  - a\n- [a, a]\n', 'a: x #c\nb: x#c\n',
      'a: "x" # c\nb: \'it\'\'s\'\nc: "\\u00e9\\n"\n', 'a: |\n  x\n  y\nb: >-\n  p\n  q\n\n  r\n', 'a: { b: [1, 2,\n    3], c: d }\n',
      'constructor: 1\ntoString: 2\nhasOwnProperty: 3\n', '[[[[[[[[1]]]]]]]]', '- - - - - x\n', 'a:\n  b:\n    c:\n      d: [{e: [f]}]\n',
    ];
    let read = 0;
    for (const text of snippets) if (agrees(text)) read++;
    expect(read).toBeGreaterThan(snippets.length / 2);
    for (const c of CASES) for (const f of Object.values(c.files ?? {})) if (typeof f === 'string') agrees(f);
  });

  test('texts of 8M characters and more, where plain scalars are cached (more distinct words than slots)', () => {
    const lines = ['faultline: 1', 'name: g', 'services:'];
    for (let i = 0; i < 300; i++) {
      lines.push(`  svc${i}:`, `    tier: ${i % 3}`, '    dependsOn:',
        `      - { on: svc${(i * 7) % 300}, type: buffered, buffer: { fillsAfter: 30m, whenFull: degraded } }`,
        `      - { anyOf: [svc${(i * 11) % 300}, svc${(i * 13) % 300}], type: hard }`, `      - svc${(i * 17) % 300}`);
    }
    const pad = `# ${'x'.repeat(8_000_000)}\n`;
    expect(agrees(`${pad}${lines.join('\n')}\n`)).toBe(true);
    const words = Array.from({ length: 70_000 }, (_, i) => i.toString(36));
    const scalars = ['true', 'null', '-0', '.nan', '1e3', '0x1F', '30m', '~'];
    const many = words.map((w, i) => `x${w}: [${w}, ${w}, ${w}e1, ${w}.5, ${scalars[i % scalars.length]}]`).join('\n');
    expect(agrees(`${pad}${words.map((w) => `${w}: ${w}`).join('\n')}\n${many}\n`)).toBe(true);
  }, 60_000);

  test('the nesting guard never finds a readable document shallower than its collections nest', () => {
    fc.assert(fc.property(json, options, (value, o) => {
      const text = styled(value, o);
      const fast = readYamlSubset(text);
      const depth = depthOf(fast?.value);
      if (depth > 0) expect(findTooDeep(text, depth - 1), text).toBeDefined();
    }), { numRuns: 400, seed: 13 });
  });
});
