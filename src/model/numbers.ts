/**
 * Numbers for people: `32,769`, `61.5%`. Grouped by hand rather than by the locale, so every output
 * is the same on every machine (reports are diffed byte for byte).
 */

/**
 * Tolerance for comparing minutes and fractions that went through float arithmetic (a crossing
 * computed as t0 + Δ must still count as "at or before" the instant it names). One value for the
 * whole engine and UI, so two modules never disagree on whether two times are the same instant.
 */
export const EPS = 1e-9;

/** 32769 → "32,769"; fractions to at most two decimals. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.round(value * 100) / 100;
  const [int, frac] = String(Math.abs(rounded)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 && rounded !== 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** 0.1523 → "15%", 0.6234 → "62.3%" (one decimal only when it matters). */
export function pct(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}
