/**
 * Spreading-fault benchmarks: the S3 2008 replay and its what-ifs, and one huge fleet whose bad
 * state spreads past 200 distinct `needs` thresholds. The crossings are solved from the logistic
 * curve, so the replay's instants grow with the thresholds, not with the nodes or the minutes.
 */
import { fileURLToPath } from 'node:url';
import { replay, whatIfs } from '../engine/index.js';
import { loadFile, loadText } from '../model/load.js';
import type { Bench } from './harness.js';

function spreadGraph(nodes: number, dependents: number): string {
  const deps = Array.from({ length: dependents }, (_, i) =>
    `  d${i}: { dependsOn: [{ on: mesh, type: hard, needs: ${((i + 1) / (dependents + 1)).toFixed(4)} }] }`);
  return [
    'faultline: 1', 'name: spread-bench', 'services:',
    `  mesh: { fleet: { nodes: ${nodes}, mesh: { peers: all, spreadPerMinute: 0.05 }, restart: { perHour: ${nodes / 10} }, serving: 0.5 } }`,
    ...deps,
    'scenarios:', '  s:', '    start: 2020-01-01T00:00:00Z', '    events:',
    '      - { at: "+1m", corrupt: { service: mesh, nodes: 1 } }',
    '      - { at: "+1d", stop: { service: mesh } }',
    '      - { at: "+1d", restart: { service: mesh } }',
  ].join('\n');
}

export function bench(b: Bench): void {
  const file = fileURLToPath(new URL('../../graphs/aws-s3-2008.yaml', import.meta.url));
  const s3 = loadFile(file).value;
  if (s3) {
    b.time('replay aws-s3-2008', () => replay(s3), { runs: 20 });
    b.time(`what-ifs aws-s3-2008 (${s3.scenarios[0]?.whatIfs.length ?? 0} + baseline)`, () => whatIfs(s3), { runs: 5 });
  }
  for (const nodes of b.quick ? [10_000] : [10_000, 10_000_000]) {
    const { value: model } = loadText(spreadGraph(nodes, 200), 'spread-bench.yaml');
    if (!model) continue;
    const run = b.time(`replay ${nodes.toLocaleString('en-US')}-node spreading fleet, 200 dependents`, () => replay(model), { runs: 5 });
    b.note(`${run.timeline.length} transitions, ${new Set(run.timeline.map((t) => t.atMin)).size} instants with a change`);
  }
}
