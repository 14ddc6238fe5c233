import { describe, expect, test } from 'vitest';
import { readJaeger } from '../../src/import/jaeger.js';
import { combine } from '../../src/import/combine.js';

const flat = (text: string) => {
  const reading = readJaeger([{ file: 'deps.json', text }]);
  const g = combine([reading]);
  return {
    edges: g.edges.map((e) => `${e.from} -> ${e.targets.join('|')} x${e.calls ?? '?'}`),
    messages: [...reading.diagnostics, ...g.diagnostics].map((d) => `${d.line}: ${d.message}`),
    names: g.services.map((s) => `${s.id}${s.x['x-name'] ? `=${String(s.x['x-name'])}` : ''}`),
  };
};

describe('jaeger', () => {
  test('the { data: [...] } envelope with string callCounts; a self-loop is warned and dropped', () => {
    const r = flat(`{ "data": [
      { "parent": "frontend", "child": "cart", "callCount": "12" },
      { "parent": "cart", "child": "cart", "callCount": 3 },
      { "parent": "frontend", "child": "cart", "callCount": "30" },
      { "parent": "frontend", "child": "ads", "callCount": "many" }
    ] }`);
    expect(r.edges).toEqual(['frontend -> ads x?', 'frontend -> cart x42']);
    expect(r.messages).toContainEqual('3: self-loop: cart calls itself (jaeger link); dropped, a service cannot depend on itself');
    expect(r.messages).toContainEqual('5: callCount "many" is not a count; ignored');
    expect(r.messages).toContainEqual(expect.stringMatching(/^4: duplicate: jaeger link states frontend → cart again \(first at line 2\)/));
  });

  test('the bare array, and NDJSON lines', () => {
    expect(flat('[{"parent":"a","child":"b","callCount":1}]').edges).toEqual(['a -> b x1']);
    const nd = flat('{"parent":"a","child":"b","callCount":"2"}\n{"parent":"b","child":"c","callCount":5}\n');
    expect(nd.edges).toEqual(['a -> b x2', 'b -> c x5']);
  });

  test('a file with no links is a warning; broken JSON is a located error', () => {
    expect(flat('{"data": []}').messages).toEqual(['1: no Jaeger dependency links ({ parent, child }) found in this file']);
    const bad = readJaeger([{ file: 'x.json', text: '{\n  "data": [ { "parent": "a", \n' }]);
    expect(bad.diagnostics[0]).toMatchObject({ file: 'x.json', severity: 'error' });
  });
});
