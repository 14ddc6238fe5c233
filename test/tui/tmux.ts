/** A real terminal for end-to-end tests: a detached tmux session of a fixed size. */
import { execFileSync } from 'node:child_process';

// A private server per session: a tmux server left running elsewhere would hand its own environment
// (CI, NO_COLOR, TERM…) to our sessions, and a server shared by consecutive sessions exits when the
// last one is killed — a session started in that moment fails with "server exited unexpectedly".
const socketOf = (session: string) => `faultline-test-${process.pid}-${session}`;
const tmuxOn = (session: string, ...args: string[]) =>
  execFileSync('tmux', ['-L', socketOf(session), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function hasTmux(): boolean {
  try { tmuxOn('probe', '-V'); return true; } catch { return false; }
}

export class Term {
  constructor(readonly name: string) {}

  static start(name: string, command: string, cwd: string, width = 80, height = 24, env: readonly string[] = []): Term {
    try { tmuxOn(name, 'kill-session', '-t', name); } catch { /* none yet */ }
    // DEV must not be set (ink 6 would try to reach React DevTools and hang). A tmux server keeps
    // the environment of whoever started it: colour settings come only from `env` here.
    const clean = ['env', '-u', 'NO_COLOR', '-u', 'FORCE_COLOR', ...env].join(' ');
    tmuxOn(name, 'new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), '-c', cwd, '-e', 'DEV=', '-e', 'TERM=xterm-256color',
      `sh -c '${clean} ${command}; echo FAULTLINE_EXIT=$?; sleep 60'`);
    return new Term(name);
  }

  screen(): string { return tmuxOn(this.name, 'capture-pane', '-p', '-t', this.name); }
  /** The screen with its colour and style escapes. */
  styledScreen(): string { return tmuxOn(this.name, 'capture-pane', '-e', '-p', '-t', this.name); }
  flag(name: string): string { return tmuxOn(this.name, 'display-message', '-p', '-t', this.name, `#{${name}}`).trim(); }
  keys(...keys: string[]): void { for (const k of keys) tmuxOn(this.name, 'send-keys', '-t', this.name, k); }
  resize(width: number, height: number): void { tmuxOn(this.name, 'resize-window', '-t', this.name, '-x', String(width), '-y', String(height)); }
  /** The pid of the program the pane's shell runs (the shell's only child). */
  childPid(): number {
    return Number(execFileSync('ps', ['-o', 'pid=', '--ppid', this.flag('pane_pid')], { encoding: 'utf8' }).trim().split('\n')[0]);
  }
  /** Appends every byte the program writes to the pane (raw, escapes and all) to `file`. */
  record(file: string): void { tmuxOn(this.name, 'pipe-pane', '-o', '-t', this.name, `cat >> '${file}'`); }
  kill(): void { try { tmuxOn(this.name, 'kill-session', '-t', this.name); } catch { /* gone */ } }

  /** Sends keys one by one, pausing so each is its own keypress (not a pasted chunk). */
  async type(...keys: string[]): Promise<void> {
    for (const k of keys) { this.keys(k); await sleep(120); }
  }

  async until(pred: (screen: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    let s = '';
    while (Date.now() < end) {
      s = this.screen();
      if (pred(s)) return s;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
  }
}
