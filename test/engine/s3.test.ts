/** The second incident: the S3 2008 gossip outage must come out of its mechanism, within 15 minutes. */
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { explain, fidelity, fidelityFails, replay, whatIfs } from '../../src/engine/index.js';
import { loadFile } from '../../src/model/load.js';
import { patchModel } from '../../src/model/check.js';
import { formatClock } from '../../src/model/time.js';
import type { JsonValue, Model } from '../../src/model/types.js';

const FILE = 'graphs/aws-s3-2008.yaml';
const model = loadFile(FILE).value!;
const patched = (patch: JsonValue): Model => {
  const r = patchModel(model, patch, model.scenarios[0]!.loc);
  if (!r.value) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
};
const first = (m: Model, service: string, state: string, after = 0) =>
  replay(m).timeline.find((t) => t.service === service && t.state === state && t.from !== t.state && t.atMin > after);

describe('S3 2008 replay', () => {
  const run = replay(model);
  const clock = (min: number) => formatClock(Math.round(min), run.scenario.start);

  test('fidelity: every prediction within 15 minutes, in order, nothing unmatched', () => {
    const f = fidelity(run);
    expect(fidelityFails(f)).toEqual([]);
    expect(f.total).toBe(9);
    // The onset degradation rests on the corrupt event at its own instant: an input, not a prediction.
    expect(f.inputs).toBe(2);
    expect(f.matched).toBe(7);
    expect(f.maxErrorMinutes).toBeLessThanOrEqual(15);
  });

  test('the outage comes from the spread through the mesh, with the numbers', () => {
    const down = first(model, 's3-gossip', 'down')!;
    expect(clock(down.atMin)).toBe('08:50');
    expect(down.cause).toMatchObject({ kind: 'spread' });
    expect(down.cause.text).toContain('to 1,321 of 2,640 nodes');
    const chain = explain(run, 's3-customers-eu', 30 /* 09:00 */).map((t) => `${t.service} ${t.state} ${t.cause.kind}`);
    expect(chain).toEqual(['s3-customers-eu down edge', 's3-requests-eu down edge', 's3-gossip down spread']);
  });

  test('the EU is back before the US because its fleet is smaller, not because of a time in the file', () => {
    const euOk = first(model, 's3-requests-eu', 'ok', 60)!.atMin;
    const usOk = first(model, 's3-requests-us', 'ok', 60)!.atMin;
    expect(euOk).toBeLessThan(usOk);
    // Reactivation waits for the gossip rebuild (restart.after), which the replay puts at 14:20 ...
    const reactivated = first(model, 's3-gossip', 'ok', 60)!.atMin;
    expect(clock(reactivated)).toBe('14:20');
    // ... and then, at the same rate, time is proportional to the node count.
    expect((usOk - reactivated) / (euOk - reactivated)).toBeCloseTo((2000 - 1) / (640 - 1), 6);
    // Give the EU as many servers as the US and it comes back with it.
    const even = patched({ services: { 's3-requests-eu': { fleet: { nodes: 2000 } } } });
    expect(first(even, 's3-requests-eu', 'ok', 60)!.atMin).toBeCloseTo(usOk, 6);
  });

  test('the load reduction changes nothing: nearly every server already holds the bad state', () => {
    const events = (model.doc.scenarios as Record<string, { events: JsonValue[] }>)['gossip-corruption']!.events;
    const withoutLoadReduction = patched({ scenarios: { 'gossip-corruption': { events: events.filter((e) => !(e as { patch?: unknown }).patch) } } });
    const strip = (m: Model) => replay(m).timeline.map((t) => `${t.atMin.toFixed(6)} ${t.service} ${t.state}`);
    expect(strip(withoutLoadReduction)).toEqual(strip(model));
  });

  test('what-ifs: checksums prevent the outage; a faster restore and gossip-rate alarms shorten it', () => {
    const w = whatIfs(model);
    const by = (id: string) => w.outcomes.find((o) => o.id === id)!;
    expect(w.outcomes[0]).toMatchObject({ id: 'checksums-on-state-messages', prevented: true, serviceMinutesLost: 0, affected: [] });
    expect(by('faster-state-restore').prevented).toBe(false);
    // Faster rebuild of gossip, so an earlier reactivation, and faster reactivation.
    expect(by('faster-state-restore').allOkMin!).toBeLessThan(w.baseline.allOkMin! - 180);
    expect(by('gossip-rate-monitoring').allOkMin!).toBeLessThan(w.baseline.allOkMin!);
    expect(by('less-failure-gossip').serviceMinutesLost).toBeLessThan(w.baseline.serviceMinutesLost);
    for (const o of w.outcomes) expect(o.serviceMinutesLost).toBeLessThan(w.baseline.serviceMinutesLost);
  });

  test('with checksums the corrupt event itself is rejected: not one transition', () => {
    const sums = patched({ services: { 's3-gossip': { fleet: { mesh: { checksums: true } } } } });
    expect(replay(sums).timeline).toEqual([]);
  });
});

describe('S3 2008 on the command line (needs npm run build)', () => {
  const cli = (...args: string[]) => spawnSync('node', ['dist/cli/main.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  test('replay --check exits 0', () => {
    const r = cli('replay', FILE, '--check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[spread] bad state spread at 0.42/min');
  });

  test('explore without a terminal prints the replay summary', () => {
    const r = cli('explore', FILE);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('s3-gossip');
  });
});
