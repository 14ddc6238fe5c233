/**
 * A cleanup registry that runs once: quitting, Ctrl-C, a signal and an uncaught error may all try
 * to restore the terminal, and the first one wins. Steps run newest first (unmount before leaving
 * the alternate screen).
 */
export interface Cleanup {
  add(step: () => void): void;
  run(): void;
  readonly done: boolean;
}

export function createCleanup(): Cleanup {
  const steps: (() => void)[] = [];
  let done = false;
  return {
    add: (step) => void steps.push(step),
    run() {
      if (done) return;
      done = true;
      for (const step of steps.reverse()) {
        try { step(); } catch { /* restoring the terminal must go on */ }
      }
    },
    get done() { return done; },
  };
}

/** Alternate screen on, cursor home; and its reverse: alternate screen off, cursor shown. */
export const ENTER_SCREEN = '\u001B[?1049h\u001B[H\u001B[2J';
export const LEAVE_SCREEN = '\u001B[?25h\u001B[?1049l';
