/**
 * Code-unit order for ids and names: the one tie-break behind every sorted list, so output is the
 * same bytes on every machine (localeCompare would depend on the locale and ICU version).
 */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
