/**
 * Text form of the fix-first priorities: the ranked problems, one sentence each, then every
 * finding once, under the best-ranked problem it belongs to (findings of no problem last).
 */
import { sanitize } from '../model/sanitize.js';
import type { Priority } from './priorities.js';
import type { Audit } from './types.js';
import { pushAll } from '../model/arrays.js';

export function prioritiesText(a: Audit, ps: readonly Priority[], top: number, line: (i: number) => string): string[] {
  if (ps.length === 0) return a.findings.map((_, i) => line(i));
  const out = [`Fix first (${ps.length} problem${ps.length === 1 ? '' : 's'}, by score):`];
  const width = String(Math.min(ps.length, top)).length;
  for (const p of ps.slice(0, top)) out.push(`  ${String(p.rank).padStart(width)}. ${sanitize(p.summary)} [score ${p.score}]`);
  if (ps.length > top) out.push(`  … ${ps.length - top} more (--top N)`);
  const shown = new Set<number>();
  for (const p of ps) {
    const mine = p.findings.filter((i) => !shown.has(i));
    if (mine.length === 0) continue;
    out.push('', `#${p.rank} ${sanitize(p.subject)}`);
    for (const i of mine) { shown.add(i); out.push(line(i)); }
  }
  const rest = a.findings.map((_, i) => i).filter((i) => !shown.has(i));
  if (rest.length > 0) pushAll(out, ['', 'Other findings', ...rest.map(line)]);
  return out;
}
