/**
 * Replay benchmarks: the Kinesis 2020 graph (target: well under a second), every what-if of it,
 * a 10,000-service synthetic graph with 1,000 scenario events (target < 2 s), and the TUI's
 * per-keypress query `statesAt` on that replay.
 */
import { fileURLToPath } from 'node:url';
import { replay, statesAt, whatIfs } from '../engine/index.js';
import { loadFile } from '../model/load.js';
import type { Bench } from './harness.js';
import { syntheticModel } from './synthetic.js';

export function bench(b: Bench): void {
  const file = fileURLToPath(new URL('../../graphs/aws-kinesis-2020.yaml', import.meta.url));
  const kinesis = loadFile(file).value;
  if (kinesis) {
    b.time('replay aws-kinesis-2020', () => replay(kinesis), { runs: 20 });
    b.time(`what-ifs aws-kinesis-2020 (${kinesis.scenarios[0]?.whatIfs.length ?? 0} + baseline)`, () => whatIfs(kinesis), { runs: 5 });
  }
  const sizes = b.quick ? [[1_000, 100]] as const : [[1_000, 100], [10_000, 1_000]] as const;
  for (const [services, events] of sizes) {
    const model = syntheticModel({ services, events });
    const run = b.time(`replay synthetic ${services} services, ${events} events`, () => replay(model), { runs: 5 });
    b.note(`${run.timeline.length} transitions, ${run.deadlocks.length} deadlocks, ${Math.round(run.endMin)} min simulated`);
    let i = 0;
    b.time(`statesAt on that replay (one keypress)`, () => statesAt(run, (run.endMin * (i++ % 50)) / 50), { runs: 50 });
  }
}
