/**
 * The one door between text and the terminal. A graph file is untrusted: a title, note or
 * milestone could carry ANSI/OSC escapes (OSC 52 writes the clipboard, OSC 8 plants links), C1
 * controls, bidirectional overrides or zero-width characters. Every string the TUI draws goes through
 * `display` at the moment it is drawn (`safe.tsx` is the only module that hands text to ink, and a
 * test checks that), so no pane, status line or help text can forget it.
 *
 * `display` also cuts absurdly long text: no terminal is wider than a few hundred columns, and
 * measuring a 1 MB title on every frame would freeze the UI (and with it `q` and signals).
 */
import { sanitize } from '../model/sanitize.js';

/** Longer than any terminal row; short enough that drawing it costs nothing. */
export const MAX_DRAWN = 1000;

/** Cuts to `max` characters (with `…`) without splitting a surrogate pair. */
export function cut(text: string, max = MAX_DRAWN): string {
  if (text.length <= max) return text;
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Text safe to draw: cut, then every control, bidi and invisible character as a visible escape. */
export function display(text: string | undefined): string {
  return text ? sanitize(cut(text)) : '';
}

/** For text that is measured or wrapped before it is drawn (so widths match what is drawn). */
export const clean = display;
