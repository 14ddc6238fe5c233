/**
 * Everything the panes show is built as plain `Line` data by pure functions, then drawn by one
 * windowed component. That keeps the content testable without ink and renders only visible rows.
 */
import type { State } from '../model/types.js';

export type Tone = State | 'accent' | 'muted' | 'warn' | 'title';

export interface Seg {
  readonly text: string;
  readonly tone?: Tone;
  readonly bold?: boolean;
  readonly inverse?: boolean;
}

export interface Line {
  readonly segs: readonly Seg[];
  /** The service this line stands for: enter drills into it. */
  readonly target?: string;
}

export const seg = (text: string, tone?: Tone, bold?: boolean): Seg => ({ text, ...(tone ? { tone } : {}), ...(bold ? { bold } : {}) });
export const line = (segs: readonly Seg[], target?: string): Line => (target === undefined ? { segs } : { segs, target });
export const text = (t: string, tone?: Tone): Line => ({ segs: [seg(t, tone)] });
export const blank: Line = { segs: [] };

export function lineText(l: Line): string {
  return l.segs.map((s) => s.text).join('');
}

/** Pads or cuts to exactly `width` columns (ids and numbers are single-width). */
export function fit(t: string, width: number): string {
  if (width <= 0) return '';
  return t.length > width ? (width > 1 ? `${t.slice(0, width - 1)}…` : t.slice(0, width)) : t.padEnd(width);
}
