/**
 * The HTML report in a real headless Chromium, opened from disk: it must work offline, draw every
 * service, replay with the slider, explain a clicked service and keep hostile titles as text.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportData } from '../../src/report/data.js';
import { htmlReport } from '../../src/report/format/html.js';
import { gatherInputs } from '../../src/report/inputs.js';
import { loadText } from '../../src/model/load.js';
import { hasChromium, launch } from './browser.js';

/** Browser globals, used only inside page.evaluate callbacks (this project's TS lib has no DOM). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;
import { fakeInputs } from './fake-inputs.js';

describe.skipIf(!hasChromium)('HTML report in Chromium', () => {
  let dir: string;
  let page: Page;
  let close: () => Promise<void>;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-html-'));
    const file = join(dir, 'small-shop.html');
    writeFileSync(file, htmlReport(buildReportData(fakeInputs())));
    const b = await launch();
    close = b.close;
    page = await b.context.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => 'cy' in window && 'faultline' in window);
  });

  afterAll(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const fill = (id: string) => page.evaluate((n) => (window as unknown as { cy: { getElementById(i: string): { style(p: string): string } } }).cy.getElementById(n).style('background-color'), id);
  const clickNode = async (id: string) => {
    const at = await page.evaluate((n) => {
      const cy = (window as unknown as { cy: { getElementById(i: string): { renderedPosition(): { x: number; y: number } } } }).cy;
      const p = cy.getElementById(n).renderedPosition();
      const box = document.getElementById('cy')!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, id);
    await page.mouse.click(at.x, at.y);
  };

  it('loads offline without console errors and draws every service', async () => {
    expect(await page.evaluate(() => (window as unknown as { cy: { nodes(): unknown[]; edges(): unknown[] } }).cy.nodes().length)).toBe(7);
    expect(await page.evaluate(() => (window as unknown as { cy: { edges(): unknown[] } }).cy.edges().length)).toBe(6);
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('moving the slider changes a node colour', async () => {
    await page.locator('#time').fill('0');
    const before = await fill('api');
    expect(await page.locator('#clock').textContent()).toBe('09:00');
    await page.locator('#time').fill('30');
    const after = await fill('api');
    expect(before).toBe('rgb(212,237,218)');
    expect(after).toBe('rgb(248,215,218)');
    expect(await page.locator('#counts').textContent()).toBe('5 ok · 0 degraded · 2 down');
  });

  it('clicking a node shows its cause chain', async () => {
    await page.locator('#time').fill('60');
    await clickNode('pager');
    const items = await page.locator('#cause-chain li').allTextContents();
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('pager');
    expect(items[1]).toContain('metrics');
    expect(items[2]).toContain('threads 1,039 > limit 1,024');
  });

  it('keeps a hostile title as text', async () => {
    await clickNode('web');
    expect(await page.locator('#details h2').textContent()).toBe('<img src=x onerror=alert(1)>');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(3);
    expect(problems).toEqual([]);
  });

  it('saves a screenshot', async () => {
    const out = resolve('test/artifacts');
    mkdirSync(out, { recursive: true });
    await page.locator('#time').fill('120');
    await clickNode('web');
    await page.screenshot({ path: join(out, 'report-small-shop.png') });
  });
});

describe.skipIf(!hasChromium)('the committed Kinesis HTML report in Chromium', () => {
  it('opens offline without errors, draws every service, replays and explains cognito', async () => {
    const report = resolve('reports/aws-kinesis-2020.html');
    const data = JSON.parse(readFileSync('reports/aws-kinesis-2020.json', 'utf8')) as { services: unknown[]; timeline: { service: string; state: string; atMin: number }[] };
    const b = await launch();
    try {
      const page = await b.context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(pathToFileURL(report).href);
      await page.waitForFunction(() => 'faultline' in window);
      expect(await page.evaluate(() => (window as unknown as { cy: { nodes(): unknown[] } }).cy.nodes().length)).toBe(data.services.length);
      const cognitoDown = data.timeline.find((t) => t.service === 'cognito' && t.state === 'down')!;
      await page.locator('#time').fill(String(Math.ceil(cognitoDown.atMin)));
      expect(await page.evaluate(() => (window as unknown as { faultline: { stateOf(id: string): string } }).faultline.stateOf('cognito'))).toBe('down');
      await page.evaluate(() => {
        const cy = (window as unknown as { cy: { getElementById(i: string): { select(): void; emit(e: string): void } } }).cy;
        cy.getElementById('cognito').select();
        cy.getElementById('cognito').emit('tap');
      });
      const chain = await page.locator('#cause-chain li').allTextContents();
      expect(chain.length).toBeGreaterThanOrEqual(2);
      expect(chain.at(-1)).toContain('kinesis-frontend');
      expect(problems).toEqual([]);
      mkdirSync(resolve('test/artifacts'), { recursive: true });
      await page.screenshot({ path: resolve('test/artifacts/report-aws-kinesis-2020.png') });
    } finally {
      await b.close();
    }
  });

  it('collapsing every team and opening them again gives back every service and edge (kinesis report)', async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(pathToFileURL(resolve('reports/aws-kinesis-2020.html')).href);
      await page.waitForFunction(() => 'faultline' in window);
      await groupsComeBackWhole(page);
      expect(problems).toEqual([]);
    } finally {
      await b.close();
    }
  });
});

/**
 * A graph that draws every edge: collapsing every team takes the services (and their edges) out of
 * the graph, and opening the teams again brings back every service and edge, in its state (a step
 * while collapsed is checked on the 2,000-service page).
 */
