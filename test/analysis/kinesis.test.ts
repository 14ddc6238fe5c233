import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { audit } from '../../src/analysis/index.js';
import { loadFile } from '../../src/model/load.js';

const FILE = 'graphs/aws-kinesis-2020.yaml';
const text = readFileSync(FILE, 'utf8').split('\n');
/** 1-based line of the first line matching `re` after the first line matching `after`. */
const lineOf = (re: RegExp, after?: RegExp) => {
  const start = after ? text.findIndex((l) => after.test(l)) : 0;
  return text.findIndex((l, i) => i >= start && re.test(l)) + 1;
};

describe('the Kinesis 2020 graph', () => {
  const model = loadFile(FILE).value!;
  const a = audit(model);
  const find = (rule: string, pred: (f: (typeof a.findings)[number]) => boolean = () => true) => a.findings.filter((f) => f.rule === rule && pred(f));

  test('the status-page posting tool fails through Cognito when the Kinesis front end fails', () => {
    const f = find('tooling-cycle', (x) => x.services[0] === 'shd-posting-tool' && x.services[1] === 'kinesis-frontend');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', path: ['shd-posting-tool', 'cognito', 'kinesis-frontend'] });
    expect(f[0]!.location.line).toBe(lineOf(/- on: cognito/, /^ {2}shd-posting-tool:/));
    const t = a.toolingCycles.find((x) => x.tool === 'shd-posting-tool' && x.root === 'kinesis-frontend')!;
    expect(t.bufferDelayMin).toBe(106);
    // CloudWatch monitors Kinesis through Kinesis: the plain cycle.
    expect(a.toolingCycles.find((x) => x.tool === 'cloudwatch' && x.root === 'kinesis-frontend')?.path).toEqual(['cloudwatch', 'kinesis-frontend']);
    // The backup tool has no dependencies: no finding.
    expect(a.toolingCycles.some((x) => x.tool === 'shd-backup-tool')).toBe(false);
  });

  test('thread headroom of the front end is reported, and the capacity addition crosses it', () => {
    const h = a.scaling.find((x) => x.service === 'kinesis-frontend' && x.resource === 'threads')!;
    const r = model.byId.get('kinesis-frontend')!.fleet!.perNode.find((x) => x.name === 'threads')!;
    const max = Math.floor((r.limit - r.base) / r.perPeer) + 1;
    expect(h).toMatchObject({ nodes: 4000, maxNodes: max, headroomNodes: max - 4000 });
    expect(h.crossedBy).toMatchObject({ scenario: 'thread-limit', atMin: 0, toNodes: 4400 });
    expect(find('scaling-headroom')[0]!.location.line).toBe(lineOf(/threads: \{ base/));
    const crossing = find('scale-crosses-limit');
    expect(crossing).toHaveLength(1);
    expect(crossing[0]).toMatchObject({ severity: 'error', services: ['kinesis-frontend'] });
    expect(crossing[0]!.location.line).toBe(lineOf(/- at: "02:44"/, /restart: \{ service: kinesis-frontend \}/));
  });

  test('the full front-end restart time is flagged', () => {
    const f = find('restart-time');
    expect(f.map((x) => x.services)).toEqual([['kinesis-frontend']]);
    const perHour = model.byId.get('kinesis-frontend')!.fleet!.restartPerHour!;
    expect(a.restart[0]!.fullRestartHours).toBeCloseTo(4000 / perHour, 2);
    expect(f[0]!.message).toContain(`${Math.round((400000 / perHour)) / 100} h`);
  });

  test('blast radius: the front end tops the ranking', () => {
    expect(a.blastRadius[0]!.service).toBe('kinesis-frontend');
    const fe = a.blastRadius[0]!;
    expect(fe.down).toEqual(['cloudwatch', 'cognito', 'eventbridge', 'shd-posting-tool']);
    expect(fe.degraded).toEqual(['autoscaling', 'ecs', 'eks', 'lambda']);
    // Its shard-map sources are cached (buffered → degraded after a delay): losing one hurts less.
    for (const b of a.blastRadius.slice(1)) expect(b.score).toBeLessThan(fe.score);
  });

  test('every entrypoint gets its single points of failure', () => {
    // Cognito's buffer fills only while the front end is down; its sources only degrade it (caches).
    expect(a.spof.find((s) => s.entrypoint === 'cognito')?.services).toEqual(['kinesis-frontend']);
    expect(a.spof.find((s) => s.entrypoint === 'ecs')?.services).toEqual([]);
  });

  test('output is deterministic', () => {
    expect(JSON.stringify(audit(loadFile(FILE).value!))).toBe(JSON.stringify(a));
  });
});
