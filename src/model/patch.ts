/** RFC 7386 JSON merge patch (what-ifs and mid-replay `patch` events). A Model patched by one: check.ts. */
import type { JsonObject, JsonValue } from './types.js';

export function mergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result: JsonObject = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key]!;
    // defineProperty, not assignment: a "__proto__" key must stay a plain key, never a prototype.
    if (value === null) delete result[key];
    else Object.defineProperty(result, key, { value: mergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}
