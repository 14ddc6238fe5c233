/**
 * Validation-time check of the patches a graph carries: every what-if applied to the graph, and
 * each scenario's `patch` events applied in order (each on top of the ones before it, as a replay
 * would). A problem inside the patch is located on the patch's own node when the path exists there
 * (a misspelt id in a patched dependency), otherwise on the `patch` key that caused it.
 */
import type { Diagnostic } from './diagnostic.js';
import type { JsonPath, Locator } from './locate.js';
import { patchModel } from './patch.js';
import type { JsonValue, Model } from './types.js';
import { pushAll } from './arrays.js';

export function checkPatches(model: Model, locate: Locator): Diagnostic[] {
  const errors: Diagnostic[] = [];
  for (const scenario of model.scenarios) {
    const at: JsonPath = ['scenarios', scenario.id];
    let current = model;
    scenario.events.forEach((event, i) => {
      if (event.action.kind !== 'patch') return;
      const r = patchModel(current, event.action.patch, within(locate, [...at, 'events', i, 'patch'], event.action.patch));
      if (r.model) current = r.model;
      pushAll(errors, r.errors);
    });
    for (const w of scenario.whatIfs) {
      pushAll(errors, patchModel(model, w.patch, within(locate, [...at, 'whatIfs', w.id, 'patch'], w.patch)).errors);
    }
  }
  return errors;
}

function within(locate: Locator, patchPath: JsonPath, patch: JsonValue): Locator {
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
