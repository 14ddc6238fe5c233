/** States as small integers for the hot loop (ok 0 < degraded 1 < down 2), and number formatting for causes. */
import type { State } from '../model/types.js';

export type Level = 0 | 1 | 2;

export const STATE_OF: readonly State[] = ['ok', 'degraded', 'down'];

export function level(state: State): Level {
  return state === 'down' ? 2 : state === 'degraded' ? 1 : 0;
}

/** 32769 → "32,769"; fractions to at most two decimals. Locale-independent on purpose. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.round(value * 100) / 100;
  const [int, frac] = String(Math.abs(rounded)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** 0.1523 → "15%", 0.6234 → "62.3%" (one decimal only when it matters). */
export function pct(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}
