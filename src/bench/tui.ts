/**
 * TUI responsiveness: the explore screen on a 10,000-service synthetic graph, driven through ink
 * with in-memory streams. First frame: from a fresh ExploreData (model loaded, nothing computed)
 * to ink's first write, then until the replay and the audit computed behind it are on screen.
 * Keys: the median time from a keypress to the frame it causes (ink in debug mode writes every
 * render at once, so no frame-rate throttle hides the cost). The whole process as a user runs it
 * (loading the file included) is measured in tmux: see docs/speed.md.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { exploreData } from '../tui/data.js';
import { median, type Bench } from './harness.js';
import { syntheticModel } from './synthetic.js';
import { maxOf, minOf } from '../model/arrays.js';
import type { Model } from '../model/types.js';

class Out extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = true;
  private waiter: (() => void) | undefined;
  write = (_frame: string) => { this.waiter?.(); this.waiter = undefined; return true; };
  next(): Promise<void> { return new Promise((r) => { this.waiter = r; }); }
}

/** An in-memory terminal input for ink (also used by the TUI tests). */
export class MemoryIn extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(d: string) { this.data = d; this.emit('readable'); this.emit('data', d); }
  read = () => { const d = this.data; this.data = null; return d; };
  setEncoding() {} setRawMode() {} resume() {} pause() {} ref() {} unref() {}
}

async function perKey(b: Bench, name: string, out: Out, stdin: MemoryIn, keys: readonly string[]) {
  const ms: number[] = [];
  for (const k of keys) {
    const frame = out.next();
    const t0 = performance.now();
    stdin.write(k);
    await frame;
    ms.push(performance.now() - t0);
  }
  b.record({ name, medianMs: median(ms), minMs: minOf(ms), maxMs: maxOf(ms), runs: ms.length });
}

type Render = typeof import('ink').render;
type Create = typeof import('react').createElement;
type AppType = typeof import('../tui/app.js').App;

/** Fresh data each run: the time to ink's first frame, and until the background parts are drawn. */
async function firstFrames(b: Bench, model: Model, n: number, render: Render, createElement: Create, App: AppType) {
  const first: number[] = [], all: number[] = [];
  for (let run = 0; run < 3; run++) {
    const d = exploreData(model);
    const out = Object.assign(new Out(), { columns: 120, rows: 40 });
    const t0 = performance.now();
    const frame = out.next();
    const app = render(createElement(App, { data: d, width: 120, height: 40, color: true }), {
      stdout: out as unknown as NodeJS.WriteStream, stdin: new MemoryIn() as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false,
    });
    await frame;
    first.push(performance.now() - t0);
    // Each part computed re-renders: the frame that resolves the wait after the audit shows it.
    while (!d.view().has('audit')) await out.next();
    all.push(performance.now() - t0);
    app.unmount();
  }
  b.record({ name: `tui: first frame (${n} services)`, medianMs: median(first), minMs: minOf(first), maxMs: maxOf(first), runs: first.length });
  b.record({ name: `tui: replay + audit on screen (${n} services)`, medianMs: median(all), minMs: minOf(all), maxMs: maxOf(all), runs: all.length });
}

export async function bench(b: Bench): Promise<void> {
  // As `faultline explore` runs it: React's production build (set before react is first loaded).
  process.env.NODE_ENV ??= 'production';
  const { render } = await import('ink');
  const { createElement } = await import('react');
  const { App } = await import('../tui/app.js');
  const n = b.quick ? 2_000 : 10_000;
  const model = syntheticModel({ services: n, events: b.quick ? 50 : 200 });
  const data = b.time(`tui: replay + audit, computed at once (${n} services)`, () => {
    const d = exploreData(model);
    const v = d.view();
    while (v.computeNext() !== undefined) { /* every part */ }
    return d;
  }, { runs: 1, warmup: 0 });
  await firstFrames(b, model, n, render, createElement, App);
  const mount = async (columns: number, rows: number) => {
    const out = Object.assign(new Out(), { columns, rows });
    const stdin = new MemoryIn();
    const first = out.next();
    const app = render(createElement(App, { data, width: columns, height: rows, color: true }), {
      stdout: out as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false,
    });
    await first;
    return { out, stdin, app };
  };
  const down = '\u001B[B', right = '\u001B[C', left = '\u001B[D';
  const moves = Array.from({ length: 40 }, (_, i) => (i % 2 ? 'j' : down));
  const small = await mount(80, 24);
  await perKey(b, `tui: keypress j/↓ move, 80×24 (${n} services)`, small.out, small.stdin, moves);
  small.app.unmount();
  const { out, stdin, app } = await mount(120, 40);
  await perKey(b, `tui: keypress j/↓ move, 120×40 (${n} services)`, out, stdin, moves);
  await perKey(b, `tui: keypress →/← replay step (${n} services)`, out, stdin, Array.from({ length: 30 }, (_, i) => (i % 3 === 2 ? left : right)));
  await perKey(b, `tui: keypress 1–6 tab switch (${n} services)`, out, stdin, Array.from({ length: 30 }, (_, i) => String((i % 6) + 1)));
  await perKey(b, `tui: keypress s sort (${n} services)`, out, stdin, Array.from({ length: 15 }, () => 's'));
  stdin.write('/');
  await new Promise((r) => setTimeout(r, 20));
  await perKey(b, `tui: keypress filter typing (${n} services)`, out, stdin, ['s', 'v', 'c', '-', '1', '2']);
  app.unmount();
}
