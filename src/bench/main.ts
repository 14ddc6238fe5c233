/**
 * `npm run bench`: every area's benchmark in turn. BENCH_QUICK=1 runs the small sizes only;
 * `npm run bench -- audit replay` runs only the named areas.
 */
import { createBench, type Bench } from './harness.js';

const AREAS: Record<string, () => Promise<{ bench(b: Bench): void | Promise<void> }>> = {
  tui: () => import('./tui.js'),
  load: () => import('./load.js'),
  import: () => import('./import.js'),
  replay: () => import('./replay.js'),
  report: () => import('./report.js'),
  html: () => import('./html.js'),
  audit: () => import('./audit.js'),
  spread: () => import('./spread.js'),
};

const wanted = process.argv.slice(2);
const b = createBench((line) => console.log(line), process.env.BENCH_QUICK === '1');
console.log(`faultline bench — node ${process.version}, ${new Date().toISOString().slice(0, 10)}${b.quick ? ' (quick)' : ''}`);
for (const [name, load] of Object.entries(AREAS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name}`);
  await (await load()).bench(b);
}
