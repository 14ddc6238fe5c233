/**
 * Output proportional to input (issue 12 item 6), through the built binary: a 5,000-service
 * dependency chain (every service's cause chain is up to 5,000 links long) and a 10,000-member
 * recovery deadlock (one cycle every member waits on). Cause chains and cycles are stored once and
 * referenced, so every output — replay text and JSON, `--at`, the md/json/html reports — stays
 * within BYTES per service and transition and ends within the timeout. Printing each chain or cycle
 * in full made these hundreds of megabytes (a 2,000 chain gave 117 MB, a 10,000 cycle 3.6 GB).
 * FAULTLINE_BIN runs the same checks against another build.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(process.env.FAULTLINE_BIN ?? 'dist/cli/main.js');
const root = mkdtempSync(join(tmpdir(), 'faultline-big-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Bytes of output allowed per service plus transition (today's outputs need under 1,000). */
const BYTES = 1500;
const TIMEOUT_MS = 60_000;
const id = (i: number) => `s${String(i).padStart(5, '0')}`;
// `z` fails first so the incident is detected before the big failure (the detection clock is not what this measures).
const scenario = (events: string) => `scenarios:\n  s:\n    start: 2020-01-01T00:00:00Z\n    events:\n      - { at: "00:00", fail: { service: z } }\n${events}`;

function chainGraph(n: number): string {
  const lines = ['faultline: 1', 'name: chain', 'services:', '  z: {}', `  ${id(0)}: {}`];
  for (let i = 1; i < n; i++) lines.push(`  ${id(i)}: { dependsOn: [${id(i - 1)}] }`);
  return `${lines.join('\n')}\n${scenario(`      - { at: "01:00", fail: { service: ${id(0)} } }\n`)}`;
}

function ringGraph(n: number): string {
  const lines = ['faultline: 1', 'name: ring', 'services:', '  z: {}', '  r: {}'];
  for (let i = 0; i < n; i++) lines.push(`  ${id(i)}: { dependsOn: [${id((i + 1) % n)}, r] }`);
  return `${lines.join('\n')}\n${scenario('      - { at: "01:00", fail: { service: r } }\n      - { at: "01:10", recover: { service: r } }\n')}`;
}

function run(dir: string, args: readonly string[]): { out: string; ms: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 30 });
  const ms = Date.now() - t0;
  expect(r.signal, `${args.join(' ')} ended by ${r.signal} after ${ms} ms`).toBeNull();
  expect({ args, exit: r.status, err: r.stderr.slice(0, 300) }).toMatchObject({ exit: 0 });
  return { out: r.stdout, ms };
}

describe.each([
  { name: '5,000-service dependency chain', services: 5002, text: chainGraph(5000) },
  { name: '10,000-member recovery deadlock', services: 10002, text: ringGraph(10000) },
])('output proportional to input: $name', ({ name, services, text }) => {
  const dir = mkdtempSync(join(root, 'g-'));
  writeFileSync(join(dir, 'g.yaml'), text);
  let transitions = 0;
  const limit = () => BYTES * (services + transitions);

  it('replay --format json stays small, chains and cycles by reference', () => {
    const doc = JSON.parse(run(dir, ['replay', 'g.yaml', '--format', 'json']).out) as {
      timeline: { cause: { kind: string; text: string; parent?: number; deadlock?: number } }[];
      deadlocks: { cycle: string[]; members: string[] }[];
    };
    transitions = doc.timeline.length;
    expect(transitions).toBeGreaterThanOrEqual(services - 2);
    expect(JSON.stringify(doc).length).toBeLessThanOrEqual(limit());
    if (name.includes('deadlock')) {
      expect(doc.deadlocks.map((d) => [d.cycle.length, d.members.length])).toEqual([[10000, 10000]]);
      const waits = doc.timeline.filter((t) => t.cause.kind === 'deadlock');
      expect(waits).toHaveLength(10000);
      expect(waits.every((t) => t.cause.deadlock === 0 && t.cause.text.length < 200)).toBe(true);
    }
  }, 2 * TIMEOUT_MS);

  it.each([
    ['replay text', ['replay', 'g.yaml']],
    ['replay --at text', ['replay', 'g.yaml', '--at', '01:30']],
    ['replay --at json', ['replay', 'g.yaml', '--at', '01:30', '--format', 'json']],
  ])('%s stays within the bound', (_, args) => {
    expect(transitions).toBeGreaterThan(0);
    const { out } = run(dir, args);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(limit());
    if (args.includes('--at') && !args.includes('json') && name.includes('chain')) {
      // The deepest service: its first links, how many are left out, and the root.
      const row = out.slice(out.indexOf(`down     ${id(4999)}`));
      expect(row).toMatch(new RegExp(`^down {5}${id(4999)} +${id(4999)} down 01:00 \\(hard dependency ${id(4998)} is down\\)\n(.*\n){4} +← … 4,994 more links …\n +← ${id(0)} down 01:00 \\(fail at 01:00 forced it down\\)\n`));
    }
  }, 2 * TIMEOUT_MS);

  it('report md, json and html stay within the bound', () => {
    expect(transitions).toBeGreaterThan(0);
    run(dir, ['report', 'g.yaml', '--format', 'md,json,html', '--out', 'out']);
    for (const ext of ['md', 'json', 'html']) {
      expect(statSync(join(dir, 'out', `g.${ext}`)).size, ext).toBeLessThanOrEqual(limit());
    }
    const md = readFileSync(join(dir, 'out', 'g.md'), 'utf8');
    if (name.includes('chain')) expect(md).toContain('… 4,994 more links …');
    else expect(md.split(id(5000)).length - 1).toBeLessThanOrEqual(20); // the audit tables and the deadlock list, not every member's line
  }, 2 * TIMEOUT_MS);
});
