import { describe, expect, test } from 'vitest';
import { formatDiagnostic, tidy, type Diagnostic } from '../../src/model/diagnostic.js';
import { escapeJsonText, hasJsonUnsafeUtf8, quote, sanitize, terminalJson } from '../../src/model/sanitize.js';
import { didYouMean } from '../../src/model/suggest.js';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('sanitize', () => {
  test('ANSI escapes, C0/C1 controls and bidi overrides become visible escapes', () => {
    expect(sanitize('a\u001b[31mb\u0007c\u009b2Jd\u202ee\nf\tg')).toBe('a\\u001b[31mb\\u0007c\\u009b2Jd\\u202ee\\nf\\tg');
    expect(sanitize('plain — text, ünïcode ok')).toBe('plain — text, ünïcode ok');
  });

  test('formatDiagnostic never emits a control character from the file', () => {
    const d: Diagnostic = { file: 'x\u001b.yaml', line: 1, column: 2, severity: 'error', message: 'unknown key "\u001b]0;t\u0007"', hint: 'did you mean "\u009b"?' };
    expect(formatDiagnostic(d)).not.toMatch(UNSAFE);
    expect(formatDiagnostic(d)).toBe('x\\u001b.yaml:1:2: error: unknown key "\\u001b]0;t\\u0007" (did you mean "\\u009b"?)');
  });

  test('terminalJson keeps the same JSON value but escapes C1 and bidi characters', () => {
    const value = { title: 'a\u009bb\u202ec\u001b' };
    const text = terminalJson(value);
    // Newlines of the indentation are fine; nothing else below 0x20, no C1, no bidi.
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  test('quote cuts long values', () => {
    expect(quote('x'.repeat(100), 10)).toBe(`"${'x'.repeat(10)}…"`);
    expect(quote(3)).toBe('3');
  });
});

describe('tidy and didYouMean', () => {
  const d = (line: number, message: string): Diagnostic => ({ file: 'f', line, column: 1, severity: 'error', message });
  test('sorts by position and removes duplicates', () => {
    expect(tidy([d(3, 'b'), d(1, 'a'), d(3, 'b')]).map((x) => x.line)).toEqual([1, 3]);
  });
  test('caps and counts', () => {
    const many = Array.from({ length: 7 }, (_, i) => d(i + 1, `m${i}`));
    expect(tidy(many, 5).map((x) => x.message)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', '2 more errors not shown']);
  });
  test('suggests only close matches', () => {
    expect(didYouMean('dependson', ['dependsOn', 'description'])).toBe('did you mean "dependsOn"?');
    expect(didYouMean('banana', ['service', 'datastore'])).toBeUndefined();
  });
});

describe('hasJsonUnsafeUtf8', () => {
  const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
  test('says yes exactly for the characters escapeJsonText escapes, every code point of the BMP', () => {
    const wrong: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      for (const text of [ch, `a${ch}`, `${ch}→`, `…${ch}😀`]) {
        if (hasJsonUnsafeUtf8(Buffer.from(text, 'utf8')) !== UNSAFE_IN_JSON.test(text)) wrong.push(c);
      }
      if (escapeJsonText(ch) !== ch !== UNSAFE_IN_JSON.test(ch)) wrong.push(-c);
    }
    expect(wrong).toEqual([]);
  });
  test('astral characters and a subarray view', () => {
    expect(hasJsonUnsafeUtf8(Buffer.from('😀 𝄞 text → …'))).toBe(false);
    const b = Buffer.from('ab\u202ecd');
    expect(hasJsonUnsafeUtf8(b.subarray(0, 2))).toBe(false);
    expect(hasJsonUnsafeUtf8(b.subarray(1))).toBe(true);
  });
});
