/**
 * Reports from a graph whose strings carry terminal and markup attacks (the same fixture as the TUI
 * raw-output test): in every format, no control, bidi or zero-width character survives, and only
 * http(s) sources become links.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { safeUrl } from '../../src/model/escape.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-report-inject-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reports of a hostile graph', () => {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', 'report', 'test/tui/fixtures/inject.yaml', 'test/report/fixtures/links.yaml', '--out', dir], { encoding: 'utf8' });

  it('writes every format', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(dir).length).toBe(10);
  });

  it('no format contains an ESC, another control (but newline/tab), a C1, bidi or zero-width character', () => {
    for (const f of readdirSync(dir)) {
      // The HTML inlines cytoscape, whose own code holds a zero-width space: check everything else.
      const text = readFileSync(join(dir, f), 'utf8').replace(/<script>[\s\S]*?<\/script>/g, '');
      expect({ f, bad: text.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g) }).toEqual({ f, bad: null });
    }
  });

  it('Markdown links only http(s) sources; the rest is escaped text', () => {
    const md = readFileSync(join(dir, 'links.md'), 'utf8');
    expect(md).toContain('- <https://example.com/postmortem>');
    expect(md).toContain('- <http://example.org/a?b=c&d=e>');
    expect(md).not.toMatch(/<javascript:|<data:|<vbscript:|<file:/i);
    expect(md).toContain('- javascript:alert(1)');
    expect(md).toContain('- JaVaScRiPt:alert(2)');
    expect(md).toContain('- data:text/html,&lt;script&gt;');
    expect(md).toContain('- https://evil.example/ "title" &lt;b&gt;');
    // No other autolink: every <…> in the Markdown is an http(s) URL.
    for (const m of md.matchAll(/<([^<>\s]+)>/g)) expect(m[1]).toMatch(/^https?:\/\//);
  });

  it('safeUrl accepts only clean http(s) URLs', () => {
    expect(safeUrl('https://a.example/x?y=1#z')).toBe('https://a.example/x?y=1#z');
    for (const bad of ['javascript:alert(1)', 'http://a b', 'https://a.example/\u202e', 'ftp://x', 'https://x"onmouseover', '//x.example', 'mailto:a@b']) {
      expect(safeUrl(bad)).toBeUndefined();
    }
  });
});
