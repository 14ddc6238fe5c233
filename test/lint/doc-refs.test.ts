/**
 * Comments point at documents a reader of the repository has: no `§N` of a design document that is
 * not in it, and every `docs/….md#anchor` (or `FORMAT.md#anchor`) named in src/ exists — as an
 * explicit `<a id>` or as a heading's GitHub slug.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(tsx?|js|md|css)$/.test(f) ? [p] : [];
  });
}

/** `§4`, `§ 5`, `§6.2`: a section of some document, which in src/ can only be one outside it. */
export function sectionCitations(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => (/§\s*\d/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

/** Anchors of a Markdown file: explicit ids and heading slugs (GitHub's rule, enough for our headings). */
export function anchors(markdown: string): Set<string> {
  const ids = [...markdown.matchAll(/<a id="([^"]+)">/g)].map((m) => m[1]!);
  const slugs = [...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => m[1]!.trim().toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-'));
  return new Set([...ids, ...slugs]);
}

const SOURCES = files('src').map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));

describe('documents cited in src/', () => {
  it('no comment cites a section (§) of a document outside the repository', () => {
    expect(SOURCES.flatMap((s) => sectionCitations(s.file, s.text))).toEqual([]);
  });

  it('every docs/*.md#anchor named in src/ exists', () => {
    const refs = SOURCES.flatMap((s) => [...s.text.matchAll(/\b(docs\/[\w-]+\.md)#([\w-]+)/g)].map((m) => ({ from: s.file, doc: m[1]!, anchor: m[2]! })));
    expect(refs.length).toBeGreaterThan(10);
    const missing = refs.filter((r) => !existsSync(r.doc) || !anchors(readFileSync(r.doc, 'utf8')).has(r.anchor));
    expect(missing.map((r) => `${r.from}: ${r.doc}#${r.anchor}`)).toEqual([]);
  });

  it('would catch a section citation and a missing anchor (the checks themselves work)', () => {
    expect(sectionCitations('x.ts', '/** edge rules (§4) */\nconst a = 1; // see §5.2\nno section here')).toHaveLength(2);
    const a = anchors('<a id="engine"></a>\n## Engine\n### Gaps decided (issue 13)\n');
    expect([...a].sort()).toEqual(['engine', 'gaps-decided-issue-13']);
    expect(a.has('audit')).toBe(false);
  });
});
