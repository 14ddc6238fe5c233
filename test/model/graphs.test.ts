/** Every bundled graph is valid; the synthetic generator produces schema-valid graphs too. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { syntheticDoc } from '../../src/bench/synthetic.js';
import { checkDocument } from '../../src/model/check.js';
import { loadFile } from '../../src/model/load.js';
import { nullLocator } from '../../src/model/locate.js';

const graphs = readdirSync('graphs').filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => `graphs/${f}`);

describe('bundled graphs', () => {
  test.each(graphs)('%s is valid', (file) => {
    const r = loadFile(file);
    expect(r.errors ?? []).toEqual([]);
    expect(r.value!.services.length).toBeGreaterThan(0);
  });

  test('the Kinesis graph keeps its facts: fleet, buffered edges, scenario with patches and what-ifs', () => {
    const m = loadFile('graphs/aws-kinesis-2020.yaml').value!;
    const fe = m.byId.get('kinesis-frontend')!;
    expect(fe.fleet!.nodes).toBe(4000);
    expect(fe.fleet!.perNode[0]).toMatchObject({ name: 'threads', limit: 32768, perPeer: 1 });
    expect(m.byId.get('lambda')!.dependsOn[0]).toMatchObject({ type: 'buffered', buffer: { fillsAfterMin: 60, whenFull: 'degraded' } });
    const s = m.scenarios[0]!;
    expect(s.events.filter((e) => e.action.kind === 'patch')).toHaveLength(2);
    expect(s.whatIfs.length).toBeGreaterThanOrEqual(5);
    expect(s.events[0]!.atMin).toBe(0);
  });

  test('the first line points editors at the schema', () => {
    for (const file of graphs.filter((f) => !f.endsWith('.json'))) {
      expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../src/model/faultline.schema.json');
    }
  });
});

describe('synthetic graphs', () => {
  test.each([100, 2000])('%i services with events pass schema and semantic checks', (n) => {
    const r = checkDocument(syntheticDoc({ services: n, events: 100 }), 's.yaml', nullLocator('s.yaml'));
    expect(r.errors ?? []).toEqual([]);
  });
});
