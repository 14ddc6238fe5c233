import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';

const run = (...args: string[]) => execFileSync('node', ['dist/cli/main.js', ...args], { encoding: 'utf8' });

test('--version prints the package version', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  expect(run('--version').trim()).toBe(pkg.version);
});

test('--help lists every command with its one-line summary, and each command opens its help with it', () => {
  const help = run('--help');
  for (const [name, entry] of Object.entries(COMMANDS)) {
    expect(help).toMatch(new RegExp(`^  ${name} +${entry.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(run(name, '--help').split('\n')[0]).toBe(entry.summary);
  }
});
