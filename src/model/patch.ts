/** RFC 7386 JSON merge patch, and a Model patched by one (what-ifs and mid-replay `patch` events). */
import type { BuildResult } from './build.js';
import { checkDocument } from './check.js';
import type { Locator } from './locate.js';
import type { JsonObject, JsonValue, Location, Model } from './types.js';

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

/**
 * The model with `patch` applied, re-checked as a whole: a patch may not produce an invalid graph.
 * Problems are located with `blame`: a Location (everything is blamed on the what-if or event that
 * carries the patch, since the unpatched graph was valid) or a Locator (see patch-check.ts).
 */
export function patchModel(model: Model, patch: JsonValue, blame: Location | Locator): BuildResult {
  const locate: Locator = typeof blame === 'function' ? blame : () => blame;
  const result = checkDocument(mergePatch(model.doc, patch), model.file, locate, { patches: false });
  return result.errors.length > 0
    ? { errors: result.errors.map((e) => ({ ...e, message: `after this patch: ${e.message}` })) }
    : result;
}
