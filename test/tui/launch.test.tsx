import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createCleanup, ENTER_SCREEN, LEAVE_SCREEN } from '../../src/tui/cleanup.js';
import type { ExploreData } from '../../src/tui/data.js';
import { launch } from '../../src/tui/launch.js';
import { MemoryIn } from '../../src/bench/tui.js';
import { fakeData } from './fake.js';

class Out extends EventEmitter {
  columns = 80;
  rows = 24;
  isTTY = true;
  written = '';
  write = (s: string) => { this.written += s; return true; };
}

const streams = () => {
  const stdout = new Out();
  const stdin = new MemoryIn();
  return { stdout, stdin, term: { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: stdout as unknown as NodeJS.WriteStream, color: false } };
};

describe('launch: the terminal is always restored', () => {
  it('enters the alternate screen, and leaves it (cursor shown) after q', async () => {
    const { stdout, stdin, term } = streams();
    const done = launch(fakeData(), term, createCleanup());
    await new Promise((r) => setTimeout(r, 50));
    expect(stdout.written.startsWith(ENTER_SCREEN)).toBe(true);
    expect(stdout.written).toContain('services 9');
    stdin.write('q');
    await done;
    expect(stdout.written.endsWith(LEAVE_SCREEN)).toBe(true);
  });

  it('leaves the alternate screen when rendering throws, then rejects with the error', async () => {
    const { stdout, term } = streams();
    const broken: ExploreData = { ...fakeData(), view: () => { throw new Error('boom in a pane'); } };
    await expect(launch(broken, term, createCleanup())).rejects.toThrow('boom in a pane');
    expect(stdout.written.startsWith(ENTER_SCREEN)).toBe(true);
    expect(stdout.written.endsWith(LEAVE_SCREEN)).toBe(true);
  });
});
