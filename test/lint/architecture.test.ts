/**
 * The architecture of src/, checked the way dependency-cruiser checks its own (`.dependency-cruiser.mjs`):
 * a table of the stages each stage may import, no import cycle anywhere, and a stage's internals kept
 * behind its index.ts. Stages run model → analysis, engine → report, tui → cli; import/ turns other
 * tools' files into a graph; bench/ measures everything.
 */
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, importsOf, type Import } from './imports.js';

/** from → the stages it may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  model: [],
  analysis: ['model'],
  engine: ['model'],
  // import/ may use the graph algorithms (guessed-cycle warnings run the SCC finder).
  import: ['model', 'analysis'],
  report: ['model', 'analysis', 'engine'],
  tui: ['model', 'analysis', 'engine'],
  cli: ['model', 'analysis', 'engine', 'import', 'report', 'tui'],
  bench: ['model', 'analysis', 'engine', 'import', 'report', 'tui', 'cli'],
};

/**
 * model/ is the shared kernel of small modules with no index; bench/ measures internals on purpose.
 * Everything else reaches another stage through its index.ts (types may name the module that
 * declares them: they are erased at run time). LAZY lists modules loaded with `import()` so that a
 * command that does not need them never loads them (the TUI's react and ink).
 */
const OPEN_STAGES = new Set(['model']);
const INTERNALS_ALLOWED_FROM = new Set(['bench']);
const LAZY = new Set(['src/tui/launch.tsx']);

const stage = (file: string): string => file.split('/')[1]!;

export function violations(graph: ReadonlyMap<string, readonly Import[]>): string[] {
  const found: string[] = [];
  for (const [file, imports] of graph) {
    const from = stage(file);
    for (const i of imports) {
      const to = stage(i.to);
      if (to === from) continue;
      if (!(ALLOWED[from] ?? []).includes(to)) found.push(`${file} → ${i.to}: ${from}/ may not import ${to}/`);
      else if (!i.typeOnly && !OPEN_STAGES.has(to) && !INTERNALS_ALLOWED_FROM.has(from) && !i.to.startsWith(`src/${to}/index.`)
        && !(i.dynamic && LAZY.has(i.to))) {
        found.push(`${file} → ${i.to}: reach ${to}/ through src/${to}/index.ts`);
      }
    }
  }
  return found;
}

const graph = importGraph('src');

describe('architecture of src/', () => {
  it('reads every stage', () => {
    expect(new Set([...graph.keys()].map(stage))).toEqual(new Set(Object.keys(ALLOWED)));
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
  });

  it('each stage imports only the stages its row allows, and other stages through their index', () => {
    expect(violations(graph)).toEqual([]);
  });

  it('has no import cycle (type-only imports included)', () => {
    expect(importCycles(new Map([...graph].map(([f, is]) => [f, is.map((i) => i.to)])))).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const fake = (edges: Record<string, string[]>): Map<string, string[]> => new Map(Object.entries(edges));

  it('finds a cycle, a self-import and a cycle reached from outside it; none in a DAG', () => {
    expect(importCycles(fake({ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }))).toEqual([['a', 'b', 'c']]);
    expect(importCycles(fake({ a: ['a'], b: [] }))).toEqual([['a']]);
    expect(importCycles(fake({ x: ['y'], y: ['z', 'x'], z: ['w'], w: ['z'] }))).toEqual([['w', 'z'], ['x', 'y']]);
    expect(importCycles(fake({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('survives a chain of 50,000 files (iterative, no recursion)', () => {
    const long = new Map(Array.from({ length: 50_000 }, (_, i) => [`f${i}`, [`f${(i + 1) % 50_000}`]]));
    expect(importCycles(long)[0]).toHaveLength(50_000);
  });

  it('reads imports, type-only imports, re-exports and dynamic imports', () => {
    const known = new Set(['src/cli/b.ts', 'src/tui/c.tsx', 'src/model/t.ts', 'src/engine/index.ts']);
    const text = [
      "import { a } from './b.js';", "import type { T } from '../model/t.js';", "import { type U } from '../model/t.js';",
      "export * from '../engine/index.js';", "const m = await import('../tui/c.js');", "import x from 'node:fs';",
    ].join('\n');
    expect(importsOf('src/cli/a.ts', text, (p) => known.has(p))).toEqual([
      { to: 'src/cli/b.ts', typeOnly: false, dynamic: false },
      { to: 'src/model/t.ts', typeOnly: true, dynamic: false },
      { to: 'src/model/t.ts', typeOnly: true, dynamic: false },
      { to: 'src/engine/index.ts', typeOnly: false, dynamic: false },
      { to: 'src/tui/c.tsx', typeOnly: false, dynamic: true },
    ]);
  });

  it('flags a forbidden stage and a reach past an index, and passes what the table allows', () => {
    const imp = (to: string, typeOnly = false): Import => ({ to, typeOnly, dynamic: false });
    expect(violations(new Map([
      ['src/model/a.ts', [imp('src/engine/index.ts')]],
      ['src/engine/a.ts', [imp('src/analysis/index.ts', true)]],
      ['src/cli/a.ts', [imp('src/analysis/blast.ts'), imp('src/analysis/types.ts', true), imp('src/model/load.ts'), imp('src/engine/index.ts')]],
      ['src/bench/a.ts', [imp('src/analysis/blast.ts')]],
    ]))).toEqual([
      'src/model/a.ts → src/engine/index.ts: model/ may not import engine/',
      'src/engine/a.ts → src/analysis/index.ts: engine/ may not import analysis/',
      'src/cli/a.ts → src/analysis/blast.ts: reach analysis/ through src/analysis/index.ts',
    ]);
  });
});
