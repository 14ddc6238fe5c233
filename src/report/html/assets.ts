/**
 * The files the HTML report inlines: cytoscape's browser build from the installed package (so the
 * page needs no network) and the page's own script and styles, kept as real .js/.css files beside
 * this module's source. The page script is several files run in one function scope, in order
 * (client.js first, start.js last). Read once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface HtmlAssets {
  readonly cytoscape: string;
  readonly client: string;
  readonly css: string;
}

const CLIENT_FILES = ['client.js', 'search.js', 'focus.js', 'groups.js', 'start.js'];

let cached: HtmlAssets | undefined;

export function htmlAssets(): HtmlAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const cytoscapeMain = require.resolve('cytoscape');
  // Same path from src/report/html/ (tests) and dist/report/html/ (the built CLI).
  const own = (name: string) => readFileSync(new URL(`../../../src/report/html/${name}`, import.meta.url), 'utf8');
  cached = {
    cytoscape: readFileSync(join(dirname(cytoscapeMain), 'cytoscape.min.js'), 'utf8'),
    client: `(function () {\n'use strict';\n${CLIENT_FILES.map(own).join('\n')}})();\n`,
    css: own('style.css'),
  };
  return cached;
}
