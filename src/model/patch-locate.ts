/**
 * Where a problem inside a patch is shown: on the patch's own node when the path exists there (a
 * misspelt id in a patched dependency), otherwise on the `patch` key that caused it.
 */
import type { JsonPath, Locator } from './locate.js';
import type { JsonValue } from './types.js';

export function patchLocator(locate: Locator, patchPath: JsonPath, patch: JsonValue): Locator {
  return (path, at = 'value') => (existsIn(patch, path) ? locate([...patchPath, ...path], at) : locate(patchPath, 'key'));
}

function existsIn(value: JsonValue, path: JsonPath): boolean {
  let node: JsonValue | undefined = value;
  for (const step of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, step)) return false;
    node = (node as Record<string | number, JsonValue>)[step];
  }
  return path.length > 0;
}
