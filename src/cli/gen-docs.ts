/** Maintainer script: regenerates the per-command help in docs/cli.md (`npx tsx src/cli/gen-docs.ts`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderCliDoc } from './cli-doc.js';
import { COMMANDS } from './commands.js';

const file = new URL('../../docs/cli.md', import.meta.url);
const commands = await Promise.all(Object.entries(COMMANDS).map(async ([name, e]) => ({ name, summary: e.summary, command: await e.load() })));
writeFileSync(file, renderCliDoc(readFileSync(file, 'utf8'), commands));
process.stdout.write('wrote docs/cli.md\n');
