/**
 * The HTML report of a generated 2,000-service graph (~12,000 edges) in headless Chromium: it opens
 * with readable labels, search selects, highlights and centres a service, focus shows exactly the
 * N-hop neighbourhood (the same one `--focus` uses), and grouping by team collapses and expands.
 * No timings here: speed is measured in `npm run bench -- html`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neighbourhood } from '../../src/analysis/neighbourhood.js';
import { syntheticReport } from '../../src/bench/html.js';
import type { Model } from '../../src/model/types.js';
import { CHROMIUM, hasChromium, launch } from './browser.js';

// Browser globals, used only inside page.evaluate callbacks (this project's TS lib has no DOM).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;

if (!hasChromium) console.warn(`SKIPPED big-graph browser test: ${CHROMIUM} not found`);

describe.skipIf(!hasChromium)('the 2,000-service HTML report in Chromium', () => {
  let dir: string;
  let page: Page;
  let model: Model;
  let close: () => Promise<void>;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-big-'));
    const r = syntheticReport(dir, 2_000);
    model = r.model;
    const b = await launch();
    close = b.close;
    page = await b.context.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(r.file).href, { timeout: 180_000 });
    await page.waitForFunction(() => 'faultline' in window, undefined, { timeout: 180_000 });
  }, 300_000);

  afterAll(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Where a node is drawn, relative to the graph's box, and the box's size. */
  const placement = (id: string) => page.evaluate((n) => {
    const box = document.getElementById('cy').getBoundingClientRect();
    const p = window.cy.getElementById(n).renderedPosition();
    return { x: p.x, y: p.y, w: box.width, h: box.height };
  }, id);
  const inside = (p: { x: number; y: number; w: number; h: number }) => p.x > 0 && p.y > 0 && p.x < p.w && p.y < p.h;

  it('opens with every service and labels of at least 11 px, on the root cause', async () => {
    const facts = await page.evaluate(() => ({
      nodes: window.cy.nodes().length, edges: JSON.parse(document.getElementById('faultline-data').textContent).edges.length, drawn: window.cy.edges().length,
      px: parseFloat(window.cy.nodes()[0].style('font-size')) * window.cy.zoom(),
    }));
    expect(facts.nodes).toBe(2_000);
    expect(facts.edges).toBeGreaterThan(11_000);
    // Only tooling-cycle edges are drawn until asked: the selection's, the focus's or all of them.
    expect(facts.drawn).toBeLessThan(1_000);
    expect(facts.px).toBeGreaterThanOrEqual(11);
    const root = await page.evaluate(() => JSON.parse(document.getElementById('faultline-data').textContent).start);
    expect(inside(await placement(root))).toBe(true);
    mkdirSync(resolve('test/artifacts'), { recursive: true });
    await page.screenshot({ path: resolve('test/artifacts/report-2000.png') });
    expect(problems).toEqual([]);
  });

  it('search by id selects, highlights and centres the service', async () => {
    const id = 'svc-1777';
    await page.evaluate(() => { window.cy.panBy({ x: 5_000, y: 5_000 }); });
    expect(inside(await placement(id))).toBe(false);
    await page.fill('#search', id);
    expect((await page.locator('#search-results li').allTextContents())[0]).toContain(id);
    await page.press('#search', 'Enter');
    const s = await page.evaluate((n) => {
      const node = window.cy.getElementById(n);
      return { selected: window.cy.$(':selected').map((x: { id(): string }) => x.id()), degree: node.connectedEdges().length,
        hl: node.connectedEdges('.hl').length, otherHl: window.cy.edges('.hl').length, px: parseFloat(node.style('font-size')) * window.cy.zoom() };
    }, id);
    expect(s.selected).toEqual([id]);
    expect(s.hl).toBe(s.degree);
    expect(s.otherHl).toBe(s.degree);
    expect(s.px).toBeGreaterThanOrEqual(11);
    expect(inside(await placement(id))).toBe(true);
    expect(await page.locator('#details h2').textContent()).toBe('Service 1777');
  });

  it('search matches titles and teams too', async () => {
    await page.fill('#search', 'Service 42');
    expect(await page.evaluate(() => window.faultline.search('Service 42').slice(0, 3))).toEqual(['svc-0042', 'svc-0420', 'svc-0421']);
    const team = await page.evaluate(() => window.faultline.search('team-13'));
    expect(team).toEqual(model.services.filter((x) => x.team?.includes('team-13')).map((x) => x.id).sort());
    await page.fill('#search', '');
  });

  it('focus shows exactly the N-hop neighbourhood of the selection and hides the rest', async () => {
    const id = 'svc-1777';
    await page.check('#focus');
    for (const depth of [1, 2]) {
      await page.fill('#depth', String(depth));
      const visible = await page.evaluate(() => window.cy.nodes(':visible').map((n: { id(): string }) => n.id()).sort());
      expect(visible).toEqual([...neighbourhood(model, id, depth)!.members].sort());
      expect(visible.length).toBeLessThan(2_000);
    }
    expect(await page.evaluate(() => window.cy.getElementById('svc-1777').selected())).toBe(true);
    const edges = await page.evaluate(() => window.cy.edges(':visible').length);
    const inside = new Set(neighbourhood(model, id, 2)!.members);
    expect(edges).toBe(model.services.filter((s) => inside.has(s.id)).flatMap((s) => s.dependsOn.flatMap((d) => d.targets.filter((t) => inside.has(t)))).length);
    await page.uncheck('#focus');
    expect(await page.evaluate(() => window.cy.nodes(':visible').length)).toBe(2_000);
  });

  it('groups by team as compound nodes that collapse to one node in the worst state and expand again', async () => {
    const slow = { timeout: 240_000 }; // rebuilding 2,000 nodes as compound children takes a while on a loaded machine
    await page.check('#group', slow);
    const teams = new Set(model.services.map((s) => s.team));
    expect(await page.evaluate(() => window.cy.nodes('.group').length)).toBe(teams.size);
    expect(await page.evaluate(() => window.cy.getElementById('svc-1777').parent().data('name'))).toBe(model.byId.get('svc-1777')!.team);
    const before = await page.evaluate(() => window.cy.nodes('.svc[state != "ok"]').length);
    await page.click('#collapse-all', slow);
    const team = model.byId.get('svc-1777')!.team!;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const groupOf = (name: string) => page.evaluate((n) => window.cy.nodes('.group').filter((g: any) => g.data('name') === n).data(), name);
    const shut = await page.evaluate(() => ({
      services: window.cy.nodes('.svc:visible').length, groups: window.cy.nodes('.group:visible').length,
    }));
    const shutTeam = await groupOf(team);
    expect(shut.services).toBe(0);
    expect(shut.groups).toBe(teams.size);
    const members = model.services.filter((s) => s.team === team).map((s) => s.id);
    const states = await page.evaluate((ids) => ids.map((i: string) => window.faultline.stateOf(i)), members);
    const worst = states.includes('down') ? 'down' : states.includes('degraded') ? 'degraded' : 'ok';
    expect(shutTeam.state).toBe(worst);
    expect(shutTeam.label).toContain(`${members.length} services · ${states.filter((x) => x === 'down').length} down`);
    // A time step while collapsed: the services out of the graph come back in their states when their group opens.
    await page.evaluate(() => window.faultline.setTime(0));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await page.evaluate((n) => { window.cy.nodes('.group').filter((g: any) => g.data('name') === n).emit('tap'); }, team);
    expect(await groupOf(team)).toMatchObject({ state: 'ok', label: team });
    expect(await page.evaluate(() => window.cy.nodes('.svc:visible').length)).toBe(members.length);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const staleNodes = () => page.evaluate(() => window.cy.nodes('.svc').filter((n: any) => n.data('state') !== window.faultline.stateOf(n.id())).length);
    expect(before).toBeGreaterThan(0);
    expect(await staleNodes()).toBe(0);
    await page.click('#expand-all', slow);
    expect(await page.evaluate(() => window.cy.nodes('.svc:visible').length)).toBe(2_000);
    expect(await staleNodes()).toBe(0);
    await page.uncheck('#group', slow);
    expect(await page.evaluate(() => window.cy.nodes('.group').length)).toBe(0);
    expect(problems).toEqual([]);
  }, 900_000);
});
