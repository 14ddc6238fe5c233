/**
 * report/'s own architecture: only inputs.ts calls the engine and the audit (through their index),
 * only write.ts and html/assets.ts touch the file system, and every format is a pure function of
 * the report data (it imports neither engine nor analysis code).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const ROOT = 'src/report';
const sources = files(ROOT).map((f) => ({ file: relative(ROOT, f), imports: [...readFileSync(f, 'utf8').matchAll(/^import\s+(type\s+)?[^'"]*['"]([^'"]+)['"]/gm)].map((m) => ({ type: Boolean(m[1]), from: m[2]! })) }));

describe('report/ architecture', () => {
  it('finds its modules', () => {
    expect(sources.map((s) => s.file)).toContain('inputs.ts');
    expect(sources.length).toBeGreaterThan(10);
  });

  it('calls engine and analysis code only from inputs.ts, and only through their index', () => {
    for (const s of sources) {
      for (const i of s.imports.filter((x) => /\/(engine|analysis)\//.test(x.from) && !x.type)) {
        expect(`${s.file} imports ${i.from}`).toMatch(/^inputs\.ts imports \.\.\/(engine|analysis)\/index\.js$/);
      }
    }
  });

  it('touches the file system only to write reports and read its inlined assets', () => {
    const fs = sources.filter((s) => s.imports.some((i) => /^(node:)?fs/.test(i.from))).map((s) => s.file).sort();
    expect(fs).toEqual(['html/assets.ts', 'write.ts']);
  });

  it('keeps every format free of engine, analysis and file-system imports', () => {
    for (const s of sources.filter((x) => x.file.startsWith('format/'))) {
      expect(s.imports.filter((i) => !i.type && /engine|analysis|node:/.test(i.from)), s.file).toEqual([]);
    }
  });
});
