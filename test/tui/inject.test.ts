/**
 * Terminal injection, measured on the wire: the explorer runs in tmux on a graph whose every string
 * carries an attack (OSC 52 clipboard writes, OSC 0 window titles, OSC 8 links, DCS, CSI colours, C1
 * controls, bidi overrides, zero-width characters; test/tui/fixtures/inject.yaml). `pipe-pane` records
 * the raw bytes the program writes while we visit every pane, and the recording must hold only the
 * escapes ink itself writes (CSI sequences and nothing from the file) and no C1, bidi or invisible
 * character. Needs `npm run build` first (the test script does it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, Term } from './tmux.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Escapes ink writes: CSI only (SGR colours, cursor moves, erase, private modes), never OSC/DCS. */
const CSI = /^\u001b\[[0-9;?]*[A-Za-z]/;

export function foreignEscapes(raw: string): string[] {
  const bad: string[] = [];
  for (let i = raw.indexOf('\u001b'); i >= 0; i = raw.indexOf('\u001b', i + 1)) {
    const m = CSI.exec(raw.slice(i, i + 40));
    if (!m) bad.push(JSON.stringify(raw.slice(i, i + 20)));
    // The file's own colour: ink never writes 256-colour magenta.
    else if (m[0] === '\u001b[38;5;201m') bad.push(JSON.stringify(m[0]));
  }
  return bad;
}

describe.skipIf(!hasTmux())('explore draws nothing from the file raw (tmux pipe-pane recording)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-inject-'));
  const ready = join(dir, 'ready');
  const rec = join(dir, 'pane.raw');
  // The program waits until the recording runs, so its first frame is recorded too.
  const term = Term.start(`faultline-inject-${process.pid}`,
    `sh -c "until test -e ${ready}; do sleep 0.1; done; exec node dist/cli/main.js explore test/tui/fixtures/inject.yaml"`, ROOT, 160, 30);
  afterAll(() => { term.kill(); rmSync(dir, { recursive: true, force: true }); });

  it('visits every pane and the recording holds only ink\'s own CSI escapes', async () => {
    term.record(rec);
    writeFileSync(ready, '');
    await term.until((x) => x.includes('faultline inject'), 'the UI');
    await new Promise((r) => setTimeout(r, 300));
    // Status line at the start shows the milestone; then every event, every tab of every service.
    const seen: string[] = [await term.until((x) => x.includes('milestone'), 'the milestone on the status line')];
    await term.type('n');
    seen.push(await term.until((x) => x.includes('db fails'), 'the fail event'));
    for (let row = 0; row < 3; row++) {
      for (const tab of ['1', '2', '3', '4', '5', '6']) { await term.type(tab); seen.push(term.screen()); }
      await term.type('j');
    }
    // Grouped by team: the team names in the list and a team's detail pane, collapsed and open.
    await term.type('t');
    seen.push(await term.until((x) => x.includes('· teams'), 'the team list'));
    await term.type('z');
    seen.push(term.screen());
    await term.type('t');
    await term.type('g', 'w');
    seen.push(await term.until((x) => x.includes('what-if'), 'the what-if view'));
    await term.type('space');
    await term.type('Escape', 'c');
    seen.push(term.screen());
    await term.type('Escape', 'b');
    seen.push(term.screen());
    await term.type('Escape', '?');
    seen.push(term.screen());
    await term.type('Escape', 'q');
    await term.until((x) => x.includes('FAULTLINE_EXIT='), 'the process to exit');

    const raw = readFileSync(rec, 'utf8');
    const all = seen.join('\n');
    expect(raw.length).toBeGreaterThan(2000);
    expect(foreignEscapes(raw)).toEqual([]);
    expect(raw).not.toMatch(/[\u0080-\u009f]/);
    expect(raw).not.toMatch(/[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/);
    expect(raw).not.toContain('\u0007');
    expect(term.flag('pane_title')).not.toContain('PWNED');
    // The attacks were drawn, as visible text: the payloads reached the screen defused.
    expect(all).toContain('\\u001b]0;PWNED-SCENARIO');
    expect(all).toContain('\\u001b]52;c;bWlsZXN0b25l');
    expect(all).toContain('\\u202eevil');
    expect(all).toContain('zero\\u200bwidth');
  }, 120_000);
});
