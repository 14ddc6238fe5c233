/** The TUI's one sanitising door: only safe.tsx hands text to ink, and `display` defuses and cuts. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { display, MAX_DRAWN } from '../../src/tui/sanitize.js';

const TUI = fileURLToPath(new URL('../../src/tui/', import.meta.url));

describe('the TUI sanitising door', () => {
  it('no module but safe.tsx imports ink\'s Text (or Transform, Static, Newline)', () => {
    const offenders = readdirSync(TUI).filter((f) => f !== 'safe.tsx').filter((f) => {
      const src = readFileSync(TUI + f, 'utf8');
      return /import\s*\{[^}]*\b(?:Text|Transform|Static)\b[^}]*\}\s*from\s*'ink'/.test(src.replace(/type Key/g, ''));
    });
    expect(offenders).toEqual([]);
  });

  it('escapes ESC, C1, bidi and zero-width characters and cuts absurd lengths', () => {
    expect(display('a\u001b]52;c;eA==\u0007b')).toBe('a\\u001b]52;c;eA==\\u0007b');
    expect(display('\u009b31m\u202eX\u2066\u200bY\ufeff')).toBe('\\u009b31m\\u202eX\\u2066\\u200bY\\ufeff');
    const huge = display('x'.repeat(1_000_000));
    expect(huge.length).toBe(MAX_DRAWN + 1);
    expect(huge.endsWith('…')).toBe(true);
    // A surrogate pair at the cut is not split.
    const emoji = display('a'.repeat(MAX_DRAWN - 1) + '😀'.repeat(10));
    expect(emoji).toBe(`${'a'.repeat(MAX_DRAWN - 1)}…`);
  });
});
