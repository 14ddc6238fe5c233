/**
 * Recall and precision of the importers on three projects whose addresses hide behind indirections
 * (.env, envFrom ConfigMaps, config files, include:). The expected edges in test/corpus/expected/
 * were derived by reading the files, each with the line(s) that state it; an edge counts once per
 * (from, to), an `anyOf` once per alternative.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { importFlat } from '../import/helpers.js';
import type { ImportInput } from '../../src/import/index.js';
import { REAL } from './real.js';

interface Expected {
  readonly title: string;
  readonly project: string;
  readonly inputs: readonly ImportInput[];
  readonly options?: { readonly namespace?: string };
  readonly notEdges: readonly { from: string; to: string; why: string }[];
  readonly edges: readonly { from: string; to: string; evidence: readonly string[] }[];
}

const dir = new URL('./expected/', import.meta.url);
const lists = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

function measure(e: Expected) {
  const r = importFlat(e.inputs.map((i) => ({ ...i, path: `${REAL}/${e.project}/${i.path}` })), e.options ?? {});
  const found = new Set(r.edges.flatMap((line) => {
    const [from, rest] = line.split(' -> ') as [string, string];
    return rest.replace(/ \(\w+\)$/, '').split('|').map((to) => `${from} -> ${to}`);
  }));
  const expected = new Set(e.edges.map((x) => `${x.from} -> ${x.to}`));
  const correct = [...found].filter((x) => expected.has(x));
  return {
    r, found, expected,
    recall: correct.length / expected.size,
    precision: found.size === 0 ? 0 : correct.length / found.size,
    missed: [...expected].filter((x) => !found.has(x)),
    extra: [...found].filter((x) => !expected.has(x)),
  };
}

describe.each(lists)('import recall and precision: %s', (file) => {
  const e = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Expected;
  const m = measure(e);

  test(`recall ≥ 0.9 and precision ≥ 0.95 (${e.title})`, () => {
    expect(m.r.errors ?? []).toEqual([]);
    // printed so the numbers can be quoted: `npm run test:corpus -- import-recall`
    console.log(`${file}: expected ${m.expected.size}, found ${m.found.size}, recall ${m.recall.toFixed(3)}, precision ${m.precision.toFixed(3)}; missed [${m.missed.join(', ')}]; extra [${m.extra.join(', ')}]`);
    expect(m.recall).toBeGreaterThanOrEqual(0.9);
    expect(m.precision).toBeGreaterThanOrEqual(0.95);
  });

  test('values that name a service without addressing it are not edges', () => {
    for (const n of e.notEdges) expect(m.found.has(`${n.from} -> ${n.to}`), `${n.from} -> ${n.to}: ${n.why}`).toBe(false);
  });

  test('every expected edge has its evidence line', () => {
    for (const x of e.edges) {
      expect(x.evidence.length).toBeGreaterThan(0);
      for (const ev of x.evidence) {
        const [, path, line, text] = /^(.+?):(\d+): (.*)$/.exec(ev)!;
        const base = file.startsWith('retail-store-include') && !path!.startsWith('dist') ? 'head/src/' : file.startsWith('bank-of-anthos') ? 'kubernetes-manifests/' : '';
        const rows = readFileSync(`${REAL}/${e.project}/${base}${path}`, 'utf8').split('\n');
        expect(rows[Number(line) - 1]!.trim()).toBe(text);
      }
    }
  });
});
