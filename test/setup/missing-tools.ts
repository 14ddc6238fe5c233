/**
 * vitest globalSetup: one line naming the external programs some suites need and this machine lacks
 * (those suites skip themselves with describe.skipIf), so a skip is never silent.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { CHROMIUM } from '../report/browser.js';

export default function setup(): void {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM}: the HTML and Mermaid browser tests)`);
  if (spawnSync('tmux', ['-V']).status !== 0) missing.push('tmux (the terminal UI end-to-end tests)');
  if (missing.length > 0) {
    process.stderr.write(`SKIPPED, install to run them: ${missing.join('; ')} — e.g. apt-get install ${missing.map((m) => m.split(' ')[0]).join(' ')}\n`);
  }
}
