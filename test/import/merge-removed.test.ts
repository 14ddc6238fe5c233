/** Issue 18 item 7: what a person deleted stays deleted on the next --merge; input matching is cwd-free. */
import { diagnosticsOf } from '../../src/model/diagnostic.js';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { runImport } from '../../src/import/index.js';
import { sameFile } from '../../src/import/merge.js';

const COMPOSE = relative(process.cwd(), fileURLToPath(new URL('./fixtures/compose-env/docker-compose.yml', import.meta.url)));
const input = [{ format: 'compose' as const, path: COMPOSE }];
type Doc = { services: Record<string, { role?: string; dependsOn?: { on: string }[] }>; 'x-removed'?: string[]; 'x-imported'?: string[] };

/** The first import, then a person deletes an edge, a guessed role and a whole service (with the edge to it). */
function handEdited(): string {
  const first = runImport(input).value!.text;
  const cut = first
    .replace(/ {6}# guessed: env SEARCH_URL[^\n]*\n {6}- on: search\n[^\n]*\n[^\n]*\n/, '')
    .replace(/(  db:\n) {4}role: datastore\n/, '$1')
    .replace(/ {6}# guessed: env OTEL_EXPORTER[^\n]*\n {6}- on: traces\n[^\n]*\n[^\n]*\n/, '')
    .replace(/ {2}traces:\n[^\n]*\n[^\n]*\n/, '');
  expect(cut).not.toBe(first);
  return cut;
}

describe('--merge after hand deletions', () => {
  const base = handEdited();
  const once = runImport(input, { merge: { file: 'g.yaml', text: base } });
  const doc = parse(once.value!.text) as Doc;

  test('deleted edge, guessed field and service are not added again, and are listed in x-removed', () => {
    expect(diagnosticsOf(once).filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.services.web!.dependsOn!.map((d) => d.on)).not.toContain('search');
    expect(doc.services.db!.role).toBeUndefined();
    expect(doc.services.traces).toBeUndefined();
    expect(doc['x-removed']).toEqual(['api -> traces', 'db.role', 'traces', 'web -> search']);
    expect(doc['x-imported']).not.toContain('web -> search');
    const messages = diagnosticsOf(once).map((d) => d.message);
    expect(messages).toContainEqual('edge web → search was deleted by hand since the last import; not added again (listed in x-removed)');
    expect(messages).toContainEqual('db: role was deleted by hand since the last import; not added again (listed in x-removed)');
    expect(messages).toContainEqual('service traces was deleted by hand since the last import; not added again (listed in x-removed)');
  });

  test('a second merge keeps them deleted, quietly', () => {
    const twice = runImport(input, { merge: { file: 'g.yaml', text: once.value!.text } });
    expect(twice.value?.text).toBe(once.value?.text);
    expect(diagnosticsOf(twice).map((d) => d.message).join('\n')).not.toMatch(/deleted by hand/);
  });

  test('deleting a line of x-removed lets the import bring it back', () => {
    const back = runImport(input, { merge: { file: 'g.yaml', text: once.value!.text.replace('  - web -> search\n', '') } });
    const d = parse(back.value!.text) as Doc;
    expect(d.services.web!.dependsOn!.map((e) => e.on)).toContain('search');
    expect(d['x-removed']).toEqual(['api -> traces', 'db.role', 'traces']);
  });
});

describe('"no longer seen" does not depend on the working directory', () => {
  test('an x-source written from one directory matches the same file named from another', () => {
    const abs = resolve(COMPOSE);
    expect(sameFile(COMPOSE, [abs])).toBe(true);
    expect(sameFile(`..${sep}..${sep}${COMPOSE}`, [abs])).toBe(true); // recorded from two levels down
    expect(sameFile('other/docker-compose.yml', [abs])).toBe(false);
  });

  test('an imported edge the import no longer sees is listed, with the inputs given by absolute path', () => {
    const first = runImport(input).value!.text;
    const stale = first.replace('  search:\n', `  search:\n    dependsOn:\n      - on: cache\n        type: hard\n        x-source: ${COMPOSE}:99\n`);
    const r = runImport([{ format: 'compose', path: resolve(COMPOSE) }], { merge: { file: 'g.yaml', text: stale } });
    expect(diagnosticsOf(r).map((d) => d.message)).toContainEqual('edge search → cache is no longer seen by the import; kept (delete it if it is gone)');
  });
});
