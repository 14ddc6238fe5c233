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

export interface TooDeep { readonly offset: number; readonly depth: number }

export function findTooDeep(text: string, max = MAX_DEPTH): TooDeep | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = '';
  let blockScalarIndent = -1;
  let i = 0;
  while (i < text.length) {
    const eol = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    let col = i;
    while (col < eol && text[col] === ' ') col++;
    const indent = col - i;
    const blank = col === eol || text[col] === '#' || text[col] === '\r';
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) { i = eol + 1; continue; }
    blockScalarIndent = -1;
    if (!blank && quote === '' && flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      // Compact nested entries on one line: `- - - x`, `- ? x`.
      while ((text[col] === '-' || text[col] === '?') && (text[col + 1] === ' ' || col + 1 === eol)) {
        col += 2;
        while (col < eol && text[col] === ' ') col++;
        indents.push(col - i);
      }
    }
    for (let c = col; c < eol; c++) {
      const ch = text[c]!;
      if (quote !== '') {
        if (ch === '\\' && quote === '"') c++;
        else if (ch === quote) quote = '';
        continue;
      }
      const prev = c === i ? ' ' : text[c - 1]!;
      if (ch === '#' && (prev === ' ' || prev === '\t')) break;
      if ((ch === '"' || ch === "'") && ' \t[{,:'.includes(prev)) quote = ch;
      else if (ch === '[' || ch === '{') flow++;
      else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      if (indents.length + flow > max) return { offset: c, depth: indents.length + flow };
    }
    if (indents.length > max) return { offset: col, depth: indents.length };
    if (quote === '' && flow === 0 && /[|>][-+0-9]*\s*(?:#.*)?\r?$/.test(text.slice(Math.max(col, eol - 12), eol))
      && /(?:^|[\s:-])[|>][-+0-9]*\s*(?:#.*)?\r?$/.test(text.slice(col, eol))) blockScalarIndent = indent;
    i = eol + 1;
  }
  return undefined;
}
