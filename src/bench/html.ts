/**
 * The HTML report in headless Chromium on a synthetic 2,000-service / ~12,000-edge graph (the size
 * issue 19 names): first render (navigation until the page script has run and two animation frames
 * have been drawn) and one replay time step (setTime to the next event time, until drawn); then,
 * on the same page, grouping by team with every team collapsed and a step in that view, and
 * drawing every edge (the page draws only a few at first) and a step with all of them drawn.
 * Skipped when /usr/bin/chromium is missing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildReportData } from '../report/data.js';
import { htmlReport } from '../report/format/html.js';
import type { Model } from '../model/types.js';
import { gatherInputs } from '../report/inputs.js';
import type { Page } from 'playwright-core';
import { CHROMIUM, hasChromium, launch } from './chromium.js';
import { median, type Bench } from './harness.js';
import { syntheticModel } from './synthetic.js';
import { maxOf, minOf, pushAll } from '../model/arrays.js';

// Browser globals, used only inside page.evaluate callbacks (this project's TS lib has no DOM).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, requestAnimationFrame: any;

const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** Writes the HTML report of a synthetic graph with a scenario; returns the file and the model. */
export function syntheticReport(dir: string, services: number, seed = 7): { file: string; model: Model } {
  const model = syntheticModel({ services, seed, events: 60 });
  const file = join(dir, `synthetic-${services}.html`);
  writeFileSync(file, htmlReport(buildReportData(gatherInputs(model, `synthetic-${services}.yaml`))));
  return { file, model };
}

/** Times `setTime` to each of the first `count` event times, until drawn (two animation frames). */
const stepTimes = (page: Page, count: number) => page.evaluate(async (n) => {
  const times: number[] = window.faultline.eventTimes();
  const out: number[] = [];
  for (const t of times.slice(1, n + 1)) {
    const t0 = performance.now();
    window.faultline.setTime(t);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    out.push(performance.now() - t0);
  }
  window.faultline.setTime(0);
  return out;
}, count);

/** Times one call of the page's test hooks (`window.faultline[name](arg)`) until drawn. */
const timed = (page: Page, name: string, arg?: boolean) => page.evaluate(async ([n, a]) => {
  const t0 = performance.now();
  window.faultline[n](a);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
}, [name, arg] as const);

const record = (b: Bench, name: string, ms: readonly number[]) => b.record({ name, medianMs: median(ms), minMs: minOf(ms), maxMs: maxOf(ms), runs: ms.length });

export async function bench(b: Bench): Promise<void> {
  if (!hasChromium) { b.note(`skipped: ${CHROMIUM} not found`); return; }
  const services = b.quick ? 500 : 2_000;
  const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-html-'));
  const browser = await launch();
  try {
    const { file } = syntheticReport(dir, services);
    b.note(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    const renders: number[] = [], steps: number[] = [], allEdges: number[] = [], allSteps: number[] = [], grouping: number[] = [], groupSteps: number[] = [];
    for (let run = 0; run < 3; run++) {
      const page = await browser.context.newPage();
      const t0 = performance.now();
      await page.goto(pathToFileURL(file).href);
      await page.evaluate(frames);
      renders.push(performance.now() - t0);
      if (run === 0) {
        const n = await page.evaluate(() => ({ all: window.cy.edges().length, edges: JSON.parse(window.document.getElementById('faultline-data').textContent).edges.length }));
        b.note(`${services} services, ${n.edges} edges (${n.all} drawn at first: the rest with the selection, the focus, or "all edges")`);
      }
      pushAll(steps, await stepTimes(page, 20));
      grouping.push(await timed(page, 'collapseAll'));
      pushAll(groupSteps, await stepTimes(page, 10));
      await timed(page, 'setGrouped', false);
      allEdges.push(await timed(page, 'setAllEdges', true));
      pushAll(allSteps, await stepTimes(page, 10));
      await page.close();
    }
    record(b, `html report: first render (${services} services)`, renders);
    record(b, `html report: replay time step (${services} services)`, steps);
    record(b, 'html report: group by team, all collapsed', grouping);
    record(b, 'html report: time step, teams collapsed', groupSteps);
    record(b, 'html report: draw all edges', allEdges);
    record(b, 'html report: time step, all edges drawn', allSteps);
    b.note(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
