/**
 * Scalars as the `yaml` library reads them with its default schema (YAML 1.2 core): the same
 * regular expressions and the same conversions (yaml/dist/schema/core/{int,float,bool}.js,
 * common/null.js), so the fast reader and the full parser agree value for value. Quoted scalars
 * are read only in the forms whose meaning is beyond doubt; anything else is `undefined` and the
 * caller leaves the file to the full parser.
 */

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The value of a plain (unquoted) scalar, tested in the schema's order. */
export function plainValue(s: string): string | number | boolean | null {
  const c = s.charCodeAt(0);
  // Only these first characters can start a null, bool or number: everything else is a string.
  // ~ + - . 0-9 N n T t F f
  if (!(c === 126 || c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57) || c === 78 || c === 110 || c === 84 || c === 116 || c === 70 || c === 102)) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return c === 116 || c === 84;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** Escapes YAML and JSON share; YAML's others (\e, \x41, \N, \0 …) are left to the full parser. */
const NON_JSON_ESCAPE = /\\(?!["\\/bfnrt]|u[0-9a-fA-F]{4})/;

/** The body of a one-line double-quoted scalar (between the quotes), or undefined. */
export function doubleQuotedValue(body: string): string | undefined {
  if (!body.includes('\\')) return body;
  if (NON_JSON_ESCAPE.test(body)) return undefined;
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return undefined;
  }
}

/** The body of a one-line single-quoted scalar: `''` is a quote. */
export function singleQuotedValue(body: string): string {
  return body.includes("''") ? body.replaceAll("''", "'") : body;
}

/**
 * The value of a block scalar (clip or strip chomping, no explicit indentation) from its lines'
 * indentation and content, composed as the yaml library composes it
 * (compose/resolve-block-scalar.js): literal keeps line breaks; folded joins lines with a space,
 * keeps a break per empty line and the breaks around more-indented lines.
 */
export function blockScalarValue(indents: readonly number[], contents: readonly string[], trim: number, folded: boolean, strip: boolean): string {
  let end = contents.length;
  while (contents[end - 1] === '') end--;
  let first = 0;
  while (contents[first] === '') first++;
  let value = '\n'.repeat(first);
  let sep = '';
  let prevMore = false;
  for (let i = first; i < end; i++) {
    const content = contents[i]!;
    const more = Math.max(0, indents[i]! - trim);
    if (!folded) {
      value += sep + ' '.repeat(more) + content;
      sep = '\n';
    } else if (more > 0) {
      if (sep === ' ') sep = '\n';
      else if (!prevMore && sep === '\n') sep = '\n\n';
      value += sep + ' '.repeat(more) + content;
      sep = '\n';
      prevMore = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMore = false;
    }
  }
  return strip ? value : `${value}\n`;
}
