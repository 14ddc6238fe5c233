/**
 * A tiny benchmark harness: runs a function several times, reports the median and the spread, and
 * the process's peak resident memory. Medians, not means: this machine is shared and noisy.
 */
import { performance } from 'node:perf_hooks';
import { maxOf, minOf } from '../model/arrays.js';

export interface Sample {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
  /** Peak RSS of the measured child process (MB); without it, this process's own is printed. */
  readonly peakMb?: number;
}

export interface Bench {
  /** Times `fn` `runs` times (after one warm-up unless `warmup` is 0) and records the sample. */
  time<T>(name: string, fn: () => T, opts?: { runs?: number; warmup?: number }): T;
  /** Records a figure measured some other way (e.g. a per-keypress median). */
  record(sample: Sample): void;
  note(text: string): void;
  /** Sizes to run at: smaller in quick mode (BENCH_QUICK=1). */
  readonly quick: boolean;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function createBench(print: (line: string) => void, quick: boolean): Bench {
  const report = (s: Sample) =>
    print(`${s.name.padEnd(52)} median ${fmt(s.medianMs).padStart(10)}  (min ${fmt(s.minMs)}, max ${fmt(s.maxMs)}, ${s.runs} runs)  peak RSS ${s.peakMb ?? peakMb()} MB${s.peakMb !== undefined ? ' (process, median)' : ''}`);
  return {
    quick,
    time(name, fn, opts = {}) {
      const runs = opts.runs ?? 5;
      let result = undefined as ReturnType<typeof fn>;
      for (let i = 0; i < (opts.warmup ?? 1); i++) result = fn();
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        (globalThis as { gc?: () => void }).gc?.();
        const t0 = performance.now();
        result = fn();
        ms.push(performance.now() - t0);
      }
      report({ name, medianMs: median(ms), minMs: minOf(ms), maxMs: maxOf(ms), runs });
      return result;
    },
    record: report,
    note: (text) => print(`  ${text}`),
  };
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

function peakMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
