/** The bundled AWS us-east-1 7 Dec 2021 graph: replayed from its mechanism, and its four action items. */
import { describe, expect, test } from 'vitest';
import { fidelity, fidelityFails, replay, stateAt, whatIfs } from '../../src/engine/index.js';
import { loadFile } from '../../src/model/load.js';
import { patchModel } from '../../src/model/check.js';
import type { Model } from '../../src/model/types.js';

const { value: model } = loadFile('graphs/aws-us-east-1-2021.yaml');
const min = (hhmm: string) => { const [h, m] = hhmm.split(':').map(Number); return (h! - 7) * 60 + m! - 30; };

describe('AWS us-east-1, 7 Dec 2021', () => {
  const run = replay(model!);
  const fid = fidelity(run);

  test('--check passes: at least 7 of 10 observations are predictions within 15 min, in order', () => {
    expect(fid.total).toBe(10);
    expect(fid.matched).toBeGreaterThanOrEqual(7);
    expect(fid.maxErrorMinutes).toBeLessThanOrEqual(15);
    expect(fid.orderAgrees).toBe(true);
    expect(fidelityFails(fid)).toEqual([]);
  });

  test('which assumed numbers each prediction rests on is computed: the four fitted ones where the graph says', () => {
    const rests = (service: string, state = 'ok') => fid.observations.find((o) => o.service === service && (o.milestone || o.state === state))!.restsOn ?? [];
    // F1: DNS back 88 min after detection rests on that delay alone.
    expect(rests('internal-dns')).toEqual(['events[1].delay']);
    // The first status post rests on no assumed number (Faultline's detection and posting defaults).
    expect(rests('(first status post)')).toEqual([]);
    // F2, F3 (capacity delay and pace) under the network's recovery; F4 (latch lag) under STS's too.
    for (const f of ['events[3].delay', 'events[3].scale.over']) expect(rests('network-devices', 'degraded')).toContain(f);
    expect(rests('sts')).toContain('sts.dependsOn[network-devices].latch.lagPerMinute');
    expect(rests('network-devices', 'degraded')).not.toContain('sts.dependsOn[network-devices].latch.lagPerMinute');
    // Inputs rest on nothing.
    expect(fid.observations.filter((o) => o.input).every((o) => o.restsOn === undefined)).toBe(true);
  });

  test('the retries sustain the congestion after the trigger is disabled (metastable)', () => {
    const disabled = run.eventTimes![2]!;
    expect(disabled).toBe(min('09:28'));
    expect(stateAt(run, 'network-devices', disabled + 60).state).toBe('down');
    const after = run.loads!['network-devices']!.find((x) => x.atMin === disabled)!;
    expect(after.retries).toBeGreaterThan(0);
    expect(after.load).toBeGreaterThan(after.capacity);
  });

  test('blind monitoring: detected 30 min after the surge; first status post on the degraded dashboard 30 min later', () => {
    expect(run.detectedAt).toBe(min('08:00'));
    expect(run.communicatedAt).toBe(min('08:30'));
  });

  const w = whatIfs(model!);
  const by = (id: string) => w.outcomes.find((o) => o.id === id)!;

  test('fixed back-off: the outage ends soon after the trigger stops', () => {
    const r = replay(loadPatched('fixed-backoff'));
    expect(stateAt(r, 'network-devices', min('09:28')).state).toBe('ok');
    expect(by('fixed-backoff').serviceMinutesLost).toBeLessThan(w.baseline.serviceMinutesLost / 3);
  });

  test('traffic prioritisation for DNS and monitoring: earlier detection and fix', () => {
    expect(by('prioritise-dns-monitoring').detectedAt!).toBeLessThan(w.baseline.detectedAt!);
    expect(by('prioritise-dns-monitoring').allOkMin!).toBeLessThan(w.baseline.allOkMin!);
  });

  test('multi-region status page: earlier communication', () => {
    expect(by('multi-region-status-page').communicatedAt!).toBeLessThan(w.baseline.communicatedAt!);
  });

  test('disabling the trigger prevents the outage', () => {
    expect(by('disable-trigger').prevented).toBe(true);
  });
});

function loadPatched(id: string): Model {
  const wi = model!.scenarios[0]!.whatIfs.find((x) => x.id === id)!;
  return patchModel(model!, wi.patch, wi.loc).value!;
}
