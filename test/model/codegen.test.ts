/** The committed standalone validator and `faultline schema` must match faultline.schema.json. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compileSchema, generateValidatorSource } from '../../src/model/schema-codegen.js';
import { formatSchema } from '../../src/model/validate.js';
import { syntheticDoc } from '../../src/bench/synthetic.js';
import { parse } from 'yaml';

const SCHEMA_TEXT = readFileSync('src/model/faultline.schema.json', 'utf8');
const SCHEMA = JSON.parse(SCHEMA_TEXT) as object;

describe('generated validator', () => {
  test('is not stale (regenerate: npx tsx src/cli/gen-validator.ts)', () => {
    expect(readFileSync('src/model/schema-validator.generated.ts', 'utf8')).toBe(generateValidatorSource(SCHEMA));
  });

  test('the schema file is in canonical form, so `faultline schema` prints it byte for byte', () => {
    expect(JSON.stringify(formatSchema(), null, 2) + '\n').toBe(SCHEMA_TEXT);
  });

  test('compiles in ajv strict mode and agrees with the committed validator', async () => {
    const compiled = compileSchema(SCHEMA);
    const { validate } = (await import('../../src/model/schema-validator.generated.js')) as unknown as { validate: typeof compiled };
    const kinesis = parse(readFileSync('graphs/aws-kinesis-2020.yaml', 'utf8')) as object;
    for (const doc of [kinesis, syntheticDoc({ services: 300, events: 50 }), { faultline: 1, name: 'x', services: { a: { tier: 9 } } }]) {
      expect(validate(doc)).toBe(compiled(doc));
      expect(validate.errors ?? null).toEqual(compiled.errors ?? null);
    }
  });

  test('every property in the schema has a description (editors show it)', () => {
    const missing: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (node === null || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, { description?: string }> }).properties;
      for (const [k, v] of Object.entries(props ?? {})) if (typeof v === 'object' && !v.description && !at.includes('/oneOf') && !at.includes('/then') && !at.includes('/not') && !at.includes('/if')) missing.push(`${at}/${k}`);
      for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
    };
    walk(SCHEMA, '#');
    expect(missing).toEqual([]);
  });
});
