/**
 * The blast pass on two cores: a helper thread (`blast-worker.ts`) claims batches from the same
 * shared counter as the calling thread, and hands its sums back when no batch is left. The call
 * stays synchronous — the caller blocks on a shared flag and reads the reply with
 * `receiveMessageOnPort` — so `audit()` keeps its signature. Batches are independent and the
 * merge only adds, so the output does not depend on which thread ran which batch.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { CONTROL_SIZE, ENTERED, FINISHED, SERVICES_DONE, type BlastJob, type TallyPart } from './blast-job.js';

/**
 * A helper that finishes no batch for this long has died (a worker can be ended alone, e.g. out of
 * memory, and a dead worker never raises FINISHED): fail with a message instead of waiting forever.
 * One batch takes well under a second at 100k services.
 */
const STALLED_MS = 120_000;

export interface Helper {
  readonly control: Int32Array;
  /** Batches the helper ran (known after finish). */
  batches: number;
  post(job: BlastJob): void;
  /** Blocks until the helper's batches are done; its sums, or undefined if it ran none. */
  finish(): TallyPart | undefined;
}

/**
 * The worker's compiled file, next to this one. Run from the TypeScript sources (the test runner)
 * there is none — node cannot load a .ts worker without a loader — so the pass takes one thread;
 * tests exercise the helper through the built CLI (test/analysis/blast-threads.test.ts).
 */
function newWorker(workerData: unknown, transferList: MessagePort[]): Worker | undefined {
  if (import.meta.url.endsWith('.ts')) return undefined;
  return new Worker(new URL('./blast-worker.js', import.meta.url), { workerData, transferList });
}

/** `wait`: block until the helper has entered (tests: so that it surely runs batches). */
export function startHelper(wait = false): Helper | undefined {
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SIZE));
  const { port1, port2 } = new MessageChannel();
  const worker = newWorker({ control, port: port2 }, [port2]);
  if (!worker) { port1.close(); return undefined; }
  return {
    control,
    batches: 0,
    post(job) {
      port1.postMessage(job);
      if (wait) Atomics.wait(control, ENTERED, 0);
    },
    finish() {
      // Every batch is claimed by now: a helper that has not entered will find none.
      if (Atomics.load(control, ENTERED) === 0) { void worker.terminate(); port1.close(); return undefined; }
      waitFinished(control);
      const reply = receiveMessageOnPort(port1)?.message as { part?: TallyPart; batches?: number; error?: string } | undefined;
      port1.close();
      worker.unref();
      if (!reply?.part) throw new Error(`blast helper thread failed: ${reply?.error ?? 'no reply'}`);
      this.batches = reply.batches ?? 0;
      return reply.part;
    },
  };
}

/** Blocks until the helper raises FINISHED; throws when no batch has finished for STALLED_MS. */
export function waitFinished(control: Int32Array, stalledMs = STALLED_MS): void {
  let seen = Atomics.load(control, SERVICES_DONE);
  let since = Date.now();
  while (Atomics.wait(control, FINISHED, 0, 1000) === 'timed-out') {
    const done = Atomics.load(control, SERVICES_DONE);
    if (done !== seen) { seen = done; since = Date.now(); continue; }
    if (Date.now() - since > stalledMs) {
      throw new Error(`the blast-radius helper thread stopped (no batch finished in ${stalledMs / 1000} s); run again with FAULTLINE_THREADS=1`);
    }
  }
}
