/**
 * Shape (schema) first, then meaning (references, times), then the patches the graph carries:
 * the one path every document takes.
 */
import { buildModel, type BuildResult } from './build.js';
import type { Locator } from './locate.js';
import { checkPatches } from './patch-check.js';
import { checkReferences } from './references.js';
import type { JsonObject, JsonValue, Model } from './types.js';
import { FORMAT_VERSION, validateShape } from './validate.js';
import type { Diagnostic } from './diagnostic.js';
import { pruneInvalid } from './prune.js';

export interface CheckOptions {
  /**
   * Apply every `patch` event and what-if and check the graphs they produce. Default true; off
   * when checking a patched graph itself (its patches were checked with the original).
   */
  readonly patches?: boolean;
}

/**
 * After shape errors, every later stage still runs on the parts whose shape is valid (prune.ts), so
 * one run shows every problem. A document that is not a graph at all, or of another format
 * version, gets its one shape message only.
 */
function laterStages(doc: JsonValue, file: string, locate: Locator, options: CheckOptions): readonly Diagnostic[] {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return [];
  if (Object.hasOwn(doc, 'faultline') && doc.faultline !== FORMAT_VERSION) return [];
  const pruned = pruneInvalid(doc, locate);
  // Pruning should always converge; if it does not, misspelt ids are still worth reporting.
  return pruned ? checkDocument(pruned.doc, file, pruned.locate, options).errors : checkReferences(doc, locate);
}

/**
 * The patches of a graph that has errors of its own: each patched graph repeats those errors, so
 * only the problems a patch adds are reported.
 */
function newPatchErrors(draft: Model, locate: Locator, known: readonly Diagnostic[]): Diagnostic[] {
  const messages = new Set(known.map((e) => e.message));
  return checkPatches(draft, locate).filter((e) => !messages.has(e.message.replace(/^after this patch: /, '')));
}

export function checkDocument(doc: JsonValue, file: string, locate: Locator, options: CheckOptions = {}): BuildResult {
  const shapeErrors = validateShape(doc, locate);
  if (shapeErrors.length > 0) return { errors: [...shapeErrors, ...laterStages(doc, file, locate, options)] };
  const { draft, ...built } = buildModel(doc as JsonObject, file, locate);
  if (!built.model && draft && options.patches !== false) return { ...built, errors: [...built.errors, ...newPatchErrors(draft, locate, built.errors)] };
  if (!built.model || options.patches === false) return built;
  const patchErrors = checkPatches(built.model, locate);
  return patchErrors.length > 0 ? { errors: patchErrors, ...(built.warnings ? { warnings: built.warnings } : {}) } : built;
}
