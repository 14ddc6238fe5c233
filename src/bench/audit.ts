/**
 * Audit, measured as users run it: `faultline audit FILE --format json|text|sarif` as a child
 * process per run (wall time, peak RSS from the OS), on deep graphs from the shared generator —
 * 10k services / 60k edges and 100k / 1M (BENCH_QUICK=1: 10k only; BENCH_HUGE=1 adds 1M / 10M,
 * one run; BENCH_RUNS=N sets the runs per figure) — next to the in-process stage timings, a check of the bit-parallel counts against
 * single-source propagation on a sample of services, the JSON form of the same graph loaded as
 * YAML is, and igraph's plain all-node reachability as a whole process when python3-igraph is
 * installed. Every figure is printed with the load average it was taken at.
 * Targets (issue 16): 10k ≤ 0.8 s and ≤ half of igraph's; 100k ≤ 8 s and ≤ 1 GB for every format.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { audit } from '../analysis/index.js';
import { blastCounts } from '../analysis/blast.js';
import { buildIndex } from '../analysis/graph.js';
import { Propagator } from '../analysis/propagate.js';
import { loadFile } from '../model/load.js';
import { timeProcess, peakSource, type ProcessRun } from './child.js';
import { deepGraph, generatorDir, haveGenerator, type DeepGraph } from './deep-graphs.js';
import { median, type Bench } from './harness.js';
import { maxOf, minOf } from '../model/arrays.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
/** The 1M graph is over the default file limit (the CLI then also raises its heap itself). */
const SIZE = ['--max-file-size', '512MB'];
const load = () => `load ${loadavg()[0]!.toFixed(1)}`;

