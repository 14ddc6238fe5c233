/**
 * docs/cli.md keeps each command's reference beside its prose: under the command's anchor, the
 * heading is its usage line and the block after it is its `--help` text, both generated from the
 * command itself (gen-docs.ts writes them; a test fails when the file is stale). A command without a
 * section gets one at the end. Everything else in the file is written by hand and left alone.
 */
import type { Command } from './command.js';
import { commandHelp } from './run.js';

export const BEGIN = '<!-- generated from the command\'s --help by src/cli/gen-docs.ts: do not edit -->';
export const END = '<!-- end of generated help -->';

export interface DocCommand {
  readonly name: string;
  readonly summary: string;
  readonly command: Command;
}

export function renderCliDoc(current: string, commands: readonly DocCommand[]): string {
  let doc = current;
  for (const c of commands) {
    const anchor = `<a id="${c.name}"></a>\n\n`;
    const block = [
      `### \`${c.command.usage}\``, '', BEGIN, '```console', `$ faultline ${c.name} --help`, commandHelp(c.command, c.summary).trimEnd(), '```', END, '',
    ].join('\n');
    const at = doc.indexOf(anchor);
    if (at < 0) {
      doc = `${doc.trimEnd()}\n\n${anchor}${block}`;
      continue;
    }
    const start = at + anchor.length;
    let end = doc.indexOf('\n', start) + 1;
    if (doc.startsWith(`\n${BEGIN}`, end)) end = doc.indexOf(END, end) + END.length + 1;
    doc = doc.slice(0, start) + block + doc.slice(end);
  }
  return doc;
}
