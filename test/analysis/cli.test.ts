import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

const KINESIS = 'graphs/aws-kinesis-2020.yaml';
const run = (...args: string[]) => {
  const r = spawnSync('node', ['dist/cli/main.js', 'audit', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** The official SARIF 2.1.0 schema (rtm.5, draft-04) as shipped by @microsoft/jest-sarif, checked with its ajv 6. */
function sarifValidator(): (doc: unknown) => string[] {
  const require = createRequire(import.meta.url);
  const base = require.resolve('@microsoft/jest-sarif/package.json').replace(/package\.json$/, '');
  const Ajv = require(join(base, 'node_modules/ajv')) as new (o: object) => {
    addMetaSchema(s: object): void; compile(s: object): ((d: unknown) => boolean) & { errors?: { dataPath: string; message: string }[] };
  };
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  ajv.addMetaSchema(require(join(base, 'node_modules/ajv/lib/refs/json-schema-draft-04.json')) as object);
  const validate = ajv.compile(require(join(base, 'lib/schemas/sarif-2.1.0-rtm.5.json')) as object);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`));
}

describe('faultline audit (spawned)', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'faultline-audit-')); });

  test('the Kinesis graph exits 1 with its findings on their YAML lines, then the tables', () => {
    const r = run(KINESIS);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^graphs\/aws-kinesis-2020\.yaml:\d+:\d+: error\[tooling-cycle\]: status-page tool "shd-posting-tool" .*shd-posting-tool → cognito → kinesis-frontend — /m);
    expect(r.out).toMatch(/error\[scale-crosses-limit\]/);
    expect(r.out).toMatch(/warn\[restart-time\]/);
    expect(r.out).toMatch(/Blast radius of .* \(top 14 of 14 services\)/);
    expect(r.out).toMatch(/Fleet headroom/);
    expect(r.out).not.toMatch(/\u001b\[/);
  });

  test('json has the §6 shape', () => {
    const r = run(KINESIS, '--format', 'json');
    const doc = JSON.parse(r.out) as { findings: Record<string, unknown>[]; blastRadius: Record<string, unknown>[] };
    expect(Object.keys(doc.findings[0]!)).toEqual(expect.arrayContaining(['rule', 'severity', 'message', 'services', 'path', 'location']));
    expect(doc.blastRadius).toHaveLength(14);
    expect(doc.blastRadius.every((b) => Array.isArray(b.down) && Array.isArray(b.degraded) && typeof b.score === 'number')).toBe(true);
  });

  test('sarif validates against the SARIF 2.1.0 schema and sits on the YAML lines', () => {
    const r = run(KINESIS, '--format', 'sarif');
    const doc = JSON.parse(r.out) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[]; partialFingerprints: object }[] }[] };
    expect(sarifValidator()(doc)).toEqual([]);
    const json = JSON.parse(run(KINESIS, '--format', 'json').out) as { findings: { location: { line: number } }[] };
    expect(doc.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.region.startLine)).toEqual(json.findings.map((f) => f.location.line));
    expect(doc.runs[0]!.results.every((x) => Object.keys(x.partialFingerprints).length === 1)).toBe(true);
    // The validator itself can fail.
    expect(sarifValidator()({ version: '2.1.0', runs: [{ results: [] }] }).length).toBeGreaterThan(0);
  });

  test('baseline: written, then only new findings fail', () => {
    const baseline = join(dir, 'baseline.json');
    const w = run(KINESIS, '--write-baseline', baseline);
    expect(w.code).toBe(0);
    expect(JSON.parse(readFileSync(baseline, 'utf8')).findings.length).toBeGreaterThan(5);
    const r = run(KINESIS, '--baseline', baseline);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/0 error\(s\), 0 warning\(s\), 0 info \(\d+ known in the baseline\)/);
  });

  test('rules file turns rules off; a bad one is a located error, exit 2', () => {
    const rules = join(dir, 'rules.yaml');
    writeFileSync(rules, 'faultline-rules: 1\nrules:\n  tooling-cycle: warn\n  scale-crosses-limit: info\n');
    expect(run(KINESIS, '--rules', rules).code).toBe(0);
    writeFileSync(rules, 'faultline-rules: 1\nrules:\n  tooling-cycles: off\n');
    const bad = run(KINESIS, '--rules', rules);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(`${rules}:3:3: error: unknown rule "tooling-cycles" (did you mean "tooling-cycle"?)\n`);
  });

  test('several files: each audited, exit the worst; bad input is exit 2 without a stack', () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'faultline: 1\nname: x\nservices:\n  a: { dependsOn: [nope] }\n');
    const r = run(KINESIS, broken);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken\.yaml:4:\d+: error: /);
    expect(r.err).not.toMatch(/at .*\.js/);
    expect(r.out).toMatch(/tooling-cycle/);
    expect(run('--format', 'xml', KINESIS).code).toBe(2);
    expect(run().code).toBe(2);
  });
});