export async function bench(b: Bench): Promise<void> {
  if (!haveGenerator()) { b.note(`no generator at ${generatorDir()} (set FAULTLINE_BENCH_GEN): audit bench skipped`); return; }
  b.note(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB; peak RSS from ${peakSource()}`);
  const sizes: [number, number][] = b.quick ? [[10_000, 60_000]] : [[10_000, 60_000], [100_000, 1_000_000]];
  if (process.env.BENCH_HUGE === '1') sizes.push([1_000_000, 10_000_000]);
  const dir = mkdtempSync(join(tmpdir(), 'faultline-deep-'));
  try {
    for (const [n, m] of sizes) {
      let g: DeepGraph;
      try {
        g = deepGraph(dir, n, m);
      } catch (e) {
        b.note(`deep${n}: not run: ${(e as Error).message.split('\n')[0]}`);
        continue;
      }
      b.note(`${g.name}: ${g.services} services, ${g.edges} dependency edges (gen.js seed 42, backFrac 0.04)`);
      // At 1M: one run, no in-process stages, and no floor — the output (1.1 GB) is longer than
      // V8's longest string, so no JSON.stringify can print it whole.
      const huge = n >= 1_000_000;
      const runs = Number(process.env.BENCH_RUNS) || (huge ? 1 : n >= 100_000 ? 3 : 5);
      const json = await cli(b, g, 'json', runs, dir);
      for (const format of ['text', 'sarif']) await cli(b, g, format, runs, dir);
      const least = huge ? undefined : await floor(b, g, runs, dir);
      await cliLoad(b, g, runs, dir);
      if (!huge) { stages(b, g); verify(b, g, n >= 100_000 ? 20 : 50); }
      const ig = await igraph(b, g, n, dir);
      if (ig !== undefined) b.note(`ratios to igraph (target ≤ 0.5): faultline audit --format json ${(json / ig).toFixed(2)}${least === undefined ? '' : `; the floor above ${(least / ig).toFixed(2)}`}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A child process run `runs` times, recorded: median wall time (as `wall` reads a run), min and max,
 * peak RSS and CPU from the OS, the load average before each run. Throws when `ok` refuses a run.
 */
async function measure(b: Bench, name: string, runs: number, run: () => Promise<ProcessRun>, ok: (r: ProcessRun) => boolean, wall = (r: ProcessRun) => r.ms): Promise<number> {
  const ms: number[] = [];
  const cpu: number[] = [];
  const peaks: number[] = [];
  const loads: string[] = [];
  for (let i = 0; i < runs; i++) {
    loads.push(load());
    const r = await run();
    if (!ok(r)) throw new Error(`${name} failed (exit ${r.status}): ${r.stderr.split('\n')[0]}`);
    ms.push(wall(r));
    if (r.cpuMs !== undefined) cpu.push(r.cpuMs);
    if (r.peakMb !== undefined) peaks.push(r.peakMb);
  }
  b.record({ name, medianMs: median(ms), minMs: minOf(ms), maxMs: maxOf(ms), runs, ...(peaks.length ? { peakMb: median(peaks) } : {}) });
  b.note(`CPU (user + sys) median ${cpu.length ? `${(median(cpu) / 1000).toFixed(2)} s` : 'unknown'}; ${loads.join(', ')}`);
  return median(ms);
}

const node = (args: readonly string[], out: string) => () => timeProcess(process.execPath, args, out);

/** `faultline audit` as a process (exit 1 only says there are findings); the median wall time. */
function cli(b: Bench, g: DeepGraph, format: string, runs: number, dir: string): Promise<number> {
  return measure(b, `faultline audit ${g.name} --format ${format} (process)`, runs,
    node([CLI, 'audit', g.yaml, '--format', format, ...SIZE], join(dir, `out.${format}`)), (r) => r.status === 0 || r.status === 1);
}

/**
 * What any Node program printing this audit pays before analysing anything: start-up, reading and
 * JSON.parse of the graph (its JSON form), and JSON.stringify of the audit's JSON output (the file
 * the json run above wrote) to stdout. The child also reads that output back in to have it to
 * print; that read is timed inside the child and taken off. Returns the median wall time.
 */
async function floor(b: Bench, g: DeepGraph, runs: number, dir: string): Promise<number> {
  const script = `const { readFileSync, writeSync } = await import('node:fs');
JSON.parse(readFileSync(process.argv[1], 'utf8'));
const t = performance.now();
const doc = JSON.parse(readFileSync(process.argv[2], 'utf8'));
process.stderr.write(String(performance.now() - t));
writeSync(1, JSON.stringify(doc, null, 2) + '\\n');`;
  const least = await measure(b, `floor: node parses ${g.name}, prints the audit JSON`, runs,
    node(['--input-type=module', '-e', script, g.json, join(dir, 'out.json')], join(dir, 'out.floor')), (r) => r.status === 0, (r) => r.ms - Number(r.stderr));
  const same = readFileSync(join(dir, 'out.floor')).equals(readFileSync(join(dir, 'out.json')));
  b.note(`the floor: start-up + JSON.parse of the graph + JSON.stringify of the output (${same ? 'byte-identical to faultline\'s' : 'NOT the same bytes as faultline\'s'}), no analysis (docs/speed.md)`);
  return least;
}

/** `validate` as a process, YAML against the same graph as JSON: the load alone, as users pay it. */
async function cliLoad(b: Bench, g: DeepGraph, runs: number, dir: string): Promise<void> {
  for (const [what, file] of [['YAML', g.yaml], ['JSON', g.json]] as const) {
    await measure(b, `faultline validate ${g.name} (${what}, process)`, runs, node([CLI, 'validate', file, ...SIZE], join(dir, 'out.validate')), (r) => r.status === 0);
  }
}

/** One in-process run with each stage timed (cold, as in the CLI). */
function stages(b: Bench, g: DeepGraph): void {
  let t = performance.now();
  const lap = () => { const now = performance.now(); const d = now - t; t = now; return d; };
  const loaded = loadFile(g.yaml);
  const times: [string, number][] = [['load YAML', lap()]];
  loadFile(g.json);
  times.push(['load JSON', lap()]);
  let last = 'start';
  // Progress within a stage ("blast radius 40 %") counts towards the stage.
  const add = (s: string, ms: number) => { const name = s.replace(/ \d+ %$/, ''); const at = times.find(([x]) => x === name); if (at) at[1] += ms; else times.push([name, ms]); };
  audit(loaded.value!, undefined, { onStage: (s) => { add(last, lap()); last = s; } });
  add(last, lap());
  b.note(`stages (in process, one run): ${times.filter(([s]) => s !== 'start').map(([s, ms]) => `${s} ${Math.round(ms)} ms`).join(', ')}; ${load()}`);
}

/** The bit-parallel counts against one single-source propagation each, on a sample of services. */
function verify(b: Bench, g: DeepGraph, sample: number): void {
  const model = loadFile(g.yaml).value!;
  const ix = buildIndex(model);
  const counts = blastCounts(ix);
  const p = new Propagator(ix);
  const tier = (v: number) => 2 ** (3 - ix.tier[v]!);
  let bad = 0;
  for (let i = 0; i < sample; i++) {
    const v = Math.floor((i * ix.n) / sample);
    const r = p.run(v);
    let down = 0, degraded = 0, score = 0;
    for (const x of r.hit) {
      if (r.tDown[x]! < Infinity) { down++; score += tier(x); } else { degraded++; score += tier(x) / 2; }
    }
    if (down !== counts.downCount[v] || degraded !== counts.degradedCount[v] || score !== counts.score[v]) bad++;
  }
  if (bad > 0) throw new Error(`${bad} of ${sample} sampled services: bit-parallel counts differ from the propagation`);
  b.note(`verified: bit-parallel down/degraded counts and scores equal single-source propagation for ${sample} sampled services`);
}

/** igraph's plain reachability from every node (what depends on it: mode "in"), whole process: its median wall time when run. */
async function igraph(b: Bench, g: DeepGraph, n: number, dir: string): Promise<number | undefined> {
  // pyenv or a venv may shadow the system python that the Debian package installs into.
  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import igraph']).status === 0);
  if (!python) { b.note('python3-igraph not installed: igraph comparison skipped (apt-get install python3-igraph)'); return undefined; }
  if (n > 10_000 && process.env.BENCH_IGRAPH !== '1') { b.note('igraph at this size takes minutes: BENCH_IGRAPH=1 runs it'); return undefined; }
  const script = `import sys, igraph
g = igraph.Graph.Read_Ncol(sys.argv[1], directed=True)
total = sum(len(g.subcomponent(v, mode="in")) - 1 for v in range(g.vcount()))
print(total)`;
  try {
    return await measure(b, `igraph all-node reachability ${g.name} (python3 process)`, 3,
      () => timeProcess(python, ['-c', script, g.edgeList], join(dir, 'out.igraph')), (r) => r.status === 0);
  } catch (e) {
    b.note((e as Error).message);
    return undefined;
  }
}
