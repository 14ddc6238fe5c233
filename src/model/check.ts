/** Shape (schema) first, then meaning (references, times): the one path every document takes. */
import { buildModel, type BuildResult } from './build.js';
import type { Locator } from './locate.js';
import type { JsonObject, JsonValue } from './types.js';
import { validateShape } from './validate.js';

export function checkDocument(doc: JsonValue, file: string, locate: Locator): BuildResult {
  const shapeErrors = validateShape(doc, locate);
  if (shapeErrors.length > 0) return { errors: shapeErrors };
  return buildModel(doc as JsonObject, file, locate);
}
