/** `replay --fail`: the implicit scenario, its replay, and its fidelity (not applicable). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { adhocScenario, fidelity, replay, toReplayJson, withScenario } from '../../src/engine/index.js';
import { loadFile } from '../../src/model/load.js';

const kinesis = loadFile('graphs/aws-kinesis-2020.yaml').value!;
const cli = (...args: string[]) => spawnSync('node', ['dist/cli/main.js', 'replay', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('adhocScenario', () => {
  test('one fail at 00:00 by default; --for adds the recover; no observations, no what-ifs', () => {
    const r = adhocScenario(kinesis, ['dynamodb'], '2h');
    expect(r.error).toBeUndefined();
    expect(r.scenario!.events.map((e) => [e.atMin, e.action.kind, 'service' in e.action ? e.action.service : ''])).toEqual([
      [0, 'fail', 'dynamodb'], [120, 'recover', 'dynamodb'],
    ]);
    expect(r.scenario!.observed).toEqual([]);
    expect(r.scenario!.whatIfs).toEqual([]);
    expect(r.scenario!.title).toBe('dynamodb fails at 00:00, for 2h');
  });

  test('several fails at their own times, in time order', () => {
    const r = adhocScenario(kinesis, ['cognito@+1h', 'kinesis-frontend@00:30']);
    expect(r.scenario!.events.map((e) => e.atMin)).toEqual([30, 60]);
    expect(r.scenario!.title).toBe('cognito fails at 01:00, kinesis-frontend fails at 00:30, for good');
  });

  test('unknown services get "did you mean"; bad times and durations are errors', () => {
    expect(adhocScenario(kinesis, ['dynamodbb']).error).toBe('--fail: no service "dynamodbb" in this graph (did you mean "dynamodb"?)');
    expect(adhocScenario(kinesis, ['dynamodb@noon']).error).toMatch(/malformed time "noon"/);
    expect(adhocScenario(kinesis, ['dynamodb'], 'forever').error).toMatch(/--for: malformed duration "forever"/);
  });

  test('a fleet fails whole and what depends on it follows; the buffered edge fills after its delay', () => {
    const run = replay(withScenario(kinesis, adhocScenario(kinesis, ['kinesis-frontend'], '3h').scenario!));
    const first = (id: string) => run.timeline.find((t) => t.service === id)!;
    expect(first('kinesis-frontend')).toMatchObject({ atMin: 0, state: 'down' });
    expect(first('cloudwatch')).toMatchObject({ atMin: 0, state: 'down' });
    expect(first('cognito').state).toBe('down');
    expect(first('cognito').atMin).toBeGreaterThan(0); // behind a buffer
    expect(run.final['kinesis-frontend']).toBe('ok');
  });

  test('fidelity is not applicable: JSON null, text says so, --check refuses', () => {
    const run = replay(withScenario(kinesis, adhocScenario(kinesis, ['dynamodb']).scenario!));
    expect(toReplayJson(run, fidelity(run)).fidelity).toBeNull();
    const text = cli('graphs/aws-kinesis-2020.yaml', '--fail', 'dynamodb', '--for', '2h');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Fidelity: not applicable (the scenario has no observed timeline)');
    expect(text.stdout).not.toMatch(/0 predictions|order agrees/);
    const check = cli('graphs/aws-kinesis-2020.yaml', '--fail', 'dynamodb', '--check');
    expect(check.status).toBe(2);
    expect(check.stderr).toMatch(/no observed timeline, so there is nothing to check/);
  });

  test('--fail cannot be mixed with --scenario or what-ifs; --for needs --fail', () => {
    expect(cli('graphs/aws-kinesis-2020.yaml', '--fail', 'dynamodb', '--what-ifs').stderr).toMatch(/cannot be combined with --what-ifs/);
    expect(cli('graphs/aws-kinesis-2020.yaml', '--for', '2h').stderr).toMatch(/--for needs --fail/);
  });
});

test('a report of a scenario with no observed timeline says fidelity is not applicable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-noobs-'));
  writeFileSync(join(dir, 'g.yaml'), 'faultline: 1\nname: g\nservices:\n  a: { dependsOn: [b] }\n  b: {}\nscenarios:\n  s:\n    start: 2026-01-01T00:00:00Z\n    events: [{ at: "00:10", fail: { service: b } }]\n');
  const r = spawnSync('node', ['dist/cli/main.js', 'report', join(dir, 'g.yaml'), '--format', 'md,json', '--out', dir], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(readFileSync(join(dir, 'g.md'), 'utf8')).toContain('- **Fidelity**: not applicable (the scenario has no observed timeline)');
  expect((JSON.parse(readFileSync(join(dir, 'g.json'), 'utf8')) as { fidelity: unknown }).fidelity).toBeNull();
  rmSync(dir, { recursive: true, force: true });
});
