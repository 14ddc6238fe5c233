/**
 * Shape validation against the JSON Schema (ajv). Placeholder until the schema lands: accepts
 * every document. Returns located diagnostics; never throws on bad input.
 */
import type { Diagnostic } from './diagnostic.js';
import type { Locator } from './locate.js';
import type { JsonValue } from './types.js';

export function validateShape(_doc: JsonValue, _locate: Locator): Diagnostic[] {
  return [];
}
