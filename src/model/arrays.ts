/**
 * Loops instead of spread arguments: `a.push(...b)` and `Math.max(...xs)` put every element on the
 * call stack and throw "Maximum call stack size exceeded" past ~100,000 elements. A test
 * (test/lint/no-spread-args.test.ts) keeps spread arguments out of src/.
 */

/** Appends every item to `target` (in place) and returns it. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}

/** The largest of `xs` and `floor` (-Infinity for none, as Math.max()). */
export function maxOf(xs: Iterable<number>, floor = -Infinity): number {
  let m = floor;
  for (const x of xs) if (x > m || Number.isNaN(x)) m = x;
  return m;
}

/** The smallest of `xs` and `ceiling` (Infinity for none, as Math.min()). */
export function minOf(xs: Iterable<number>, ceiling = Infinity): number {
  let m = ceiling;
  for (const x of xs) if (x < m || Number.isNaN(x)) m = x;
  return m;
}
