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
  return escapeJsonText(JSON.stringify(value, null, indent));
}

/** What terminalJson does after JSON.stringify: C1 controls and bidi marks in JSON text as \u escapes. */
export function escapeJsonText(json: string): string {
  return json.replace(UNSAFE_IN_JSON, escape);
}

/**
 * Whether UTF-8 bytes hold a character escapeJsonText would escape: the same set, by its encodings
 * (7F; C2 80–9F; D8 9C; E2 80 8B–8F, A8–AE; E2 81 A0–A4, A6–A9; EF BB BF). Output is encoded for
 * writing anyway, and memchr over bytes costs a fraction of a regular expression over the text
 * (12.6 MB of audit JSON: ~1 ms instead of ~30 ms), so the text is escaped only when this says so.
 */
export function hasJsonUnsafeUtf8(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.indexOf(0x7f) !== -1) return true;
  return seek(b, 0xc2, (x) => x >= 0x80 && x <= 0x9f) || seek(b, 0xd8, (x) => x === 0x9c) || seek(b, 0xef, (x, y) => x === 0xbb && y === 0xbf)
    || seek(b, 0xe2, (x, y) => (x === 0x80 && ((y >= 0x8b && y <= 0x8f) || (y >= 0xa8 && y <= 0xae))) || (x === 0x81 && y >= 0xa0 && y <= 0xa9 && y !== 0xa5));
}

/** Some `lead` byte followed by bytes `next` accepts (the second one is -1 past the end). */
function seek(b: Buffer, lead: number, next: (x: number, y: number) => boolean): boolean {
  for (let i = b.indexOf(lead); i !== -1; i = b.indexOf(lead, i + 1)) {
    if (next(b[i + 1] ?? -1, b[i + 2] ?? -1)) return true;
  }
  return false;
}
