/**
 * Golden files for the Markdown, JSON, Mermaid and DOT reports of the small-shop fixture, through
 * the real engine and audit. After an intended change, regenerate and review the diff:
 *   UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/model/load.js';
import { renderReports } from '../../src/report/index.js';
import { gatherInputs } from '../../src/report/inputs.js';
import { FIXTURE } from './fake-inputs.js';

const GOLDEN = 'test/report/fixtures/golden';
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden reports of the small-shop fixture', () => {
  const model = loadFile(FIXTURE).value!;
  const files = renderReports(gatherInputs(model, FIXTURE), ['md', 'json', 'mermaid', 'dot'], 'small-shop');
  if (update) mkdirSync(GOLDEN, { recursive: true });

  for (const f of files) {
    it(f.name, () => {
      const path = join(GOLDEN, f.name);
      if (update) writeFileSync(path, f.content);
      expect(existsSync(path), `${path} missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(f.content).toBe(readFileSync(path, 'utf8'));
    });
  }
});
