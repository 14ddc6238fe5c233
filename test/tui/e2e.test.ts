/**
 * The real binary in a real terminal: `npm start` in tmux at 80×24. Keys go in one at a time;
 * assertions read the screen tmux shows. Needs `npm run build` first (the test script does it).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, Term } from './tmux.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const selected = (s: string) => s.split('\n').find((l) => l.includes('▸')) ?? '';
/** The replay clock in the header, and the end of the replay's span on the status line. */
const clockOf = (s: string) => /⏱ (\S+)/.exec(s)?.[1];
const endOf = (s: string) => /–(\S+)\s*$/m.exec(s.split('\n').find((l) => l.includes('m/s')) ?? '')?.[1];
const atEnd = (s: string) => endOf(s) !== undefined && clockOf(s) === endOf(s);

describe.skipIf(!hasTmux())('explore in a real terminal (tmux, 80×24)', () => {
  const term = Term.start(`faultline-e2e-${process.pid}`, 'npm start --silent', ROOT);
  afterAll(() => term.kill());

  it('opens full screen, moves, filters, steps the replay, shows help, follows a resize and quits cleanly', async () => {
    let s = await term.until((x) => x.includes('faultline aws-kinesis-2020') && x.includes('services'), 'the UI');
    await new Promise((r) => setTimeout(r, 300)); // let ink switch the tty to raw input
    expect(term.flag('alternate_on')).toBe('1');
    const lines = s.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(23);
    expect(lines.every((l) => [...l].length <= 80)).toBe(true);
    expect(s).toContain('? help');
    expect(s).toContain('q quit');

    const first = selected(s);
    await term.type('j');
    s = await term.until((x) => selected(x) !== first, 'the cursor to move');

    await term.type('/', 'c', 'o', 'g');
    s = await term.until((x) => x.includes('/cog█'), 'the filter prompt');
    expect(s).toContain('cognito');
    expect(s).not.toContain('dynamodb');
    await term.type('Enter');
    s = await term.until((x) => x.includes('“cog”'), 'the filter kept');
    expect(selected(s)).toContain('cognito');

    const startClock = clockOf(s);
    expect(startClock).toBe('02:44');
    await term.type('Right', 'Right', 'Right');
    s = await term.until((x) => clockOf(x) !== startClock, 'the replay clock to move');
    await term.type('G');
    s = await term.until(atEnd, 'the end of the replay');

    await term.type('?');
    s = await term.until((x) => x.includes('Every key'), 'the help overlay');
    expect(s).toContain('move down');
    await term.type('Escape');
    s = await term.until((x) => !x.includes('Every key'), 'help closed');

    term.resize(100, 30);
    s = await term.until((x) => x.split('\n').some((l) => [...l].length > 81 && l.includes('┐')), 'the layout to follow the resize');
    expect(s.split('\n').length).toBeGreaterThanOrEqual(29);

    await term.type('q');
    s = await term.until((x) => x.includes('FAULTLINE_EXIT='), 'the process to exit');
    expect(s).toContain('FAULTLINE_EXIT=0');
    expect(term.flag('alternate_on')).toBe('0');
    expect(term.flag('cursor_flag')).toBe('1');
    expect(s).not.toContain('services');
  }, 90_000);
});

describe.skipIf(!hasTmux())('explore restores the terminal when interrupted', () => {
  const run = async (name: string, interrupt: (t: Term) => void) => {
    const term = Term.start(`faultline-e2e-${name}-${process.pid}`, 'node dist/cli/main.js explore graphs/aws-kinesis-2020.yaml', ROOT);
    try {
      const s0 = await term.until((x) => x.includes('faultline aws-kinesis-2020'), 'the UI');
      expect(term.flag('alternate_on')).toBe('1');
      // A handled key proves the UI reads raw input (else Ctrl-C would be the tty's SIGINT).
      await term.type('j');
      await term.until((x) => selected(x) !== selected(s0), 'the cursor to move');
      interrupt(term);
      const s = await term.until((x) => x.includes('FAULTLINE_EXIT='), 'the process to end');
      expect(term.flag('alternate_on')).toBe('0');
      expect(term.flag('cursor_flag')).toBe('1');
      expect(s).not.toContain('services');
    } finally {
      term.kill();
    }
  };
  it('on Ctrl-C', () => run('ctrl-c', (t) => t.keys('C-c')), 60_000);
  it('on SIGTERM', () => run('sigterm', (t) => process.kill(t.childPid(), 'SIGTERM')), 60_000);
});

describe.skipIf(!hasTmux())('explore and NO_COLOR', () => {
  // Foreground/background colour escapes: 30–37, 40–47, 90–97, 100–107, 38;… and 48;… (39/49 are resets).
  const COLOUR = /\u001B\[(?:[0-9;]*;)?(?:3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)(?:;[0-9;]*)?m/;
  for (const noColor of [false, true]) {
    it(noColor ? 'shows no colour with NO_COLOR set' : 'shows colour without it', async () => {
      const term = Term.start(`faultline-e2e-color-${noColor}-${process.pid}`, 'node dist/cli/main.js explore graphs/aws-kinesis-2020.yaml', ROOT, 80, 24, noColor ? ['NO_COLOR=1'] : []);
      try {
        await term.until((x) => x.includes('faultline aws-kinesis-2020'), 'the UI');
        await new Promise((r) => setTimeout(r, 300));
        await term.type('G');
        await term.until(atEnd, 'the end of the replay');
        expect(COLOUR.test(term.styledScreen())).toBe(!noColor);
        expect(term.screen()).toMatch(/● \d+ ok/);
      } finally {
        term.kill();
      }
    }, 60_000);
  }
});
