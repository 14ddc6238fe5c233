/** Maintainer script: regenerates src/model/schema-validator.generated.ts from the JSON Schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import { generateValidatorSource } from '../model/schema-codegen.js';

const dir = new URL('../../src/model/', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('faultline.schema.json', dir), 'utf8')) as object;
writeFileSync(new URL('schema-validator.generated.ts', dir), generateValidatorSource(schema));
process.stdout.write('wrote src/model/schema-validator.generated.ts\n');
