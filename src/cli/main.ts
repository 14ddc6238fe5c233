#!/usr/bin/env node
/** The `faultline` binary. Anything that escapes `main` is a bug, so it keeps its stack. */
import { main, processIo } from './run.js';

// `faultline replay … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2), processIo()).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`faultline: internal error (a bug, please report it):\n${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
