/** Patches are checked at validation time; `needs` without a fleet is a warning, not an error. */
import { describe, expect, test } from 'vitest';
import { loadText } from '../../src/model/load.js';
import { cli, HEAD, writeGraph } from './helpers.js';

const SCEN = 'scenarios:\n  s:\n    start: 2020-01-01T00:00:00Z\n';

describe('patches at validation time', () => {
  test('patch events apply in order, each on top of the ones before', () => {
    const text = `${HEAD}  a: {}\n  b: {}\n${SCEN}    events:\n      - { at: "+1h", patch: { services: { c: { title: new } } } }\n      - { at: "+2h", patch: { services: { b: { dependsOn: [c] } } } }\n`;
    expect(loadText(text, 'p.yaml').errors ?? []).toEqual([]);
  });

  test('a patch event may not depend on a later one', () => {
    const text = `${HEAD}  a: {}\n  b: {}\n${SCEN}    events:\n      - { at: "+1h", patch: { services: { b: { dependsOn: [c] } } } }\n      - { at: "+2h", patch: { services: { c: { title: new } } } }\n`;
    const errors = loadText(text, 'p.yaml').errors;
    expect(errors!.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual(['10:60 after this patch: dependency "c" is not a service of this graph']);
  });

  test('what-ifs apply to the unpatched graph, not after the events', () => {
    const text = `${HEAD}  a: {}\n${SCEN}    events:\n      - { at: "+1h", patch: { services: { c: {} } } }\n    whatIfs:\n      w: { patch: { services: { a: { dependsOn: [c] } } } }\n`;
    expect(loadText(text, 'p.yaml').errors!.map((e) => e.message)).toEqual(['after this patch: dependency "c" is not a service of this graph']);
  });

  test('a patch that breaks the shape is reported inside the patch', () => {
    const text = `${HEAD}  a: {}\n${SCEN}    whatIfs:\n      w: { patch: { services: { a: { tier: 5 } } } }\n`;
    expect(loadText(text, 'p.yaml').errors!.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual(['9:44 after this patch: "tier" must be <= 3, not 5']);
  });
});

describe('warnings', () => {
  test('needs on an edge to a service without a fleet: a located warning, exit 0', async () => {
    const file = writeGraph('needs.yaml', `${HEAD}  db: {}\n  api:\n    dependsOn: [{ on: db, needs: 0.5 }]\n`);
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`${file}:6:27: warning: "needs" has no effect: "db" has no fleet (needs is a share of a fleet's healthy nodes; remove it or give the dependency a fleet)\n`);
    expect(r.out).toBe(`${file}: ok (2 services, 0 scenarios, 1 warning)\n`);
  });

  test('needs against a fleet is fine', () => {
    const r = loadText(`${HEAD}  db: { fleet: { nodes: 3 } }\n  api:\n    dependsOn: [{ on: db, needs: 0.5 }]\n`, 'n.yaml');
    expect(r.warnings).toEqual([]);
    expect(r.value!.byId.get('api')!.dependsOn[0]!.needs).toBe(0.5);
  });
});
