/**
 * A cheap scan before parsing that rejects absurd nesting. The yaml parser and everything after it
 * (toJS, ajv, merge patches, freezing) recurse per level: measured on yaml 2.9, about 800 nested
 * `[` already exhaust its stack, and 100k of them made a later regex compile run out of memory.
 * A graph needs about ten levels, so we stop at MAX_DEPTH long before that.
 *
 * The scan estimates depth as block indentation levels + compact `- ` entries + open flow brackets,
 * skipping comments, quoted strings and block scalars. It may overestimate on odd but legal files,
 * never underestimate by more than the odd plain scalar with brackets in it.
 */
export const MAX_DEPTH = 64;

const SP = 32, TAB = 9, CR = 13, HASH = 35, DASH = 45, QUESTION = 63, BAR = 124, GT = 62, BACKSLASH = 92;
const DQ = 34, SQ = 39, LBRACKET = 91, RBRACKET = 93, LBRACE = 123, RBRACE = 125, COMMA = 44, COLON = 58;

/** 1 for the ASCII characters the scan below passes over: all but | > \ # " ' [ ] { }. */
const PLAIN = new Uint8Array(128).fill(1);
for (const ch of [BAR, GT, BACKSLASH, HASH, DQ, SQ, LBRACKET, RBRACKET, LBRACE, RBRACE]) PLAIN[ch] = 0;

export interface TooDeep { readonly offset: number; readonly depth: number }

/**
 * Block levels of a line starting at `lineStart` whose content starts at `col`: closes those at or
 * right of its indentation, opens its own and one per compact entry; returns where the content starts.
 */
function openBlockLevels(text: string, indents: number[], lineStart: number, col: number, eol: number): number {
  const indent = col - lineStart;
  while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
  indents.push(indent);
  // Compact nested entries on one line: `- - - x`, `- ? x`.
  for (let c = text.charCodeAt(col); (c === DASH || c === QUESTION) && (text.charCodeAt(col + 1) === SP || col + 1 === eol); c = text.charCodeAt(col)) {
    col += 2;
    while (col < eol && text.charCodeAt(col) === SP) col++;
    indents.push(col - lineStart);
  }
  return col;
}

export function findTooDeep(text: string, max = MAX_DEPTH): TooDeep | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = 0;
  let blockScalarIndent = -1;
  let i = 0;
  while (i < text.length) {
    const nl = text.indexOf('\n', i);
    const eol = nl === -1 ? text.length : nl;
    let col = i;
    while (col < eol && text.charCodeAt(col) === SP) col++;
    const indent = col - i;
    const first = text.charCodeAt(col);
    const blank = col === eol || first === HASH || first === CR;
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) { i = eol + 1; continue; }
    blockScalarIndent = -1;
    if (!blank && quote === 0 && flow === 0) col = openBlockLevels(text, indents, i, col, eol);
    // Whether the line may end in a block scalar header: the two tests below need a | or > on it,
    // and running them only then saves a slice and two regexes per line.
    let mayBeBlock = false;
    // indents.length + flow > max, kept up to date as flow changes (indents do not within a line).
    let over = indents.length + flow > max;
    for (let c = col; c < eol; c++) {
      const ch = text.charCodeAt(c);
      // Most characters are none of those below: one table look-up passes them (on a 100k-service
      // file the guard went from ~185 to ~115 ms in a fresh process).
      if (ch < 128 && PLAIN[ch] === 1) {
        if (over && quote === 0) return { offset: c, depth: indents.length + flow };
        continue;
      }
      if (ch === BAR || ch === GT) mayBeBlock = true;
      if (quote !== 0) {
        if (ch === BACKSLASH && quote === DQ) {
          c++;
          const next = text.charCodeAt(c);
          if (next === BAR || next === GT) mayBeBlock = true;
        } else if (ch === quote) quote = 0;
        continue;
      }
      const prev = c === i ? SP : text.charCodeAt(c - 1);
      if (ch === HASH && (prev === SP || prev === TAB)) { mayBeBlock = true; break; }
      if ((ch === DQ || ch === SQ) && (prev === SP || prev === TAB || prev === LBRACKET || prev === LBRACE || prev === COMMA || prev === COLON)) quote = ch;
      else if (ch === LBRACKET || ch === LBRACE) flow++;
      else if ((ch === RBRACKET || ch === RBRACE) && flow > 0) flow--;
      over = indents.length + flow > max;
      if (over) return { offset: c, depth: indents.length + flow };
    }
    if (indents.length > max) return { offset: col, depth: indents.length };
    if (mayBeBlock && quote === 0 && flow === 0 && /[|>][-+0-9]*\s*(?:#.*)?\r?$/.test(text.slice(Math.max(col, eol - 12), eol))
      && /(?:^|[\s:-])[|>][-+0-9]*\s*(?:#.*)?\r?$/.test(text.slice(col, eol))) blockScalarIndent = indent;
    i = eol + 1;
  }
  return undefined;
}
