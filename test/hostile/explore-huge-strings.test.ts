/**
 * `explore` on a terminal (tmux) with 1 MB strings from the file — the graph's, a service's, the
 * scenario's and a what-if's title, an event note, a milestone (issue 12 item 7): the UI draws
 * (every string is cut for display), steps through the events that show the note and the milestone,
 * and both `q` and SIGTERM end it with the terminal restored (main screen, cursor shown). Uncut, the
 * first frame never came and neither `q` nor SIGTERM got through. Needs `npm run build` first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, Term } from '../tui/tmux.js';

const BIN = resolve('dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'faultline-huge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MB = 't'.repeat(1_000_000);
writeFileSync(join(dir, 'g.yaml'), `faultline: 1
name: h
title: "${MB}"
services:
  a: { title: "${MB}", description: "${MB}" }
  b: { dependsOn: [a] }
scenarios:
  s:
    title: "${MB}"
    start: 2020-01-01T00:00:00Z
    events:
      - { at: "00:10", fail: { service: a }, note: "${MB}" }
      - { at: "00:20", milestone: "${MB}" }
    whatIfs:
      w: { title: "${MB}", patch: { services: { b: { dependsOn: [{ on: a, type: soft }] } } } }
`);

describe.skipIf(!hasTmux())('explore with 1 MB strings draws, and quits cleanly', () => {
  // Keeps the private tmux server up between the runs (it exits with its last session, and a new
  // session started while it exits fails).
  let keeper: Term | undefined;
  beforeAll(() => { keeper = Term.start(`faultline-huge-keeper-${process.pid}`, 'true', dir); });
  afterAll(() => keeper?.kill());
  const run = async (name: string, end: (t: Term) => void, exit: string) => {
    const term = Term.start(`faultline-huge-${name}-${process.pid}`, `node ${BIN} explore g.yaml`, dir, 100, 30);
    try {
      await term.until((x) => x.includes('faultline h') && x.includes('q quit'), 'the first frame');
      expect(term.flag('alternate_on')).toBe('1');
      await term.type('Right', 'Right', 'Right');
      const s = await term.until((x) => x.includes('⏱ 00:20'), 'the replay to step to the milestone');
      // Every line is cut: no drawn line is longer than the terminal.
      expect(s.split('\n').every((l) => [...l].length <= 100)).toBe(true);
      expect(s).toMatch(/t+…/);
      end(term);
      const after = await term.until((x) => x.includes('FAULTLINE_EXIT='), 'the process to end');
      expect(after).toContain(`FAULTLINE_EXIT=${exit}`);
      expect(term.flag('alternate_on')).toBe('0');
      expect(term.flag('cursor_flag')).toBe('1');
    } finally {
      term.kill();
    }
  };
  it('on q', () => run('q', (t) => t.keys('q'), '0'), 90_000);
  it('on SIGTERM', () => run('term', (t) => process.kill(t.childPid(), 'SIGTERM'), '143'), 90_000);
});
