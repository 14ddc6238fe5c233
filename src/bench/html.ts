/**
 * The HTML report in headless Chromium on a synthetic 2,000-service / ~12,000-edge graph (the size
 * issue 19 names): first render (navigation until the page script has run and two animation frames
 * have been drawn) and one replay time step (setTime to the next event time, until drawn).
 * Skipped when /usr/bin/chromium is missing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildReportData } from '../report/data.js';
import { htmlReport } from '../report/format/html.js';
import type { Model } from '../model/types.js';
import { gatherInputs } from '../report/inputs.js';
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

export async function bench(b: Bench): Promise<void> {
  if (!hasChromium) { b.note(`skipped: ${CHROMIUM} not found`); return; }
  const services = b.quick ? 500 : 2_000;
  const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-html-'));
  const browser = await launch();
  try {
    const { file } = syntheticReport(dir, services);
    const renders: number[] = [];
    const steps: number[] = [];
    for (let run = 0; run < 3; run++) {
      const page = await browser.context.newPage();
      const t0 = performance.now();
      await page.goto(pathToFileURL(file).href);
      await page.evaluate(frames);
      renders.push(performance.now() - t0);
      if (run === 0) b.note(`${services} services, ${await page.evaluate(() => window.cy.edges().length)} edges`);
      pushAll(steps, await page.evaluate(async () => {
        const times: number[] = window.faultline.eventTimes();
        const out: number[] = [];
        for (const t of times.slice(0, 20)) {
          const t0 = performance.now();
          window.faultline.setTime(t);
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          out.push(performance.now() - t0);
        }
        return out;
      }));
      await page.close();
    }
    b.record({ name: `html report: first render (${services} services)`, medianMs: median(renders), minMs: minOf(renders), maxMs: maxOf(renders), runs: renders.length });
    b.record({ name: `html report: replay time step (${services} services)`, medianMs: median(steps), minMs: minOf(steps), maxMs: maxOf(steps), runs: steps.length });
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
