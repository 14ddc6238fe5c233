/**
 * Audit: for synthetic graphs of 1k/10k/100k services (~6 edges each), YAML parse, validate (schema,
 * semantic checks, build) and the whole audit timed separately, then the audit's stages alone.
 * Targets (issue 4): 10k services < 0.5 s audit; 100k services < 20 s and < 2 GB.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { audit } from '../analysis/index.js';
import { blastCounts } from '../analysis/blast.js';
import { findCycles } from '../analysis/cycles.js';
import { buildIndex } from '../analysis/graph.js';
import { checkDocument } from '../model/check.js';
import { offsetLocator } from '../model/source-offsets.js';
import { readYamlSubset } from '../model/yaml-subset.js';
import type { JsonValue, Model } from '../model/types.js';
import { median, type Bench } from './harness.js';
import { syntheticDoc } from './synthetic.js';
import { maxOf, minOf } from '../model/arrays.js';

export function bench(b: Bench): void {
  for (const n of b.quick ? [1000, 10_000] : [1000, 10_000, 100_000]) {
    const big = n >= 100_000;
    const runs = big ? 3 : 7;
    const text = stringify(syntheticDoc({ services: n, events: Math.min(n, 200) }));
    let edges = 0;
    // The loader's own reader (src/model/yaml-subset.ts), as `faultline audit FILE` parses.
    const { json, locate } = b.time(`audit ${n}: parse YAML (${(text.length / 1e6).toFixed(1)} MB)`, () => {
      const doc = readYamlSubset(text);
      if (!doc) throw new Error('synthetic YAML left the fast reader\'s subset');
      return { json: doc.value, locate: offsetLocator(`s${n}.yaml`, doc.text, doc.offsets) };
    }, { runs: big ? 1 : 5, warmup: big ? 0 : 1 });
    const built = b.time(`audit ${n}: validate + build`, () => checkDocument(json, `s${n}.yaml`, locate), { runs: big ? 1 : 5, warmup: big ? 0 : 1 });
    if (!built.model) throw new Error(`synthetic graph invalid: ${built.errors[0]?.message}`);
    const model: Model = built.model;
    for (const s of model.services) for (const d of s.dependsOn) edges += d.targets.length;
    b.note(`${n} services, ${edges} dependency edges`);
    const a = b.time(`audit ${n}: whole audit`, () => audit(model), { runs, warmup: big ? 0 : 1 });
    cpuTime(b, `audit ${n}: whole audit, CPU time (user+sys)`, () => audit(model), big ? 1 : 5);
    b.note(`${a.findings.length} findings, ${a.cycles.length} runtime cycles, ${a.toolingCycles.length} tooling cycles; top blast radius ${a.blastRadius[0]?.service} (${a.blastRadius[0]?.downCount} down, ${a.blastRadius[0]?.degradedCount} degraded)`);
    if (big) memoryInFreshProcess(b, n);
    if (!big || !b.quick) {
      const ix = b.time(`audit ${n}: stage index (CSR)`, () => buildIndex(model), { runs, warmup: big ? 0 : 1 });
      b.time(`audit ${n}: stage cycles (SCC ×2 + shortest cycles)`, () => findCycles(ix), { runs, warmup: big ? 0 : 1 });
      b.time(`audit ${n}: stage blast radius, bit-parallel (all services)`, () => blastCounts(ix), { runs, warmup: big ? 0 : 1 });
    }
  }
}

/**
 * CPU time of `fn` (user + system, this process): on a shared, overloaded machine wall time
 * includes waiting for a core; CPU time is what the audit itself costs (GC threads add a little).
 */
function cpuTime(b: Bench, name: string, fn: () => unknown, runs: number): void {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    ms.push((d.user + d.system) / 1000);
  }
  b.record({ name, medianMs: median(ms), minMs: minOf(ms), maxMs: maxOf(ms), runs });
}

/**
 * The audit's own memory: this process also holds the YAML document, so peak RSS above is the
 * loader's. A fresh process builds the model without YAML, then audits it.
 */
function memoryInFreshProcess(b: Bench, n: number): void {
  const dist = (path: string) => JSON.stringify(fileURLToPath(new URL(`../${path}`, import.meta.url)));
  const script = `const { syntheticModel } = await import(${dist('bench/synthetic.js')});
    const { audit } = await import(${dist('analysis/index.js')});
    const m = syntheticModel({ services: ${n} });
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    audit(m);
    console.log(JSON.stringify({ before, peak: process.resourceUsage().maxRSS * 1024, ms: performance.now() - t0 }));`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`audit memory bench failed: ${r.stderr}`);
  const { before, peak, ms } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { before: number; peak: number; ms: number };
  b.note(`fresh process, ${n} services: RSS ${Math.round(before / 2 ** 20)} MB with the model, peak ${Math.round(peak / 2 ** 20)} MB after the audit (${(ms / 1000).toFixed(2)} s, cold)`);
}
