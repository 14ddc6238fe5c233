/** One `validate` run shows every problem: duplicate keys, shape, references, times, event order and patches together. */
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { loadText } from '../../src/model/load.js';

const SIX = `faultline: 1
name: six
services:
  web:
    tier: 7
    dependsOn: [api, { on: dbb }]
  api:
    dependsOn: [db]
    recoversAfter: soon
  db: { role: datastore }
  api: { tier: 1 }
scenarios:
  s:
    start: 2026-01-10T09:00:00Z
    events:
      - { at: "09:30", fail: { service: api } }
      - { at: "09:10", fail: { service: nosuch } }
      - { at: "09:40", explode: { service: db } }
      - { at: "09:50", recover: { service: dbx } }
    whatIfs:
      w:
        patch: { services: { web: { dependsOn: [apii] } } }
`;

const lines = (text: string) => (loadText(text, 'g.yaml').errors ?? []).map(formatDiagnostic);

describe('every stage in one run', () => {
  test('six kinds of mistakes in one file: all reported, each at its own line', () => {
    const r = loadText(SIX, 'g.yaml');
    expect(r.value).toBeUndefined();
    expect(r.errors!.map((e) => [e.line, e.message.replace(/ \(.*$/, '')])).toEqual([
      [5, '"tier" must be <= 3, not 7'],
      [6, 'dependency "dbb" is not a service of this graph'],
      [9, 'malformed duration "soon" in "recoversAfter"'],
      [11, 'duplicate key "api"'],
      [17, 'event at "09:10" is earlier than the event before it'],
      [17, 'failed service "nosuch" is not a service of this graph'],
      [18, 'entry 3 of "events" needs one of "scale", "fail", "recover", "restart", "patch", "corrupt", "stop", "milestone"'],
      [18, 'unknown key "explode"'],
      // the event after the removed one keeps its own line (indexes are mapped back)
      [19, 'recovered service "dbx" is not a service of this graph'],
      [22, 'after this patch: dependency "apii" is not a service of this graph'],
    ]);
  });

  test('a service whose shape is wrong keeps its id: references to it are not reported as unknown', () => {
    const text = 'faultline: 1\nname: x\nservices:\n  a: { dependsOn: [b] }\n  b: { tier: high }\n';
    expect(lines(text)).toEqual(['g.yaml:5:14: error: "tier" must be a whole number, not the string "high"']);
  });

  test('a patch problem that is only the graph\'s own error again is not repeated', () => {
    const text = 'faultline: 1\nname: x\nservices:\n  a: { dependsOn: [zz] }\nscenarios:\n  s:\n    start: 2026-01-01T00:00:00Z\n    whatIfs:\n      w: { patch: { services: { a: { tier: 1 } } } }\n';
    expect(lines(text)).toEqual(['g.yaml:4:20: error: dependency "zz" is not a service of this graph (did you mean "a"?)']);
  });
});

describe('tabs', () => {
  test('a tab in the indentation is one error with a hint, not a cascade', () => {
    const r = loadText('faultline: 1\nname: x\nservices:\n  a:\n\ttier: 1\n    dependsOn: [b]\n  b: {}\n', 'g.yaml');
    expect(r.errors).toEqual([expect.objectContaining({ line: 5, column: 1, message: 'a tab in the indentation', hint: 'YAML indents with spaces only; replace the tab with spaces' })]);
  });

  test('one error per line that has a tab', () => {
    expect(loadText('faultline: 1\nname: x\nservices:\n  a:\n\ttier: 1\n\trole: service\n', 'g.yaml').errors!.map((e) => e.line)).toEqual([5, 6]);
  });
});
