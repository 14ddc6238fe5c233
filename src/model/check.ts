/**
 * Shape (schema) first, then meaning (references, times), then the patches the graph carries:
 * the one path every document takes.
 */
import { buildModel, type BuildResult } from './build.js';
import type { Locator } from './locate.js';
import { checkPatches } from './patch-check.js';
import { checkReferences } from './references.js';
import type { JsonObject, JsonValue } from './types.js';
import { validateShape } from './validate.js';

export interface CheckOptions {
  /**
   * Apply every `patch` event and what-if and check the graphs they produce. Default true; off
   * when checking a patched graph itself (its patches were checked with the original).
   */
  readonly patches?: boolean;
}

export function checkDocument(doc: JsonValue, file: string, locate: Locator, options: CheckOptions = {}): BuildResult {
  const shapeErrors = validateShape(doc, locate);
  // A wrong shape stops the build, but misspelt ids are still worth reporting in the same run.
  if (shapeErrors.length > 0) return { errors: [...shapeErrors, ...checkReferences(doc, locate)] };
  const built = buildModel(doc as JsonObject, file, locate);
  if (!built.model || options.patches === false) return built;
  const patchErrors = checkPatches(built.model, locate);
  return patchErrors.length > 0 ? { errors: patchErrors, ...(built.warnings ? { warnings: built.warnings } : {}) } : built;
}
