/** State symbols and colours: colour is never the only signal, and NO_COLOR drops colour entirely. */
import type { State } from '../model/types.js';
import type { Tone } from './lines.js';

export const SYMBOL: Readonly<Record<State, string>> = { ok: '●', degraded: '▲', down: '✖' };

const COLOR: Readonly<Record<Tone, string | undefined>> = {
  ok: 'green', degraded: 'yellow', down: 'red', accent: 'cyan', muted: 'gray', warn: 'magenta', title: undefined,
};

export function toneColor(tone: Tone | undefined, color: boolean): string | undefined {
  return color && tone ? COLOR[tone] : undefined;
}

/** Muted text stays readable without colour: it is dimmed instead. */
export function toneDim(tone: Tone | undefined): boolean {
  return tone === 'muted';
}
