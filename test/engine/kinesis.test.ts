/** The founding case: the Kinesis 2020 replay must come out of the mechanism, within 15 minutes. */
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { eventTimes, explain, fidelity, fleetAt, replay, statesAt, whatIfs } from '../../src/engine/index.js';
import { loadFile } from '../../src/model/load.js';
import { formatClock } from '../../src/model/time.js';

const FILE = 'graphs/aws-kinesis-2020.yaml';
const model = loadFile(FILE).value!;
const cli = (...args: string[]) => spawnSync('node', ['dist/cli/main.js', 'replay', FILE, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('Kinesis 2020 replay', () => {
  const run = replay(model);
  const at = (service: string, state: string) => run.timeline.find((t) => t.service === service && t.state === state && t.from !== t.state);

  test('onset comes from the connect rate crossing the thread limit, with the numbers', () => {
    const onset = at('kinesis-frontend', 'down')!;
    expect(formatClock(Math.round(onset.atMin), run.scenario.start)).toBe('05:15');
    expect(onset.cause).toMatchObject({ kind: 'limit', text: 'threads 32,769 > limit 32,768 on every node (4,400 nodes, 4,399 peers)' });
  });

  test('the cause chain of Cognito at 08:00 reaches the limit crossing', () => {
    const chain = explain(run, 'cognito', 8 * 60 - 164).map((t) => `${t.service} ${t.state} ${t.cause.kind}`);
    expect(chain).toEqual(['cognito down edge', 'kinesis-frontend down limit']);
    expect(explain(run, 'cognito', 8 * 60 - 164)[0]!.cause.text).toBe('buffered edge to kinesis-frontend full after 1h46m of it down');
  });

  test('fidelity: every prediction within 15 minutes, in order, nothing unmatched; the 10:36 patch is an input', () => {
    const f = fidelity(run);
    expect(f.unmatched).toEqual([]);
    expect(f.orderAgrees).toBe(true);
    expect(f.maxErrorMinutes).toBeLessThanOrEqual(15);
    expect(f.inputs).toBe(1);
    expect(f.observations.find((o) => o.input)).toMatchObject({ service: 'lambda', state: 'ok' });
    expect(f.matched).toBe(14);
  });

  test('Cognito\'s recovery reads as sentences with the simulation\'s times, chained to the front end\'s restart', () => {
    const back = run.timeline.filter((t) => t.service === 'cognito' && t.from !== t.state).slice(1);
    const restart = run.timeline.findIndex((t) => t.service === 'kinesis-frontend' && t.state === 'degraded');
    expect(back.map((t) => [formatClock(t.atMin, run.scenario.start), t.state, t.cause.text, t.cause.parent])).toEqual([
      ['12:22', 'degraded', 'patch at 10:15 changed its dependencies; back after recoversAfter 2h7m; still degraded: kinesis-frontend is degraded (16% capacity) at 12:05, recoversAfter 2h7m not over yet', restart],
      ['14:12', 'ok', 'kinesis-frontend is degraded (16% capacity) at 12:05; back after recoversAfter 2h7m', restart],
    ]);
  });

  test('the status-page tool goes down with Cognito', () => {
    expect(at('shd-posting-tool', 'down')?.cause.via).toBe('cognito');
  });

  test('queries: statesAt and eventTimes', () => {
    const noon = statesAt(run, 12 * 60 - 164 + 30);
    expect(noon.get('kinesis-frontend')).toBe('degraded');
    expect(noon.get('cloudwatch')).toBe('down');
    expect(noon.size).toBe(model.services.length);
    // The restart is a reaction armed at 02:44: it counts when it happened, 10:07 (4h52m after 05:15).
    const times = eventTimes(run);
    expect(times.filter((x) => Number.isInteger(x))).toEqual([0, 166, 307, 415, 451, 472]);
    expect(times.find((x) => !Number.isInteger(x))).toBeCloseTo(run.timeline.find((t) => t.service === 'kinesis-frontend' && t.state === 'down')!.atMin + 292, 6);
  });

  test('fleetAt: the front end\'s size and connected peers between instants, read on at the connect rate', () => {
    expect(fleetAt(run, 'kinesis-frontend', 0)).toEqual({ nodes: 4000, peers: 3999 });
    expect(fleetAt(run, 'kinesis-frontend', 30)).toEqual({ nodes: 4190.476190476191, peers: 4078 }); // 3,999 + ⌊2.65 × 30⌋
    expect(fleetAt(run, 'kinesis-frontend', 120)).toEqual({ nodes: 4400, peers: 4317 });
    expect(fleetAt(run, 'kinesis-frontend', 200)).toEqual({ nodes: 4000, peers: 3999 }); // the 05:30 removal
    expect(fleetAt(run, 'cognito', 100)).toBeUndefined();
  });
});

describe('Kinesis 2020 what-ifs', () => {
  const { baseline, outcomes } = whatIfs(model);
  const get = (id: string) => outcomes.find((o) => o.id === id)!;

  test('raising the limit, cellularizing and larger servers prevent the outage and rank first', () => {
    for (const id of ['raise-thread-limit', 'cellularize-frontend', 'larger-servers']) {
      expect(get(id)).toMatchObject({ prevented: true, affected: [], serviceMinutesLost: 0 });
    }
    expect(outcomes.slice(0, 3).map((o) => o.id).sort()).toEqual(['cellularize-frontend', 'larger-servers', 'raise-thread-limit']);
    expect(baseline.prevented).toBe(false);
  });

  test('the status-page tool without Cognito keeps the tooling usable', () => {
    expect(baseline.toolingUsable).toBe(false);
    expect(get('status-page-without-cognito').toolingUsable).toBe(true);
  });

  test('a three times faster cold start shortens the restart phase about three times', () => {
    const restartAt = 10 * 60 + 7 - (2 * 60 + 44);
    const faster = get('faster-cold-start');
    const ratio = (baseline.allOkMin! - restartAt) / (faster.allOkMin! - restartAt);
    expect(ratio).toBeGreaterThan(2.7);
    expect(ratio).toBeLessThan(3.3);
    expect(faster.serviceMinutesLost).toBeLessThan(baseline.serviceMinutesLost);
  });

  test('a separate front-end fleet keeps CloudWatch ok', () => {
    expect(get('separate-cloudwatch-frontend').affected).not.toContain('cloudwatch');
    expect(baseline.affected).toContain('cloudwatch');
  });

  test('ranks are 1…n in order', () => {
    expect(outcomes.map((o) => o.rank)).toEqual(outcomes.map((_, i) => i + 1));
  });
});

describe('faultline replay (spawned)', () => {
  test('--check passes and prints the timeline and the fidelity table', () => {
    const r = cli('--check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('05:15     ✖ down     kinesis-frontend  [limit] threads 32,769 > limit 32,768');
    expect(r.stdout).toContain('Fidelity vs observed: 14 predictions, 1 input');
    expect(r.stdout).toContain('--check passed');
  });

  test('--check fails with exit 1 under a tolerance nothing meets', () => {
    const r = cli('--check', '--tolerance', '1');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('min off (tolerance 1)');
  });

  test('--format json has the contract shape', () => {
    const doc = JSON.parse(cli('--format', 'json', '--what-if', 'raise-thread-limit').stdout) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 7)).toEqual(['graph', 'scenario', 'start', 'timeline', 'final', 'fidelity', 'whatIfs']);
    expect(doc.start).toBe('2020-11-25T02:44:00-08:00');
    const first = (doc.timeline as Record<string, unknown>[])[0]!;
    expect(first).toMatchObject({ at: '2020-11-25T05:14:57-08:00', service: 'kinesis-frontend', state: 'down', cause: { kind: 'limit' } });
    expect(doc.whatIfs).toEqual([expect.objectContaining({ id: 'raise-thread-limit', prevented: true, allOkAt: '2020-11-25T02:44:00-08:00', serviceMinutesLost: 0 })]);
    expect(Object.keys(doc.fidelity as object).slice(0, 7)).toEqual(['matched', 'total', 'inputs', 'maxErrorMinutes', 'meanErrorMinutes', 'orderAgrees', 'unmatched']);
  });

  test('--at prints states with cause chains; bad input exits 2 without a stack', () => {
    expect(cli('--at', '08:00').stdout).toMatch(/✖ down +cognito +cognito down 07:01 .*\n +← kinesis-frontend down 05:15 \(threads/);
    const bad = cli('--scenario', 'nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/aws-kinesis-2020\.yaml:\d+:\d+: error: unknown scenario "nope"/);
    expect(bad.stderr).not.toContain('    at ');
    expect(cli('--at', '25:99').status).toBe(2);
    expect(cli('--what-if', 'nope').status).toBe(2);
  });

  test('same input, same bytes', () => {
    expect(cli('--format', 'json', '--what-ifs').stdout).toBe(cli('--format', 'json', '--what-ifs').stdout);
  });
});
