/**
 * Mermaid validity, checked by Mermaid itself (its browser build, in headless Chromium): every
 * `.mmd` export and every ```mermaid block of the Markdown reports must parse and render, and a
 * hostile title must come out as text, not markup.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mermaidLabel } from '../../src/model/escape.js';
import { hasChromium, launch } from './browser.js';

/** Browser globals, used only inside page.evaluate callbacks (this project's TS lib has no DOM). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, DOMParser: any;

const mermaidJs = join(dirname(createRequire(import.meta.url).resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');

function sources(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of ['reports', 'test/report/fixtures/golden']) {
    for (const f of readdirSync(dir).sort()) {
      const text = readFileSync(join(dir, f), 'utf8');
      if (f.endsWith('.mmd')) out.push([`${dir}/${f}`, text]);
      if (f.endsWith('.md')) {
        const block = /```mermaid\n([\s\S]*?)```/.exec(text);
        if (block) out.push([`${dir}/${f} (mermaid block)`, block[1]!]);
      }
    }
  }
  return out;
}

describe.skipIf(!hasChromium)('Mermaid output parses and renders in Mermaid', () => {
  let page: Page;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const b = await launch();
    close = b.close;
    page = await b.context.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: mermaidJs });
    await page.evaluate(() => (window as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
  });
  afterAll(async () => { await close?.(); });

  const list = sources();
  it('finds the diagrams to check', () => {
    expect(list.length).toBeGreaterThanOrEqual(4);
  });

  for (const [name, src] of list) {
    it(name, async () => {
      const result = await page.evaluate(async (text) => {
        const m = (window as unknown as { mermaid: { render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
        try {
          const { svg } = await m.render(`d${Math.floor(Math.random() * 1e9)}`, text);
          const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
          return { ok: true, images: doc.querySelectorAll('img').length, text: doc.documentElement.textContent ?? '' };
        } catch (e) {
          return { ok: false, error: String(e) };
        }
      }, src);
      expect(result).toMatchObject({ ok: true, images: 0 });
      if (src.includes('#lt;img')) expect(result.text).toContain('<img src=x onerror=alert(1)>');
    });
  }
});

/** Hostile labels and what Mermaid must draw for them (escape.ts documents the substitutions). */
const LABELS: readonly [string, string][] = [
  ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ['a & b <b>bold</b>', 'a & b <b>bold</b>'],
  ['say "hi"', "say 'hi'"],
  ['C# and F#, #lt; #60; #amp;', 'C# and F#, ＃lt; ＃60; ＃amp;'],
  ['`**not bold**`', 'ˋ**not bold**`'],
  ['{a} [b] (c) |d| \\e ;f', '{a} [b] (c) |d| \\e ;f'],
  ['ctrl \u001b[31mred\u001b]0;t\u0007 \u202eevil', 'ctrl [31mred]0;t evil'],
];

describe.skipIf(!hasChromium)('Mermaid 12 draws escaped labels as the text, with HTML labels and with SVG text', () => {
  let page: Page;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const b = await launch();
    close = b.close;
    page = await b.context.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: mermaidJs });
  });
  afterAll(async () => { await close?.(); });

  for (const htmlLabels of [true, false]) {
    it(`htmlLabels: ${htmlLabels}`, async () => {
      const src = ['flowchart LR', ...LABELS.map(([raw], i) => `  n${i}["${mermaidLabel(raw)}"] -->|"${mermaidLabel(raw)}"| m${i}["x"]`)].join('\n');
      const drawn = await page.evaluate(async ({ text, html }) => {
        const m = window.mermaid;
        m.initialize({ startOnLoad: false, securityLevel: 'strict', htmlLabels: html, flowchart: { htmlLabels: html } });
        const { svg } = await m.render(`d${Math.floor(Math.random() * 1e9)}`, text);
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        const label = (sel: string) => (doc.querySelector(sel)?.textContent ?? '').replace(/\s+/g, '');
        return { nodes: text.split('\n').slice(1).map((_: string, i: number) => label(`[id*="flowchart-n${i}-"]`)), images: doc.querySelectorAll('img, b').length };
      }, { text: src, html: htmlLabels });
      expect(drawn.images).toBe(0);
      // SVG text breaks lines into <tspan>s and drops the spaces between them: compare without spaces.
      expect(drawn.nodes).toEqual(LABELS.map(([, shown]) => shown.replace(/\s+/g, '')));
    });
  }
});
