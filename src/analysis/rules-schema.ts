/** JSON Schema of the audit rules file (YAML). Unknown keys are errors, except `x-` extensions. */
import { RULE_IDS, RULE_OPTIONS } from './rules.js';

const severity = { enum: ['error', 'warn', 'info', 'off'] };

const ruleSetting = (options: readonly string[]) => ({
  oneOf: [
    severity,
    {
      type: 'object',
      properties: {
        severity,
        ...Object.fromEntries(options.map((o) => [o, { type: 'number', minimum: 0 }])),
      },
      patternProperties: { '^x-': {} },
      additionalProperties: false,
    },
  ],
});

export const rulesSchema = {
  $id: 'https://faultline.dev/schema/rules-1.json',
  title: 'Faultline audit rules',
  type: 'object',
  required: ['faultline-rules'],
  properties: {
    'faultline-rules': { const: 1 },
    rules: {
      type: 'object',
      properties: Object.fromEntries(RULE_IDS.map((id) => [id, ruleSetting(Object.keys(RULE_OPTIONS[id] ?? {}))])),
      patternProperties: { '^x-': {} },
      additionalProperties: false,
    },
    ignore: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          rule: { type: 'string', minLength: 1 },
          service: { type: 'string', minLength: 1 },
          path: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
          file: { type: 'string', minLength: 1 },
          reason: { type: 'string' },
        },
        patternProperties: { '^x-': {} },
        additionalProperties: false,
        anyOf: [{ required: ['rule'] }, { required: ['service'] }, { required: ['path'] }, { required: ['file'] }],
      },
    },
  },
  patternProperties: { '^x-': {} },
  additionalProperties: false,
} as const;
