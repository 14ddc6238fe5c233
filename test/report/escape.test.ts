import { describe, expect, it } from 'vitest';
import { dotString, html, jsonForScript, md, mermaidId, mermaidLabel, plain } from '../../src/model/escape.js';

const HOSTILE = '<img src=x onerror=alert(1)> "q" \'s\' & | `t` # </script><!-- \u001b[31mred\u001b[0m\nline';

describe('escaping', () => {
  it('html leaves no markup characters', () => {
    const out = html(HOSTILE);
    expect(out).not.toMatch(/[<>"']/);
    expect(out).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(out).not.toContain('\u001b');
  });

  it('JSON for a script element cannot close the element and still parses to the same value', () => {
    const value = { title: HOSTILE, nested: ['</SCRIPT>', '\u2028'] };
    const out = jsonForScript(value);
    expect(out).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(out)).toEqual(value);
  });

  it('markdown escapes pipes, markup and emphasis', () => {
    const out = md(HOSTILE);
    expect(out).not.toMatch(/(^|[^\\])\|/);
    expect(out).not.toMatch(/[<>]/);
    expect(out).toContain('\\`t\\`');
    expect(out).not.toContain('\n');
  });

  it('mermaid labels carry no quote, markup, entity code or leading backtick, and ids are one-to-one', () => {
    expect(mermaidLabel(HOSTILE)).not.toMatch(/["<>&]/);
    expect(mermaidLabel('`x` #60; #lt;')).toBe('ˋx` ＃60; ＃lt;');
    const ids = ['a-b', 'a_b', 'a.b', 'a__b', 'a_db', 'end', 'o1', 'x1', 'a-5f-b'];
    const mapped = ids.map(mermaidId);
    expect(new Set(mapped).size).toBe(ids.length);
    for (const m of mapped) expect(m).toMatch(/^s_[A-Za-z0-9_]+$/);
  });

  it('dot strings escape quotes and backslashes', () => {
    expect(dotString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(plain('a\nb\u0007c')).toBe('a bc');
  });
});
