import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/app.js';
import { KEYMAP } from '../../src/tui/keymap.js';
import { fakeData } from './fake.js';
import { KEY, mount } from './ink.js';

const W = 100;
const LIST_W = 40; // min(44, max(26, 0.4 × 100))
const app = () => mount(<App data={fakeData()} width={W} height={30} color={false} />);
/** The selected row of the service list (left pane only). */
const selected = (f: string) => f.split('\n').map((l) => l.slice(0, LIST_W)).find((l) => l.includes('▸')) ?? '';
const listPane = (f: string) => f.split('\n').map((l) => l.slice(0, LIST_W)).join('\n');
const detailPane = (f: string) => f.split('\n').map((l) => l.slice(LIST_W)).join('\n');

afterEach(() => cleanup());

describe('explore: navigation', () => {
  it('starts on the first service and moves with j/k and the arrows', async () => {
    const a = await app();
    expect(selected(a.frame())).toContain('api');
    await a.press('j');
    await a.until((f) => selected(f).includes('auth'), 'auth selected');
    await a.press(KEY.down, KEY.down);
    await a.until((f) => selected(f).includes('cache-b'), 'cache-b selected');
    expect(detailPane(a.frame())).toContain('Cache B · datastore');
    await a.press('k', KEY.up);
    await a.until((f) => selected(f).includes('auth'), 'back to auth');
  });

  it('sorts by state with s, down services first', async () => {
    const a = await app();
    await a.press(KEY.right, 's', 's');
    const f = await a.until((x) => x.includes('by blast'), 'sorted by blast');
    await a.press('s', 's');
    const byState = await a.until((x) => x.includes('by state'), 'sorted by state');
    const rows = listPane(byState).split('\n').filter((l) => /[●▲✖] /.test(l));
    expect(rows.slice(0, 3).every((r) => r.includes('✖'))).toBe(true);
    expect(f).toBeTruthy();
  });
});

describe('explore: filter', () => {
  it('filters as you type, keeps the filter on enter and clears it on esc', async () => {
    const a = await app();
    await a.press('/', 'c', 'a');
    let f = await a.until((x) => x.includes('/ca█'), 'filter prompt');
    expect(listPane(f)).toContain('cache-a');
    expect(listPane(f)).toContain('cache-b');
    expect(listPane(f)).not.toContain('web');
    expect(f).toContain('2/9');
    await a.press(KEY.backspace);
    f = await a.until((x) => x.includes('/c█'), 'one character deleted');
    await a.press('a', KEY.enter);
    f = await a.until((x) => x.includes('“ca” 2/9'), 'filter kept');
    await a.press('j');
    await a.until((x) => selected(x).includes('cache-b'), 'moving inside the filtered list');
    await a.press(KEY.esc);
    f = await a.until((x) => listPane(x).includes('web'), 'filter cleared');
  });

  it('types j, k, q and space into the filter instead of running them', async () => {
    const a = await app();
    await a.press('/', 'q', ' ', 'j');
    const f = await a.until((x) => x.includes('/q j█'), 'typed text');
    expect(f).toContain('0/9');
  });
});

describe('explore: detail tabs', () => {
  it('switches tabs with numbers and tab', async () => {
    const a = await app();
    await a.press('2');
    let f = await a.until((x) => detailPane(x).includes('├─ ● db'), 'dependency tree of api');
    expect(detailPane(f)).toContain('any of (hard)');
    expect(detailPane(f)).toContain('cache-a');
    await a.press(KEY.tab);
    f = await a.until((x) => detailPane(x).includes('web'), 'dependents of api');
    expect(detailPane(f)).toContain('metrics');
    await a.press('5');
    f = await a.until((x) => /cycle/.test(detailPane(x)), 'cycles tab');
    await a.press('1');
    await a.until((x) => detailPane(x).includes('nothing holds it down'), 'why tab');
  });
});

describe('explore: replay', () => {
  it('stepping the replay changes the rendered states and the why chain', async () => {
    const a = await app();
    expect(a.frame()).toContain('✖ 0 down');
    await a.press(KEY.right);
    let f = await a.until((x) => x.includes('09:10') && x.includes('✖ 3 down'), 'state at 09:10');
    expect(selected(f)).toContain('✖ api');
    expect(detailPane(f)).toContain('api down since 09:10');
    expect(detailPane(f)).toContain('← ✖ db down since 09:10');
    expect(detailPane(f)).toContain('scenario: fail db');
    await a.press('/', 'w', 'e', 'b', KEY.enter);
    f = await a.until((x) => detailPane(x).includes('web down since 09:10'), 'web at 09:10');
    expect(detailPane(f)).toContain('09:12 ✖ down  Δ 2m');
    expect(detailPane(f)).toContain('pages fail');
    await a.press(KEY.esc, KEY.right);
    f = await a.until((x) => x.includes('▲ 1 degraded'), 'state at 09:20');
    await a.press('G');
    f = await a.until((x) => x.includes('⏱ 10:00') && x.includes('✖ 0 down'), 'end');
    await a.press(KEY.left, KEY.left);
    await a.until((x) => x.includes('⏱ 09:10'), 'two events back');
    await a.press('g');
    await a.until((x) => x.includes('⏱ 09:00'), 'start');
  });

  it('plays with space and pauses again', async () => {
    const a = await mount(<App data={fakeData()} width={W} height={30} color={false} tickMs={10} />);
    await a.press('+', '+', '+', ' ');
    await a.until((x) => x.includes('▶') && !x.includes('⏱ 09:00'), 'time advancing');
    await a.until((x) => x.includes('⏱ 10:00') && x.includes('⏸'), 'stops at the end');
  });
});

