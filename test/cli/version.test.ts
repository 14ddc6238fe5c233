import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

test('--version prints the package version', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  expect(execFileSync('node', ['dist/cli/main.js', '--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
});
