/**
 * The helper thread of the blast pass (started by blast-threads.ts): receives the job, runs
 * batches from the shared counter until none is left, replies with its sums (transferred, not
 * copied) and raises the shared flag the caller waits on.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { runBatches } from './blast.js';
import { ENTERED, FINISHED, type BlastJob } from './blast-job.js';

const { control, port } = workerData as { control: Int32Array; port: MessagePort };

port.once('message', (job: BlastJob) => {
  Atomics.store(control, ENTERED, 1);
  Atomics.notify(control, ENTERED);
  try {
    const tally = runBatches(job, control);
    const part = tally.part();
    const buffers = [part.downCount, part.degradedCount, part.entrypointsHit, part.score, part.spofCount, part.heaps, ...part.toolRoots].map((a) => a.buffer as ArrayBuffer);
    port.postMessage({ part, batches: tally.batches }, buffers);
  } catch (e) {
    port.postMessage({ error: (e as Error).message });
  } finally {
    Atomics.store(control, FINISHED, 1);
    Atomics.notify(control, FINISHED);
    port.close();
  }
});
