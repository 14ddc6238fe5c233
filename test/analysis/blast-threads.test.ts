/**
 * The blast pass on two threads (a helper worker, blast-threads.ts) gives the same audit, byte for
 * byte, as one thread: whichever thread ran a batch, the merge only adds. Through the built CLI:
 * the worker is compiled JavaScript (dist/), which the test runner's TypeScript sources have not.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { prng } from '../../src/bench/synthetic.js';
import { modelOf, randomDoc } from './helpers.js';
import { waitFinished } from '../../src/analysis/blast-threads.js';
import { runBatches } from '../../src/analysis/blast.js';
import { CONTROL_SIZE, FINISHED, SERVICES_DONE } from '../../src/analysis/blast-job.js';
import { dependencyOrder } from '../../src/analysis/dependency-order.js';
import { buildIndex } from '../../src/analysis/graph.js';

function auditJson(file: string, threads: string): string {
  const r = spawnSync('node', ['dist/cli/main.js', 'audit', file, '--format', 'json', '--no-rules'],
    { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, FAULTLINE_THREADS: threads } });
  expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  return r.stdout;
}

test('audit JSON with the helper thread is byte-identical to one thread (5,000 services, SPOF lists capped)', () => {
  const services = randomDoc(5_000, prng(3), 3);
  // Tools exercise the tooling roots read at the end of each batch.
  Object.assign(services.s10!, { supports: '*' });
  Object.assign(services.s20!, { supports: ['s1', 's2', 's3'] });
  const file = join(mkdtempSync(join(tmpdir(), 'faultline-threads-')), 'g.json');
  writeFileSync(file, JSON.stringify({ faultline: 1, name: 'threads', services }));
  const one = auditJson(file, '1');
  const two = auditJson(file, '2');
  expect(JSON.parse(one).blastRadius).toHaveLength(5_000);
  // The first differing line, not a diff of two 10 MB documents.
  const a = one.split('\n');
  const b = two.split('\n');
  const at = a.findIndex((line, i) => line !== b[i]);
  expect(at === -1 ? 'identical' : `line ${at + 1}: ${a[at]} ≠ ${b[at]}`).toBe('identical');
  expect(b.length).toBe(a.length);
}, 120_000);

test('a helper that stops finishing batches fails the wait with a message instead of hanging', () => {
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SIZE));
  const t0 = Date.now();
  expect(() => waitFinished(control, 1_500)).toThrow(/helper thread stopped .*FAULTLINE_THREADS=1/);
  expect(Date.now() - t0).toBeLessThan(10_000);
  Atomics.store(control, FINISHED, 1);
  expect(() => waitFinished(control, 1_500)).not.toThrow();
});

test('a thread with no progress listener (the helper) still counts its services: the progress shown and the stall check read that count', () => {
  const ix = buildIndex(modelOf(randomDoc(300, prng(5), 3)));
  const job = { g: { n: ix.n, tier: ix.tier, entry: ix.entry }, o: dependencyOrder(ix), tools: [], words: 1, spofOptions: {} };
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SIZE));
  expect(runBatches(job, control).batches).toBe(Math.ceil(ix.n / 32));
  expect(Atomics.load(control, SERVICES_DONE)).toBe(ix.n);
  // The listening thread's figure is of all services done, whichever thread ran them.
  const again = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SIZE));
  const seen: number[] = [];
  runBatches(job, again, (done, total) => seen.push(done / total));
  expect(seen.at(-1)).toBe(1);
});
