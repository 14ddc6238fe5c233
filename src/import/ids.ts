/**
 * Service ids must match ^[a-z0-9][a-z0-9._-]*$. Names from other tools do not (`Catalog API`,
 * `reviews_v2`, `__proto__`), so they are normalised here and the original is kept as `x-name`.
 */

const ID = /^[a-z0-9][a-z0-9._-]*$/;

export function isServiceId(s: string): boolean {
  return ID.test(s);
}

export function normaliseId(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[-._]+$/, '');
  return id === '' ? 'service' : id.slice(0, 200);
}
