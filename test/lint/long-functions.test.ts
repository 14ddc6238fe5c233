/**
 * No function in src/ over 60 lines (generated code excluded): a long function is several ideas
 * that want names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { longFunctions, sources } from './long-functions.js';

const LIMIT = 60;

const long = sources('src').flatMap((f) => longFunctions(f, readFileSync(f, 'utf8'), LIMIT));

describe(`no function in src/ over ${LIMIT} lines`, () => {
  it('finds none', () => {
    expect(long.map((l) => `${l.file}:${l.line} ${l.name}: ${l.lines} lines`)).toEqual([]);
  });

  it('measures declarations, methods and arrow functions, nested ones on their own too', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  x${i}();`).join('\n');
    const text = [
      `function outer() {\n${body(30)}\n  const inner = () => {\n${body(40)}\n  };\n}`,
      `class C {\n  method() {\n${body(70)}\n  }\n}`,
      `const short = () => {\n${body(58)}\n};`,
    ].join('\n');
    expect(longFunctions('x.ts', text, LIMIT).map((l) => `${l.name}:${l.lines}`)).toEqual(['outer:74', 'method:72']);
  });
});
