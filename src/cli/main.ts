#!/usr/bin/env node
/** The `faultline` binary. Anything that escapes `main` is a bug, so it keeps its stack. */
import { spawn } from 'node:child_process';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { HEAP_RAISED, raisedHeapMb } from './heap.js';
import { graphBytes } from './inputs.js';
import { main, processIo } from './run.js';

const argv = process.argv.slice(2);
const heapMb = raisedHeapMb({ argv, env: process.env, heapLimit: getHeapStatistics().heap_size_limit, totalMemory: totalmem(), sizeOf: graphBytes });

if (heapMb !== undefined) runAgain(heapMb);
else {
  // `faultline replay … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  main(argv, processIo()).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      process.stderr.write(`faultline: internal error (a bug, please report it):\n${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 70;
    },
  );
}

/** The same command in a process with a bigger heap; its exit is ours, and so are our signals. */
function runAgain(mb: number): void {
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${mb}`, process.argv[1]!, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, [HEAP_RAISED]: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    else process.exitCode = code ?? 70;
  });
}
