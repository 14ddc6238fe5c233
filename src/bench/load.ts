/**
 * Loading: parse + validate + build, for the Kinesis graph and synthetic graphs of 1k/10k/100k
 * services, as YAML and as JSON (through JSON.parse, and through the located reader it replaces),
 * through the fast reader (default) and through the yaml library
 * (the reference, and what every file outside the fast reader's subset takes); `validate` of a
 * 10k-service file as a whole CLI process; and the start-up cost behind the choice of a committed
 * ajv standalone validator over compiling the schema at start-up (each measured in a fresh `node`
 * process, as a CLI run pays it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { loadText } from '../model/load.js';
import { median, type Bench } from './harness.js';
import { syntheticDoc } from './synthetic.js';
import { maxOf, minOf } from '../model/arrays.js';

const dist = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const schemaFile = fileURLToPath(new URL('../../src/model/faultline.schema.json', import.meta.url));

/** Milliseconds a fresh process spends in `body` (module loading included), median of `runs`. */
function inFreshProcess(b: Bench, name: string, body: string, runs: number): void {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const t0 = performance.now(); ${body}; console.log(performance.now() - t0);`], { encoding: 'utf8' });
    const v = Number(r.stdout.trim().split('\n').pop());
    if (r.status !== 0 || !Number.isFinite(v)) throw new Error(`bench ${name} failed: ${r.stderr}`);
    ms.push(v);
  }
  b.record({ name, medianMs: median(ms), minMs: minOf(ms), maxMs: maxOf(ms), runs });
}

export function bench(b: Bench): void {
  const runs = b.quick ? 3 : 7;
  inFreshProcess(b, 'start-up: import standalone validator (chosen)', `await import(${JSON.stringify(dist('model/schema-validator.generated.js'))})`, runs);
  inFreshProcess(b, 'start-up: import ajv + compile schema (strict)',
    `const { compileSchema } = await import(${JSON.stringify(dist('model/schema-codegen.js'))}); const fs = await import('node:fs'); compileSchema(JSON.parse(fs.readFileSync(${JSON.stringify(schemaFile)}, 'utf8')))`, runs);
  inFreshProcess(b, 'start-up: validate the Kinesis graph, whole process path', `const { loadFile } = await import(${JSON.stringify(dist('model/load.js'))}); loadFile(${JSON.stringify(fileURLToPath(new URL('../../graphs/aws-kinesis-2020.yaml', import.meta.url)))})`, runs);

  const kinesis = readFileSync(new URL('../../graphs/aws-kinesis-2020.yaml', import.meta.url), 'utf8');
  b.time('load Kinesis 2020 (parse, validate, build, 11 patches)', () => loadText(kinesis, 'k.yaml'), { runs: 21 });

  for (const n of b.quick ? [1000] : [1000, 10_000, 100_000]) {
    const doc = syntheticDoc({ services: n, events: Math.min(n, 1000) });
    const text = stringify(doc);
    const json = JSON.stringify(doc, null, 2);
    b.note(`synthetic ${n} services: ${(text.length / 1e6).toFixed(1)} MB of YAML, ${(json.length / 1e6).toFixed(1)} MB of JSON`);
    const big = n >= 100_000;
    const opts = { runs: big ? 3 : 5, warmup: big ? 0 : 1 };
    const r = b.time(`load synthetic ${n} services`, () => loadText(text, 's.yaml'), opts);
    if (r.errors) throw new Error(`synthetic graph invalid: ${r.errors[0]!.message}`);
    b.time(`load synthetic ${n} services, JSON`, () => loadText(json, 's.json'), opts);
    b.time(`load synthetic ${n} services, JSON through the located reader (no JSON.parse)`, () => loadText(json, 's.json', { reader: 'located' }), opts);
    // The library path at 100k takes minutes (measured: 110 s, 2.8 GB): only at 1k and 10k.
    if (!big) b.time(`load synthetic ${n} services, yaml library path`, () => loadText(text, 's.yaml', { reader: 'yaml' }), { runs: n >= 10_000 ? 3 : 5 });
  }

  const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-'));
  try {
    const n = b.quick ? 1000 : 10_000;
    const file = join(dir, `s${n}.yaml`);
    writeFileSync(file, stringify(syntheticDoc({ services: n, events: Math.min(n, 1000) })));
    const ms: number[] = [];
    for (let i = 0; i < (b.quick ? 3 : 5); i++) {
      const t0 = performance.now();
      const p = spawnSync(process.execPath, [dist('cli/main.js'), 'validate', file], { encoding: 'utf8' });
      ms.push(performance.now() - t0);
      if (p.status !== 0) throw new Error(`validate failed: ${p.stderr}`);
    }
    b.record({ name: `faultline validate ${n}-service file (process)`, medianMs: median(ms), minMs: minOf(ms), maxMs: maxOf(ms), runs: ms.length });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
