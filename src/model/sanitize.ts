/**
 * Makes untrusted text safe to print: a graph file may put ANSI escapes, control characters or
 * bidirectional overrides in ids, titles and notes, and a diagnostic that echoes them must not
 * recolour, move the cursor in or visually reorder the user's terminal. Use `sanitize` on anything
 * from a file before it reaches a terminal; `quote` for values inside messages; `terminalJson` for
 * JSON printed to stdout (JSON already escapes C0 controls, but not C1 controls or bidi marks).
 */

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), bidi marks, embeddings, overrides and
// isolates (U+061C, U+200E/F, U+202A–E, U+2066–9), zero-width and invisible characters (U+200B–D,
// U+2060–4, U+FEFF: an id that looks like another), line/paragraph separators.
const INVISIBLE = '\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff';
const UNSAFE = new RegExp(`[\u0000-\u001f\u007f-\u009f${INVISIBLE}]`, 'g');
/** What JSON.stringify leaves raw among the above (it escapes C0 itself). */
const UNSAFE_IN_JSON = new RegExp(`[\u007f-\u009f${INVISIBLE}]`, 'g');
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Every unsafe character but newline and tab: what a report file must not contain. */
const UNSAFE_IN_FILE = new RegExp(`[\u0000-\u0008\u000b-\u001f\u007f-\u009f${INVISIBLE.replace('\u2028\u2029', '')}]`, 'g');

/** The text without control, bidi and invisible characters (newlines and tabs kept). */
export function strip(text: string): string {
  return text.replace(UNSAFE_IN_FILE, '');
}

/** The text with every unsafe character replaced by a visible escape (`\u001b`, `\n`). */
export function sanitize(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** A value for a message: `"text"` (cut to `max` characters) or its JSON form. Not yet sanitised. */
export function quote(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return typeof value === 'string' ? `"${cut}"` : cut;
}

/** JSON.stringify, then C1 controls and bidi marks as \u escapes: the same JSON value, safe on a TTY. */
export function terminalJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, escape);
}
