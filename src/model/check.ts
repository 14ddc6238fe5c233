/**
 * Shape (schema) first, then meaning (references, times), then the patches the graph carries:
 * the one path every document takes. A patched graph takes it again (`patchModel`), which is why
 * checking a graph's patches and patching a model live together here.
 */
import { buildModel } from './build.js';
import type { JsonPath, Locator } from './locate.js';
import { mergePatch } from './patch.js';
import { patchLocator } from './patch-locate.js';
import { checkReferences } from './references.js';
import type { JsonObject, JsonValue, Location, Model } from './types.js';
import { FORMAT_VERSION, validateShape } from './validate.js';
import type { Diagnostic, Loaded } from './diagnostic.js';
import { pruneInvalid } from './prune.js';
import { pushAll } from './arrays.js';

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
  return pruned ? checkDocument(pruned.doc, file, pruned.locate, options).errors ?? [] : checkReferences(doc, locate);
}

/**
 * The patches of a graph that has errors of its own: each patched graph repeats those errors, so
 * only the problems a patch adds are reported.
 */
function newPatchErrors(draft: Model, locate: Locator, known: readonly Diagnostic[]): Diagnostic[] {
  const messages = new Set(known.map((e) => e.message));
  return checkPatches(draft, locate).filter((e) => !messages.has(e.message.replace(/^after this patch: /, '')));
}

export function checkDocument(doc: JsonValue, file: string, locate: Locator, options: CheckOptions = {}): Loaded<Model> {
  const shapeErrors = validateShape(doc, locate);
  if (shapeErrors.length > 0) return { errors: [...shapeErrors, ...laterStages(doc, file, locate, options)] };
  const { draft, ...built } = buildModel(doc as JsonObject, file, locate);
  if (built.errors && draft && options.patches !== false) return { ...built, errors: [...built.errors, ...newPatchErrors(draft, locate, built.errors)] };
  if (built.errors || options.patches === false) return built;
  const patchErrors = checkPatches(built.value, locate);
  return patchErrors.length > 0 ? { errors: patchErrors, ...(built.warnings.length > 0 ? { warnings: built.warnings } : {}) } : built;
}

/**
 * The model with `patch` applied, re-checked as a whole: a patch may not produce an invalid graph.
 * Problems are located with `blame`: a Location (everything is blamed on the what-if or event that
 * carries the patch, since the unpatched graph was valid) or a Locator (see patch-locate.ts).
 */
export function patchModel(model: Model, patch: JsonValue, blame: Location | Locator): Loaded<Model> {
  const locate: Locator = typeof blame === 'function' ? blame : () => blame;
  const result = checkDocument(mergePatch(model.doc, patch), model.file, locate, { patches: false });
  return result.errors
    ? { errors: result.errors.map((e) => ({ ...e, message: `after this patch: ${e.message}` })) }
    : result;
}

/**
 * Validation-time check of the patches a graph carries: every what-if applied to the graph, and
 * each scenario's `patch` events applied in order (each on top of the ones before it, as a replay
 * would).
 */
export function checkPatches(model: Model, locate: Locator): Diagnostic[] {
  const errors: Diagnostic[] = [];
  for (const scenario of model.scenarios) {
    const at: JsonPath = ['scenarios', scenario.id];
    let current = model;
    scenario.events.forEach((event, i) => {
      if (event.action.kind !== 'patch') return;
      const r = patchModel(current, event.action.patch, patchLocator(locate, [...at, 'events', i, 'patch'], event.action.patch));
      if (r.value) current = r.value;
      else pushAll(errors, r.errors);
    });
    for (const w of scenario.whatIfs) {
      pushAll(errors, patchModel(model, w.patch, patchLocator(locate, [...at, 'whatIfs', w.id, 'patch'], w.patch)).errors ?? []);
    }
  }
  return errors;
}
