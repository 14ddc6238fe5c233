/**
 * Progress of a long audit goes to stderr when stderr is a terminal — also when stdout is redirected
 * (`faultline audit G --format json > out.json`) — and never into the output.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import auditCommand from '../../src/cli/audit.js';
import type { Io } from '../../src/cli/command.js';

function chain(n: number): string {
  const lines = ['faultline: 1', 'name: chain', 'services:'];
  for (let i = 0; i < n; i++) lines.push(`  s${i}:`, ...(i + 1 < n ? [`    dependsOn: [s${i + 1}]`] : ['    entrypoint: false']));
  return `${lines.join('\n')}\n`;
}

async function runAudit(errIsTTY: boolean | undefined, isTTY: boolean, file: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY, color: false, ...(errIsTTY === undefined ? {} : { errIsTTY }) };
  await auditCommand.run({ format: 'json', top: '20', 'no-rules': true }, [file], io);
  return { out: out.join(''), err: err.join('') };
}

test('stdout redirected, stderr a terminal: stages and blast-radius percentages on stderr, clean JSON on stdout', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'faultline-progress-')), 'chain.yaml');
  writeFileSync(file, chain(6_000));
  const r = await runAudit(true, false, file);
  expect(r.err).toContain('blast radius');
  expect(r.err).toMatch(/blast radius \d+ %/);
  expect(r.err.endsWith('\r\u001b[2K')).toBe(true);
  expect(JSON.parse(r.out).blastRadius).toHaveLength(6_000);
  expect((await runAudit(false, false, file)).err).toBe('');
  expect((await runAudit(false, true, file)).err).toBe('');
}, 60_000);
