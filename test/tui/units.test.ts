import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KEYMAP, lookup, type Mode } from '../../src/tui/keymap.js';
import { clean } from '../../src/tui/sanitize.js';
import { initialState, reduce, type Env } from '../../src/tui/state.js';
import { plainSummary } from '../../src/tui/summary.js';
import { toneColor } from '../../src/tui/theme.js';
import { barLine } from '../../src/tui/timeline.js';
import { lineText } from '../../src/tui/lines.js';
import { fakeData, FIXTURE } from './fake.js';
import { loadFile, loadText } from '../../src/model/load.js';
import type { Model } from '../../src/model/types.js';
import { exploreData } from '../../src/tui/data.js';
import { fleetLines } from '../../src/tui/facts.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const env: Env = { rows: ['a', 'b', 'c'], detail: [], viewLines: [], eventTimes: [0, 10, 20], endMin: 20, page: 2, helpLines: 0 };

describe('keymap', () => {
  it('binds no key twice in the same mode', () => {
    for (const mode of ['list', 'detail', 'view', 'whatifs', 'help', 'filter'] as Mode[]) {
      const seen = new Map<string, string>();
      for (const b of KEYMAP.filter((x) => x.modes.includes(mode))) {
        for (const k of b.keys) {
          expect(seen.get(k), `${k} in ${mode}: ${seen.get(k)} and ${b.command}`).toBeUndefined();
          seen.set(k, b.command);
        }
      }
    }
  });

  it('never treats a printable key as a command while filtering', () => {
    expect(lookup('q', 'filter')).toBeUndefined();
    expect(lookup('j', 'filter')).toBeUndefined();
    expect(lookup('down', 'filter')?.command).toBe('down');
    expect(lookup('q', 'list')?.command).toBe('quit');
  });
});

describe('reducer', () => {
  it('reads the mode from the state, so fast keys after / are typed, not run', () => {
    let s = initialState();
    for (const name of ['/', 'c', 'q', 'space', 'b']) s = reduce(s, { type: 'key', name, env });
    expect(s.filter).toBe('cq b');
    expect(s.quit).toBe(false);
    expect(s.view).toBe('main');
    s = reduce(s, { type: 'key', name: 'backspace', env });
    expect(s.filter).toBe('cq ');
    s = reduce(s, { type: 'key', name: 'esc', env });
    expect(s).toMatchObject({ filter: '', filtering: false });
  });

  it('steps between event instants and stops at the ends', () => {
    let s = initialState();
    s = reduce(s, { type: 'key', name: 'right', env });
    expect(s.timeMin).toBe(10);
    s = reduce(reduce(s, { type: 'key', name: 'right', env }), { type: 'key', name: 'right', env });
    expect(s.timeMin).toBe(20);
    s = reduce(s, { type: 'key', name: 'left', env });
    expect(s.timeMin).toBe(10);
    s = reduce(s, { type: 'tick', minutes: 50, endMin: 20 });
    expect(s.timeMin).toBe(20);
  });
});

describe('safety and colour', () => {
  it('shows escapes in names as visible text, never as control characters', () => {
    const out = clean('evil\u001B[2J\u001B]0;title\u0007name\u009B1m');
    expect(out).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
    expect(out).toContain('evil');
  });

  it('NO_COLOR: no tone has a colour', () => {
    for (const t of ['ok', 'degraded', 'down', 'accent', 'muted', 'warn'] as const) {
      expect(toneColor(t, false)).toBeUndefined();
      if (t !== 'muted') expect(toneColor(t, true)).toBeDefined();
    }
  });

  it('the timeline bar marks events and the current time within its width', () => {
    const bar = lineText(barLine([0, 30, 60], 60, 30, 21));
    expect([...bar]).toHaveLength(21);
    expect(bar[10]).toBe('◆');
    expect(bar[20]).toBe('┼');
    // The selected service's changes (N/P) over the event marks.
    const marked = lineText(barLine([0, 30, 60], 60, 30, 21, [60]));
    expect(marked[20]).toBe('●');
    expect(marked[0]).toBe('┼');
  });
});

