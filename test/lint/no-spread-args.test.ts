/**
 * No `f(...array)` in src/: a spread argument puts every element on the call stack, and a replay with
 * 120,000 state changes (or 150,000 import warnings) died with "Maximum call stack size exceeded".
 * The check parses every source file with the TypeScript compiler and reports each call or `new`
 * with a spread argument; use pushAll / maxOf / minOf (src/model/arrays.ts) or a loop instead.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) && !f.endsWith('.generated.ts') ? [p] : [];
  });
}

export function spreadCalls(path: string, text: string): string[] {
  const src = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some(ts.isSpreadElement)) {
      const { line } = src.getLineAndCharacterOfPosition(n.getStart());
      found.push(`${path}:${line + 1}: ${n.getText().slice(0, 80)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return found;
}

describe('no spread arguments in src/', () => {
  it('finds none', () => {
    expect(files('src').flatMap((f) => spreadCalls(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('would catch one (the check itself works)', () => {
    expect(spreadCalls('x.ts', 'a.push(...b); Math.max(...xs); new Set([...a]); f([...a], {...o});')).toHaveLength(2);
  });
});