async function groupsComeBackWhole(page: Page) {
  const facts = () => page.evaluate(() => {
    const cy = window.cy;
    return {
      services: cy.nodes('.svc').map((n: { id(): string }) => n.id()).sort(), edges: cy.edges().not('.meta').map((e: { id(): string }) => e.id()).sort(),
      meta: cy.edges('.meta').length, stale: cy.nodes('.svc').filter((n: { id(): string; data(k: string): string }) => n.data('state') !== window.faultline.stateOf(n.id())).length,
    };
  });
  const open = await facts();
  await page.evaluate(() => window.faultline.collapseAll());
  const shut = await facts();
  expect(shut.services).toEqual([]);
  expect(shut.edges).toEqual([]);
  expect(shut.meta).toBeGreaterThan(0);
  await page.evaluate(() => window.cy.nodes('.group').forEach((g: { emit(e: string): void }) => g.emit('tap')));
  const back = await facts();
  expect(back.services).toEqual(open.services);
  expect(back.edges).toEqual(open.edges);
  expect(back.meta).toBe(0);
  expect(back.stale).toBe(0);
  await page.evaluate(() => window.faultline.setGrouped(false));
}

describe.skipIf(!hasChromium)('a long cause chain in the HTML report', () => {
  it('is walked along parent links and shown as its first links, the number left out and its root', async () => {
    const id = (i: number) => `s${String(i).padStart(2, '0')}`;
    const yaml = `faultline: 1\nname: long\nservices:\n  ${id(0)}: {}\n${Array.from({ length: 29 }, (_, i) => `  ${id(i + 1)}: { dependsOn: [${id(i)}] }`).join('\n')}\n`
      + `scenarios:\n  s:\n    start: 2020-01-01T00:00:00Z\n    events:\n      - { at: "00:10", fail: { service: ${id(0)} } }\n`;
    const { value: model } = loadText(yaml, 'long.yaml');
    const d = mkdtempSync(join(tmpdir(), 'faultline-html-long-'));
    const b = await launch();
    try {
      const file = join(d, 'long.html');
      writeFileSync(file, htmlReport(buildReportData(gatherInputs(model!, 'long.yaml'))));
      const page = await b.context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => 'faultline' in window);
      await page.locator('#time').fill('20');
      await page.evaluate((n) => {
        const cy = (window as unknown as { cy: { getElementById(i: string): { select(): void; emit(e: string): void } } }).cy;
        cy.getElementById(n).select();
        cy.getElementById(n).emit('tap');
      }, id(29));
      const chain = await page.locator('#cause-chain li').allTextContents();
      expect(chain).toHaveLength(21);
      expect(chain[0]).toContain(id(29));
      expect(chain[18]).toContain(id(11));
      expect(chain[19]).toBe('… 10 more links …');
      expect(chain[20]).toContain(id(0));
      expect(problems).toEqual([]);
    } finally {
      await b.close();
      rmSync(d, { recursive: true, force: true });
    }
  });
});
