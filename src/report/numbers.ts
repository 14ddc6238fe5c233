/** `12,345` or `12.5`: grouped by hand, not by the locale, so output is the same on every machine. */
export function num(n: number): string {
  const [whole, frac] = (Math.round(n * 10) / 10).toString().split('.');
  return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}
