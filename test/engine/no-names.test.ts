/**
 * Faultline is judged on graphs it has not seen: no service, scenario or what-if id of a bundled graph
 * may appear in src/ (help examples included).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadFile } from '../../src/model/load.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) && !name.includes('.generated.') ? [path] : [];
  });
}

test('no service, scenario or what-if id of any graphs/*.yaml appears in src/', () => {
  const models = readdirSync('graphs').filter((f) => f.endsWith('.yaml')).flatMap((f) => loadFile(join('graphs', f)).value ?? []);
  const ids = models.flatMap((m) => [
    ...m.services.map((s) => s.id),
    ...m.scenarios.flatMap((sc) => [sc.id, ...sc.whatIfs.map((w) => w.id)]),
  ]);
  expect(ids.length).toBeGreaterThan(5);
  const hits: string[] = [];
  for (const file of files('src')) {
    // Comments too: an example named after a bundled service reads as if the code knew that graph.
    const text = readFileSync(file, 'utf8').toLowerCase();
    for (const id of new Set(ids)) {
      // Whole-word match: a generic word that happens to be an id part (e.g. "frontend") is fine.
      if (new RegExp(`(?<![a-z0-9-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9-])`).test(text)) hits.push(`${file}: ${id}`);
    }
  }
  expect(hits).toEqual([]);
});
