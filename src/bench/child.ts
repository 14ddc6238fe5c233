/**
 * Times a command as a user runs it: a child process, wall time from spawn to exit, peak resident
 * memory from the OS — GNU time's %M when /usr/bin/time exists, else VmHWM polled from
 * /proc/PID/status (Linux), else unknown.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ProcessRun {
  readonly ms: number;
  /** Peak RSS in MB, undefined when the OS cannot tell. */
  readonly peakMb?: number;
  /**
   * CPU time (user + system) in ms, from GNU time; undefined without it. On a shared machine the
   * steadier figure: wall time also counts the time the process waited for a core.
   */
  readonly cpuMs?: number;
  readonly status: number | null;
  readonly stderr: string;
}

const GNU_TIME = '/usr/bin/time';

export function peakSource(): string {
  return existsSync(GNU_TIME) ? 'GNU time %M' : existsSync('/proc/self/status') ? '/proc/PID/status VmHWM' : 'unavailable';
}

/** Runs `cmd args…` with stdout to `outFile` (as `> file` would), stderr captured. */
export async function timeProcess(cmd: string, args: readonly string[], outFile: string): Promise<ProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-time-'));
  const timeFile = join(dir, 'time');
  const useTime = existsSync(GNU_TIME);
  const out = openSync(outFile, 'w');
  try {
    const t0 = performance.now();
    const child = useTime
      ? spawn(GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, cmd, ...args], { stdio: ['ignore', out, 'pipe'] })
      : spawn(cmd, args, { stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    let hwm = 0;
    const poll = useTime ? undefined : setInterval(() => { hwm = Math.max(hwm, vmHwmKb(child.pid) ?? 0); }, 20);
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const ms = performance.now() - t0;
    if (poll) clearInterval(poll);
    // GNU time writes "Command exited with non-zero status N" before its line when the status is not 0.
    const [kb, user, sys] = useTime ? readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) : [hwm];
    return {
      ms, status, stderr, ...(kb! > 0 ? { peakMb: Math.round(kb! / 1024) } : {}),
      ...(user !== undefined && sys !== undefined ? { cpuMs: Math.round((user + sys) * 1000) } : {}),
    };
  } finally {
    closeSync(out);
    rmSync(dir, { recursive: true, force: true });
  }
}

function vmHwmKb(pid: number | undefined): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
