import fc from 'fast-check';
import { expect, test } from 'vitest';
import { writeJson } from '../../src/cli/json-stream.js';
import { terminalJson } from '../../src/model/sanitize.js';

const written = (value: unknown) => {
  const out: string[] = [];
  writeJson(value, (t) => out.push(t));
  return out.join('');
};

test('streamed JSON is byte for byte terminalJson + newline, at any nesting', () => {
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
    expect(written(v)).toBe(`${terminalJson(v)}\n`);
  }), { numRuns: 400 });
});

test('what JSON.stringify drops or replaces: undefined, functions, toJSON; terminal escapes', () => {
  const v = {
    a: undefined, b: [undefined, () => 1, 2], c: { toJSON: () => ({ d: [1, {}, []] }) }, e: 'bidi \u202e and C1 \u009b',
    '\u2028key': [[[['deep', { x: '\n' }]]]], f: new Date(0), g: [], h: {},
  };
  expect(written(v)).toBe(`${terminalJson(v)}\n`);
});

test('big arrays are written in several pieces', () => {
  const out: string[] = [];
  writeJson({ rows: Array.from({ length: 20_000 }, (_, i) => ({ i, s: `svc${i}` })) }, (t) => out.push(t));
  expect(out.length).toBeGreaterThan(10);
  expect(JSON.parse(out.join('')).rows).toHaveLength(20_000);
});

test('tables of small rows and rows with long member lists, mixed: same bytes', () => {
  const rows = Array.from({ length: 1_300 }, (_, i) => (i % 97 === 5
    ? { service: `s${i}`, down: Array.from({ length: 600 }, (_, j) => `m${j}`), delayed: [{ service: 'x', atMin: 3 }], score: i / 2 }
    : { service: `s${i}\u202e`, downCount: i, degraded: [], nested: { a: [1, [2, { b: null }]] } }));
  const v = { blastRadius: rows, deep: { deeper: { rows } }, list: [rows.slice(0, 700)] };
  expect(written(v)).toBe(`${terminalJson(v)}\n`);
});

test('long arrays deep down (SARIF results, member lists) are cut into slices too: same bytes, many pieces', () => {
  const results = Array.from({ length: 5_000 }, (_, i) => ({ ruleId: 'r', message: { text: `m${i}\u009b` }, locations: [{ line: i }] }));
  const v = { runs: [{ tool: { name: 't' }, results, more: { deeper: { list: results.map((r) => r.message.text) } } }] };
  const out: string[] = [];
  writeJson(v, (t) => out.push(t));
  expect(out.join('')).toBe(`${terminalJson(v)}\n`);
  expect(out.length).toBeGreaterThan(10);
});

const writtenAsBytes = (value: unknown) => {
  const out: Uint8Array[] = [];
  writeJson(value, () => { throw new Error('text sink used'); }, (b) => out.push(b));
  return { text: Buffer.concat(out).toString('utf8'), pieces: out.length };
};

test('written as bytes: the same bytes as terminalJson, escapes where the text has characters to escape', () => {
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
    expect(writtenAsBytes(v).text).toBe(`${terminalJson(v)}\n`);
  }), { numRuns: 300 });
  const tricky = ['\u007f', '\u0080', '\u009f', '\u00a0', '\u061b', '\u061c', '\u200a', '\u200b', '\u200f', '\u2010', '\u2026', '\u2027', '\u2028',
    '\u202e', '\u202f', '\u2060', '\u2064', '\u2065', '\u2066', '\u2069', '\u206a', '\u2192', '\ufefe', '\ufeff', '\uffff', '😀', 'ü'];
  for (const c of tricky) {
    const v = { rows: Array.from({ length: 600 }, (_, i) => ({ id: `svc${i}`, note: i === 599 ? `x${c}y` : '→ …' })), [`k${c}`]: c };
    expect(writtenAsBytes(v).text).toBe(`${terminalJson(v)}\n`);
  }
});

test('a 40k-row table as bytes: byte for byte, in chunks', () => {
  const v = { rows: Array.from({ length: 40_000 }, (_, i) => ({ i, s: `svc${i}`, p: ['a → b', `c${i}`] })) };
  const { text, pieces } = writtenAsBytes(v);
  expect(text).toBe(`${terminalJson(v)}\n`);
  expect(pieces).toBeGreaterThan(1);
});
