/**
 * Shape validation against the JSON Schema, with the committed ajv standalone validator (no
 * compile at start-up). Returns located diagnostics; never throws on bad input. Documents that are
 * not a graph at all (empty, a list, another format version) get one clear message instead of a
 * schema cascade.
 */
import type { Diagnostic } from './diagnostic.js';
import type { Locator } from './locate.js';
import { quote } from './sanitize.js';
import { explainSchemaErrors, type SchemaError } from './schema-errors.js';
import { schema, validate } from './schema-validator.generated.js';
import type { JsonValue } from './types.js';

export const FORMAT_VERSION = 1;
const SHAPE_HINT = 'a graph file is a mapping: faultline: 1, name: ID, services: {…}';

type Validator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

export function validateShape(doc: JsonValue, locate: Locator): Diagnostic[] {
  const at = (message: string, hint: string): Diagnostic[] => [{ ...locate([]), severity: 'error', message, hint }];
  if (doc === null || doc === undefined) return at('the file is empty', SHAPE_HINT);
  if (Array.isArray(doc)) return at('the top level is a list, not a mapping', SHAPE_HINT);
  if (typeof doc !== 'object') return at(`the top level is a ${typeof doc} (${quote(doc)}), not a mapping`, SHAPE_HINT);
  if (Object.hasOwn(doc, 'faultline') && doc.faultline !== FORMAT_VERSION) {
    return [{
      ...locate(['faultline']), severity: 'error',
      message: `unsupported format version ${quote(doc.faultline)}`, hint: `this Faultline reads format version ${FORMAT_VERSION}`,
    }];
  }
  const v = validate as unknown as Validator;
  if (v(doc)) return [];
  return explainSchemaErrors(v.errors ?? [], doc, schema, locate);
}

/** The JSON Schema the validator was generated from (what `faultline schema` prints). */
export function formatSchema(): object {
  return schema;
}
