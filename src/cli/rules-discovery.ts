/**
 * Finds the rules file the way eslint and prettier find their configs: `.faultline.yaml` or
 * `faultline-rules.yaml` in the working directory, else in each parent, stopping at the repository
 * root (the first directory holding `.git`) or the file-system root.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const RULES_FILE_NAMES = ['.faultline.yaml', 'faultline-rules.yaml'] as const;

function isFile(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}

export function discoverRules(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of RULES_FILE_NAMES) {
      const candidate = join(dir, name);
      if (isFile(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (existsSync(join(dir, '.git')) || parent === dir) return undefined;
    dir = parent;
  }
}
