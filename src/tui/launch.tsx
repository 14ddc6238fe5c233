/**
 * Runs the full-screen UI on a terminal: alternate screen, ink, resize, and a guaranteed restore.
 * Only `cli/explore.ts` imports this (lazily), so plain runs never load ink or react.
 */
import { render } from 'ink';
import { useEffect, useState } from 'react';
import { App } from './app.js';
import { ENTER_SCREEN, LEAVE_SCREEN, type Cleanup } from './cleanup.js';
import type { ExploreData } from './data.js';

export interface Terminal {
  readonly stdout: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
  readonly stderr: NodeJS.WriteStream;
  readonly color: boolean;
}

function size(out: NodeJS.WriteStream) {
  return { width: out.columns || 80, height: out.rows || 24 };
}

function Root({ data, term }: { data: ExploreData; term: Terminal }) {
  const [dims, setDims] = useState(() => size(term.stdout));
  useEffect(() => {
    const onResize = () => setDims(size(term.stdout));
    term.stdout.on('resize', onResize);
    return () => void term.stdout.off('resize', onResize);
  }, [term.stdout]);
  return <App data={data} width={dims.width} height={dims.height} color={term.color} />;
}

/** Resolves when the user quits; rejects with an error thrown while rendering (after restoring). */
export async function launch(data: ExploreData, term: Terminal, cleanup: Cleanup): Promise<void> {
  term.stdout.write(ENTER_SCREEN);
  cleanup.add(() => term.stdout.write(LEAVE_SCREEN));
  const instance = render(<Root data={data} term={term} />, {
    stdout: term.stdout, stdin: term.stdin, stderr: term.stderr, exitOnCtrlC: true, patchConsole: false, maxFps: 60,
  });
  cleanup.add(() => instance.unmount());
  try {
    await instance.waitUntilExit();
  } finally {
    cleanup.run();
  }
}
