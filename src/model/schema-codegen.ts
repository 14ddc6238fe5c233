/**
 * Turns the JSON Schema into ajv standalone validation code, so the CLI compiles nothing at start-up
 * (measured in src/bench/load.ts: compiling the schema costs ~70–100 ms and loading ajv's compiler
 * ~40 ms, against ~2 ms to import the generated module). The output is committed as
 * `schema-validator.generated.ts`; a test fails when it is stale. Regenerate with
 * `npx tsx src/cli/gen-validator.ts`.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';

// A CommonJS module: under NodeNext its default import is module.exports, whose `default` is the function.
const standaloneCode = standalone.default;

/**
 * Options shared by the generated validator and the in-process compiler the benchmark and tests
 * use. strict: typos in the schema itself fail loudly; allErrors: every problem of a file in one
 * run; ownProperties: keys named like Object.prototype members are only ever the file's own;
 * verbose: errors carry the (parent) schema they failed, which the messages need (a schemaPath
 * is relative to whichever $def ajv compiled separately, so it cannot be resolved reliably).
 */
export const AJV_OPTIONS = { strict: true, allErrors: true, ownProperties: true, verbose: true } as const;

export function compileSchema(schema: object): ReturnType<Ajv2020['compile']> {
  return new Ajv2020({ ...AJV_OPTIONS }).compile(schema);
}

export function generateValidatorSource(schema: object): string {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(schema));
  if (/\brequire\(/.test(code)) throw new Error('generated validator needs an ajv runtime import; keep the schema free of uniqueItems, minLength and object enums');
  return [
    '// @ts-nocheck',
    '// GENERATED from faultline.schema.json by src/model/schema-codegen.ts — do not edit.',
    '// Regenerate: npx tsx src/cli/gen-validator.ts (test/model/codegen.test.ts fails when stale).',
    '/* eslint-disable */',
    code,
    `export const schema = ${JSON.stringify(schema)};`,
    '',
  ].join('\n');
}
