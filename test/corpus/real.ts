/**
 * `../shared/realinputs`: third-party inputs (real Compose files, manifests, catalogs, traces) beside the
 * clone. Only tests in test/corpus/ read them (`npm run test:corpus`); `npm test` never does.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const path = fileURLToPath(new URL('../../../shared/realinputs', import.meta.url));
if (!existsSync(path)) {
  throw new Error(`npm run test:corpus needs the third-party corpus at ${path} (a "shared/realinputs" folder beside the clone)`);
}

/** The corpus, relative to the working directory (diagnostics print paths as given). */
export const REAL = relative(process.cwd(), path);
