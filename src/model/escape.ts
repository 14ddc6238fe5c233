/**
 * Escaping for every output language the reports write. User strings (titles, notes, `for` texts,
 * cause texts) may hold anything — quotes, markup, control characters, ANSI escapes — and must come
 * out as inert text in each format. One function per sink, so a renderer never guesses.
 */

import { strip } from './sanitize.js';

/**
 * Removes control characters (ANSI escapes start with one), bidi overrides and zero-width
 * characters; newlines and tabs become spaces (reports put text on one line).
 */
export function plain(text: string): string {
  return strip(text).replace(/[\r\n\t\u2028\u2029]+/g, ' ');
}

/**
 * A link target only when it is an http(s) URL with nothing a renderer could misread; anything else
 * (`javascript:`, `data:`, a citation) is shown as text, never as a link.
 */
export function safeUrl(text: string): string | undefined {
  return /^https?:\/\/[^\s<>"'`\\]+$/i.test(text) && plain(text) === text ? text : undefined;
}

/** Text for an HTML element body or a quoted attribute value. */
export function html(text: string): string {
  return plain(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON safe to embed inside `<script type="application/json">`: `<`, `>` and `&` as \u escapes, so
 * `</script>` or `<!--` in a title cannot end or change the script element; U+2028/9 escaped too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text for a GitHub Markdown paragraph or table cell: markup characters escaped, pipes too. */
export function md(text: string): string {
  return plain(text)
    .replace(/[\\`*_[\]#|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An inline code span that survives any content (ids are already safe; this is for the rest). */
export function mdCode(text: string): string {
  const t = plain(text).replace(/\|/g, '\\|');
  const fence = t.includes('`') ? '`` ' : '`';
  return `${fence}${t}${fence.split('').reverse().join('')}`;
}

/**
 * A Mermaid label inside `["…"]` or `|"…"|`, the same text whether the renderer draws HTML labels
 * or SVG text (`htmlLabels: false`; checked for both in Mermaid 12 by the browser test). Mermaid
 * decodes `#name;` codes before drawing, but with SVG text only the named codes `#lt;` `#gt;`
 * `#amp;` come out as the character (numeric codes such as `#60;` stay as `&#60;`). So: those three
 * as named codes; `"` (no code works in both) as `'`; a `#` that would start a code as a full-width
 * `＃`; a leading backtick (which would make a Markdown string) as `ˋ`. Everything else is inert
 * inside the quotes.
 */
export function mermaidLabel(text: string): string {
  return plain(text)
    .replace(/#(?=[A-Za-z0-9]+;)/g, '＃')
    .replace(/[<>&]/g, (c) => (c === '<' ? '#lt;' : c === '>' ? '#gt;' : '#amp;'))
    .replace(/"/g, "'")
    .replace(/^`/, 'ˋ');
}

/**
 * A Mermaid node id from any service id: letters and digits kept, every other character a two-letter
 * `_` code (so the mapping is one-to-one), prefixed so `end` and ids starting `o`/`x` are safe.
 */
export function mermaidId(id: string): string {
  const code: Record<string, string> = { _: '__', '-': '_d', '.': '_p' };
  return `s_${id.replace(/[^A-Za-z0-9]/g, (c) => code[c] ?? `_x${c.codePointAt(0)!.toString(16)}_`)}`;
}

/** A double-quoted DOT string (ids and labels); `\n` inside labels is DOT's own line break. */
export function dotString(text: string): string {
  return `"${plain(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