describe('explore: drill-down and back', () => {
  it('enter opens the details, enter on a dependency drills into it, esc goes back', async () => {
    const a = await app();
    await a.press('/', 'w', 'e', 'b', KEY.enter);
    await a.until((x) => selected(x).includes('web'), 'web selected');
    await a.press('2', KEY.enter);
    let f = await a.until((x) => detailPane(x).includes('▸'), 'detail focused');
    expect(detailPane(f).split('\n').find((l) => l.includes('▸'))).toContain('api');
    await a.press(KEY.enter);
    f = await a.until((x) => detailPane(x).includes('API · service'), 'drilled into api');
    expect(f).not.toContain('“web”'); // api is not in the "web" filter: the filter was cleared
    await a.press(KEY.enter); // the first dependency of api is db
    f = await a.until((x) => detailPane(x).includes('Database · datastore'), 'drilled into db');
    await a.press(KEY.esc);
    await a.until((x) => detailPane(x).includes('API · service'), 'back to api');
    await a.press(KEY.backspace);
    f = await a.until((x) => detailPane(x).includes('Storefront'), 'back to web');
    expect(f).toContain('“web”');
  });
});

describe('explore: views and help', () => {
  it('? shows every key of the keymap and closes again', async () => {
    const a = await mount(<App data={fakeData()} width={W} height={60} color={false} />);
    await a.press('?');
    const f = await a.until((x) => x.includes('Every key'), 'help overlay');
    for (const b of KEYMAP) expect(f).toContain(b.help.slice(0, 30));
    await a.press('?');
    await a.until((x) => !x.includes('Every key'), 'help closed');
  });

  it('c lists cycles with paths; enter opens the service', async () => {
    const a = await app();
    await a.press('c');
    const f = await a.until((x) => x.includes('Incident-tooling cycles'), 'cycles view');
    expect(f).toMatch(/pager → auth/);
    expect(f).toMatch(/Runtime cycles over hard\/buffered edges: 1/);
    await a.press(KEY.enter);
    await a.until((x) => x.includes('services 9'), 'back in the main screen');
  });

  it('w toggles a what-if: the replay changes', async () => {
    const a = await app();
    await a.press(KEY.right);
    await a.until((x) => x.includes('✖ 3 down'), 'baseline at 09:10');
    await a.press('w');
    await a.until((x) => x.includes('[ ] 1. no-auth-on-pager'), 'what-if view');
    await a.press(' ');
    const f = await a.until((x) => x.includes('[x] 1. no-auth-on-pager'), 'what-if on');
    expect(f).toContain('what-if no-auth-on-pager');
    expect(f).toContain('✖ 1 down');
    await a.press(' ');
    await a.until((x) => x.includes('✖ 3 down') && !x.includes('what-if no-auth'), 'what-if off');
  });

  it('b ranks services by blast radius', async () => {
    const a = await app();
    await a.press('b');
    const f = await a.until((x) => x.includes('blast-radius ranking'), 'blast view');
    const rows = f.split('\n').filter((l) => /^\W*\s+\d+\s{2}\S/.test(l));
    expect(rows.length).toBeGreaterThan(3);
  });

  it('q quits', async () => {
    const a = await app();
    await a.press('q');
    // ink has exited: keys are no longer handled, so j does not move the cursor off api
    await a.press('j');
    await new Promise((r) => setTimeout(r, 50));
    expect(selected(a.frame())).toContain('api');
  });
});

describe('explore: fits the terminal', () => {
  for (const [w, h] of [[80, 24], [120, 40], [60, 16]] as const) {
    it(`at ${w}×${h} the frame is at most ${h - 1} rows of at most ${w} columns, in every screen`, async () => {
      const a = await mount(<App data={fakeData()} width={w} height={h} color={false} />);
      const check = (f: string) => {
        const rows = f.split('\n');
        expect(rows.length).toBeLessThanOrEqual(h - 1);
        for (const r of rows) expect([...r].length).toBeLessThanOrEqual(w);
      };
      check(a.frame());
      for (const key of ['2', '3', '4', '5', '6', '?', '?', 'c', 'b', 'w', 'w', 't', 'z', 'j', 'f', 'N', 'z', 't', 'f']) {
        await a.press(key);
        check(a.frame());
      }
    });
  }
});

describe('explore: following a cause chain', () => {
  it('⏎ ⏎ in the why tab opens the cause; esc comes back', async () => {
    const a = await app();
    await a.press(KEY.right, '/', 'w', 'e', 'b', KEY.enter);
    await a.until((x) => detailPane(x).includes('web down since 09:10'), 'why of web');
    await a.press(KEY.enter, KEY.enter);
    let f = await a.until((x) => detailPane(x).includes('API · service'), 'opened the cause: api');
    expect(detailPane(f)).toContain('api down since 09:10');
    await a.press(KEY.enter);
    f = await a.until((x) => detailPane(x).includes('Database · datastore'), 'and its cause: db');
    await a.press(KEY.esc, KEY.esc);
    await a.until((x) => detailPane(x).includes('Storefront'), 'back to web');
  });
});

describe('explore --focus', () => {
  it('lists only the neighbourhood, says so in the list title, and keeps the whole graph for analyses', async () => {
    const { neighbourhood } = await import('../../src/analysis/neighbourhood.js');
    const data = fakeData();
    const focus = neighbourhood(data.model, 'cache-a', 1)!;
    const a = await mount(<App data={{ ...data, focus, view: data.view }} width={W} height={30} color={false} />);
    const list = listPane(a.frame());
    expect(list).toContain('2 near cache-a (1 hops)');
    expect(list).toMatch(/api/);
    expect(list).toMatch(/cache-a/);
    expect(list).not.toMatch(/cache-b|auth|web/);
  });
});
