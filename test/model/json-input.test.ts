/**
 * JSON is the documented format for generated graphs: the same document as YAML, read through the
 * fast reader, with the same diagnostics, each located at the JSON token (the full YAML parser,
 * which reads JSON too, is the reference for locations).
 */
import { expect, test } from 'vitest';
import { loadText } from '../../src/model/load.js';

const yamlText = `faultline: 1
name: broken
services:
  db: {}
  db: { tier: 1 }
  api:
    recoversAfter: 5 minutes
    dependsOn: [dbx, api, { on: db, type: buffered, buffer: { fillsAfter: 30m, whenFull: down } }]
  web:
    entrypoint: true
    dependsOn: [{ on: api, type: soft }, { anyOf: [api, api], type: hard }]
`;

const jsonText = `{
  "faultline": 1,
  "name": "broken",
  "services": {
    "db": {},
    "db": { "tier": 1 },
    "api": {
      "recoversAfter": "5 minutes",
      "dependsOn": ["dbx", "api", { "on": "db", "type": "buffered", "buffer": { "fillsAfter": "30m", "whenFull": "down" } }]
    },
    "web": {
      "entrypoint": true,
      "dependsOn": [{ "on": "api", "type": "soft" }, { "anyOf": ["api", "api"], "type": "hard" }]
    }
  }
}
`;

const errorsOf = (text: string, file: string, reader?: 'yaml') => loadText(text, file, reader ? { reader } : {}).errors ?? [];

test('a JSON graph gives the same diagnostics as the same YAML graph', () => {
  const fromYaml = errorsOf(yamlText, 'g.yaml');
  const fromJson = errorsOf(jsonText, 'g.json');
  expect(fromYaml.length).toBeGreaterThanOrEqual(4);
  expect(fromJson.map((e) => [e.severity, e.message, e.hint])).toEqual(fromYaml.map((e) => [e.severity, e.message, e.hint]));
});

test('each JSON diagnostic is located at its token, as the full parser locates it', () => {
  const fast = errorsOf(jsonText, 'g.json');
  expect(fast).toEqual(errorsOf(jsonText, 'g.json', 'yaml'));
  const lines = jsonText.split('\n');
  const at = (message: RegExp) => {
    const e = fast.find((d) => message.test(d.message))!;
    return lines[e.line - 1]!.slice(e.column - 1);
  };
  expect(at(/duplicate key/)).toMatch(/^"db": \{ "tier"/);
  expect(at(/malformed duration/)).toMatch(/^"5 minutes"/);
  expect(at(/"dbx" is not a service/)).toMatch(/^"dbx"/);
  expect(at(/depends on itself/)).toMatch(/^"api", \{ "on"/);
  expect(at(/listed twice in this anyOf/)).toMatch(/^"api"\], "type"/);
});
