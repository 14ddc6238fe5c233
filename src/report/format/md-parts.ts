/** Small Markdown building blocks shared by the Markdown report's sections. */
import { formatDuration } from '../../model/time.js';
import type { State } from '../../model/types.js';
import { mdCode } from '../../model/escape.js';

/** A GitHub table; cells are already-escaped Markdown. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const sep = headers.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [headers, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n';
}

/** Colour is never the only signal: the word is always there. */
export function stateCell(state: State): string {
  return `${state === 'down' ? '🔴' : state === 'degraded' ? '🟡' : '🟢'} ${state}`;
}

export function id(text: string): string {
  return mdCode(text);
}

export function ids(list: readonly string[], max = 12): string {
  if (list.length === 0) return '—';
  const shown = list.slice(0, max).map(id).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

export function duration(minutes: number | null | undefined): string {
  return minutes === null || minutes === undefined ? '—' : formatDuration(minutes);
}

/** `+3m`, `-1h2m`, `0m`: predicted minus observed. */
export function signed(minutes: number | undefined): string {
  if (minutes === undefined) return '—';
  return minutes > 0 ? `+${formatDuration(minutes)}` : formatDuration(minutes);
}