describe('plain output without a terminal', () => {
  it('summarises the replay in plain text', () => {
    const text = plainSummary(fakeData());
    expect(text).toContain('scenario db-dies');
    expect(text).toMatch(/09:10\s+db\s+ok\s+→ down/);
    expect(text).toContain('no-auth-on-pager');
    expect(text).not.toMatch(/\u001B/);
  });

  it('the explore command reaches ink and react only through a dynamic import', () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
        const spec = m[1]!;
        if (/^(ink|react)(\/|$)/.test(spec)) bad.push(`${file} imports ${spec}`);
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      }
    };
    visit(resolve(ROOT, 'src/cli/explore.ts'));
    expect(bad).toEqual([]);
    expect(seen.size).toBeGreaterThan(5);
  });

  it('piped, the binary prints the summary and exits 0', () => {
    const r = spawnSync(process.execPath, ['dist/cli/main.js', 'explore', FIXTURE], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DEV: '' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('scenario db-dies');
    expect(r.stdout).toContain('Run in a terminal');
  });

  it('--focus: the summary names the neighbourhood; an unknown service is exit 2 with a hint', () => {
    const r = spawnSync(process.execPath, ['dist/cli/main.js', 'explore', FIXTURE, '--focus', 'cache-a', '--depth', '1'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DEV: '' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('focus: cache-a within 1 hops — 2 services: api, cache-a');
    const bad = spawnSync(process.execPath, ['dist/cli/main.js', 'explore', FIXTURE, '--focus', 'cache-c'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no service "cache-c".*did you mean/);
  });

  it('bad input: located error, exit 2, no stack', () => {
    const r = spawnSync(process.execPath, ['dist/cli/main.js', 'explore', FIXTURE, '--scenario', 'nope'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no scenario "nope"');
    expect(r.stderr).not.toContain('    at ');
    const missing = spawnSync(process.execPath, ['dist/cli/main.js', 'explore', 'no-such.yaml'], { cwd: ROOT, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^no-such\.yaml:1:1: error/);
  });
});


describe('fleet tab', () => {
  const kinesis = loadFile(resolve(ROOT, 'graphs/aws-kinesis-2020.yaml')).value!;
  const fleetTab = (model: Model, id: string, timeMin: number) => {
    const data = exploreData(model);
    const view = data.view();
    const ctx = { data, view, states: view.statesAt(timeMin), blast: new Map(), timeMin, width: 100 };
    return fleetLines(ctx, model.byId.get(id)!).map(lineText);
  };

  it('shows the threads the replay has in use at the current time, not at the configured size', () => {
    // 02:44 + 2h: the 400 added nodes are connecting at 2.65/min, still below the limit.
    const before = fleetTab(kinesis, 'kinesis-frontend', 0);
    const during = fleetTab(kinesis, 'kinesis-frontend', 120);
    const after = fleetTab(kinesis, 'kinesis-frontend', 160);
    expect(before).toContain('at 02:44: 4,000 nodes, 3,999 peers connected per node');
    expect(before).toContain('used 32,369 of limit 32,768 (98.8%) now');
    expect(during).toContain('at 04:44: 4,400 nodes, 4,317 peers connected per node');
    expect(during).toContain('used 32,687 of limit 32,768 (99.8%) now');
    expect(after).toContain('used 32,769 of limit 32,768 (100.0%) now');
  });

  it('says "at once" for a mesh without a connect rate, never "Infinity/min"', () => {
    const m = loadText('faultline: 1\nname: t\nservices:\n  f: { fleet: { nodes: 10, mesh: { peers: all }, perNode: { conns: { perPeer: 1, limit: 100 } } } }\n', 't.yaml').value!;
    const tab = fleetTab(m, 'f', 0);
    expect(tab[0]).toBe('10 nodes · mesh all peers, connecting at once');
    expect(tab.join('\n')).not.toMatch(/Infinity/);
    expect(tab).toContain('used 9 of limit 100 (9.0%) at the configured size');
  });
});

describe('cleanup registry', () => {
  it('runs every step once, newest first, even when one throws', async () => {
    const { createCleanup } = await import('../../src/tui/cleanup.js');
    const c = createCleanup();
    const order: string[] = [];
    c.add(() => order.push('leave screen'));
    c.add(() => { order.push('unmount'); throw new Error('already gone'); });
    c.run();
    c.run();
    expect(order).toEqual(['unmount', 'leave screen']);
    expect(c.done).toBe(true);
  });
});

describe('architecture', () => {
  it('only tui/data.ts calls the engine and the audit; the rest of tui/ imports their types only', () => {
    const dir = resolve(ROOT, 'src/tui');
    const offenders: string[] = [];
    for (const f of readdirSync(dir)) {
      if (f === 'data.ts') continue;
      const src = readFileSync(resolve(dir, f), 'utf8');
      for (const m of src.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'(\.\.\/(?:engine|analysis)\/[^']+)'/gm)) {
        if (!m[1]) offenders.push(`${f}: ${m[2]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
