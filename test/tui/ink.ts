/** Driving an ink app in tests: wait for the first frame, press keys, poll until a frame matches. */
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';

export const KEY = { up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D', enter: '\r', esc: '\u001B', backspace: '\u007F', tab: '\t' } as const;

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

export async function mount(el: ReactElement) {
  const app = render(el);
  await tick(20);
  const frame = () => app.lastFrame() ?? '';
  /** Polls until `pred` holds for the current frame (or fails with the last frame shown). */
  const until = async (pred: (f: string) => boolean, what = 'the expected frame'): Promise<string> => {
    for (let i = 0; i < 100; i++) {
      if (pred(frame())) return frame();
      await tick(10);
    }
    throw new Error(`timed out waiting for ${what}; last frame:\n${frame()}`);
  };
  /** Presses keys one at a time, letting each render before the next. */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      app.stdin.write(k);
      await tick(15);
    }
  };
  return { ...app, frame, until, press };
}

/** The list row of the selected service (the cursor mark). */
export function selectedRow(frame: string): string {
  return frame.split('\n').find((l) => l.includes('▸')) ?? '';
}
