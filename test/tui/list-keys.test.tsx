/** The keys for big graphs: group by team (t, z, ⏎), focus (f, [, ]), a service's changes (N, P), and the first frame before the replay. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/app.js';
import type { ExploreData, Part, ReplayView } from '../../src/tui/data.js';
import { fakeData } from './fake.js';
import { KEY, mount } from './ink.js';

const W = 100;
const LIST_W = 40;
const app = (data: ExploreData = fakeData()) => mount(<App data={data} width={W} height={30} color={false} />);
const listPane = (f: string) => f.split('\n').map((l) => l.slice(0, LIST_W)).join('\n');
const cursorRow = (f: string) => f.split('\n').map((l) => l.slice(0, LIST_W)).find((l) => /║▸/.test(l)) ?? '';

afterEach(() => cleanup());

describe('explore: t groups the list by team', () => {
  it('shows collapsed teams with their size, ⏎ expands one, z expands and collapses all', async () => {
    const a = await app();
    await a.press('t');
    let f = await a.until((x) => x.includes('· teams'), 'grouped');
    const list = listPane(f);
    // Teams by name, "(no team)" for services without one; collapsed: no service row.
    expect(list).toMatch(/▸ ● \(no team\) \(2\)/);
    expect(list).toMatch(/▸ ● data \(3\)/);
    expect(list).toMatch(/▸ ● platform \(2\)/);
    expect(list).toMatch(/▸ ● storefront \(2\)/);
    expect(list).not.toContain('cache-a');
    await a.press('j', KEY.enter);
    f = await a.until((x) => listPane(x).includes('▾ ● data'), 'data expanded');
    expect(listPane(f)).toMatch(/ {2}● cache-a/);
    expect(listPane(f)).not.toContain('api');
    expect(f).toContain('team data · 3 services');
    await a.press('z');
    f = await a.until((x) => listPane(x).includes('web'), 'every team expanded');
    expect(listPane(f)).toContain('fleet-svc');
    await a.press('z');
    await a.until((x) => !listPane(x).includes('web') && !listPane(x).includes('cache-a'), 'every team collapsed');
    await a.press('t');
    await a.until((x) => listPane(x).includes('web') && !x.includes('· teams'), 'flat list again');
  });

  it('a selected service in a collapsed team selects its team row: j/k and ⏎ go from there', async () => {
    const a = await app();
    await a.press('/', 'w', 'e', 'b', KEY.enter, KEY.enter, KEY.esc, KEY.esc);
    await a.until((x) => cursorRow(x).includes('web') && x.includes('services 9 ·'), 'web selected, filter cleared');
    await a.press('t');
    await a.until((x) => cursorRow(x).includes('storefront'), "web's team row");
    await a.press('k');
    await a.until((x) => cursorRow(x).includes('platform'), 'the team above');
    await a.press('j', KEY.enter);
    const f = await a.until((x) => listPane(x).includes('▾ ● storefront'), 'storefront opened');
    expect(listPane(f)).toContain('web');
  });

  it('handles ⏎ inside a chunk of keys typed faster than the terminal is read ("j⏎")', async () => {
    const a = await app();
    await a.press('t', 'j\r');
    await a.until((x) => listPane(x).includes('▾ ● data'), 'data expanded');
  });

  it("aggregates the members' states and follows the replay", async () => {
    const a = await app();
    await a.press('t', KEY.right);
    const f = await a.until((x) => x.includes('09:10') && x.includes('✖ 3 down'), 'at 09:10');
    expect(listPane(f)).toMatch(/▸ ✖ data \(3\) ✖1/);
    expect(listPane(f)).toMatch(/▸ ✖ storefront \(2\) ✖2/);
    expect(listPane(f)).toMatch(/▸ ● platform \(2\)/);
  });
});

describe('explore: f focuses on the selected service', () => {
  it("lists only its neighbourhood; [ and ] change the hops; f again lists everything", async () => {
    const a = await app();
    await a.press('j', 'j');
    await a.until((x) => cursorRow(x).includes('cache-a'), 'cache-a selected');
    await a.press('f');
    let f = await a.until((x) => x.includes('near cache-a (2 hops)'), 'focused');
    // Dependents of cache-a: api (1 hop), then web and metrics (2 hops); it depends on nothing.
    expect(listPane(f)).toContain('services 4 near cache-a');
    for (const id of ['api', 'cache-a', 'web', 'metrics']) expect(listPane(f)).toContain(id);
    expect(listPane(f)).not.toMatch(/cache-b|auth|pager|db /);
    await a.press('[');
    f = await a.until((x) => x.includes('near cache-a (1 hops)'), 'one hop');
    expect(listPane(f)).toContain('services 2 near');
    expect(listPane(f)).not.toContain('web');
    await a.press(']', ']');
    await a.until((x) => x.includes('near cache-a (3 hops)'), 'three hops');
    await a.press('f');
    f = await a.until((x) => x.includes('services 9 ·'), 'focus dropped');
    expect(f).not.toContain('near');
  });

  it('f on a team row says to select a service', async () => {
    const a = await app();
    await a.press('t', 'f');
    await a.until((x) => x.includes('f focuses on a service: select one'), 'the notice');
    await a.press('j');
    await a.until((x) => !x.includes('f focuses on a service') && x.includes('j/k move'), 'the hints back');
  });
});

describe('explore: N and P step through the selected service\'s state changes', () => {
  it('skips other services\' events, and says when there is no further change', async () => {
    const a = await app();
    await a.press('/', 'w', 'e', 'b', KEY.enter);
    let f = await a.until((x) => cursorRow(x).includes('web'), 'web selected');
    // The timeline bar marks web's two changes (09:10 and 10:00, the end) with ●.
    expect(f.split('\n').find((l) => l.includes('◆'))!.match(/●/g)).toHaveLength(2);
    await a.press('N');
    await a.until((x) => x.includes('⏱ 09:10'), 'web goes down at 09:10');
    // → would stop at 09:20 (cache-a degrades); N goes to web's next change, 10:00.
    await a.press('N');
    await a.until((x) => x.includes('⏱ 10:00'), "web's next change");
    await a.press('N');
    await a.until((x) => x.includes('web: no state change after this time'), 'nothing later');
    await a.press('P');
    await a.until((x) => x.includes('⏱ 09:10') && !x.includes('no state change'), 'back to 09:10');
    await a.press('P');
    f = await a.until((x) => x.includes('web: no state change before this time'), 'nothing earlier');
    expect(f).toContain('⏱ 09:10');
  });
});

/** The fake data, but with the replay and the audit computed only when the UI asks (like data.ts). */
function lazyData(): { data: ExploreData; asked: Part[] } {
  const d = fakeData();
  const asked: Part[] = [];
  const wrap = (v: ReplayView): ReplayView => ({
    ...v,
    has: (p) => asked.includes(p),
    computeNext() {
      const p = (['replay', 'audit'] as const).find((x) => !asked.includes(x));
      if (p) asked.push(p);
      return p;
    },
  });
  const base = wrap(d.view());
  return { data: { ...d, view: (w) => (w ? d.view(w) : base) }, asked };
}

describe('explore: the first frame comes before the replay and the audit', () => {
  it('draws the list with "computing…", then the states, replay first', async () => {
    const { data, asked } = lazyData();
    const a = await app(data);
    const first = a.frames[0] ?? '';
    expect(first).toContain('computing the replay…');
    expect(listPane(first)).toMatch(/▸· api/);
    expect(first).not.toMatch(/● \d+ ok/);
    const f = await a.until((x) => x.includes('● 9 ok') && !x.includes('computing'), 'everything computed');
    expect(asked).toEqual(['replay', 'audit']);
    expect(listPane(f)).toMatch(/▸● api/);
  });
});
