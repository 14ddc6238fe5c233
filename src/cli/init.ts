/**
 * `faultline init [DIR]`: writes a commented starter graph (and the JSON Schema its first line points
 * editors at) into DIR, so a newcomer starts from a file that validates, audits and replays. Never
 * overwrites: if either file exists, nothing is written.
 */
import { existsSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { formatSchema } from '../model/validate.js';
import { prepareOutDir, writeAtomic, ReportWriteError } from '../report/index.js';
import { EXIT, UsageError, type Command } from './command.js';
import { importedStarter } from './init-from.js';
import { GRAPH_FILE, SCHEMA_FILE, starterGraph } from './starter.js';

/** The graph's `name`: the directory's name made into an id, or `my-system`. */
export function graphName(dir: string): string {
  const id = basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return id === '' ? 'my-system' : id;
}

const command: Command = {
  name: 'init',
  usage: 'faultline init [DIR] | faultline init --from compose|k8s|backstage PATH [DIR]',
  options: { from: { type: 'string' } },
  optionHelp: [
    `DIR            where to write ${GRAPH_FILE} and ${SCHEMA_FILE} (default: the current directory; created if missing)`,
    '--from FORMAT  start from an import of PATH (compose, k8s or backstage) instead of the example shop',
  ],
  examples: [
    'faultline init my-system',
    'faultline init --from compose docker-compose.yml my-system',
    'faultline validate my-system/graph.yaml',
  ],
  run(values, positionals, io) {
    const from = typeof values.from === 'string' ? values.from : undefined;
    const max = from === undefined ? 1 : 2;
    if (positionals.length > max || (from !== undefined && positionals.length === 0)) {
      throw new UsageError(from === undefined ? 'takes at most one DIR' : '--from FORMAT takes PATH, then an optional DIR');
    }
    const dir = positionals[from === undefined ? 0 : 1] ?? '.';
    const targets = [GRAPH_FILE, SCHEMA_FILE].map((f) => `${dir.replace(/\/+$/, '') || '/'}/${f}`);
    const existing = targets.filter((t) => existsSync(t));
    if (existing.length > 0) {
      io.err(`faultline init: ${existing.map((t) => `"${t}"`).join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing written (init never overwrites)\n`);
      return EXIT.badInput;
    }
    let graph = starterGraph(graphName(dir));
    if (from !== undefined) {
      const imported = importedStarter(from, positionals[0]!, graphName(dir));
      if (imported.messages.length > 0) io.err(imported.messages.join('\n') + '\n');
      if (imported.text === undefined) return EXIT.badInput;
      graph = imported.text;
    }
    const written: string[] = [];
    try {
      prepareOutDir(dir);
      written.push(writeAtomic(dir, SCHEMA_FILE, JSON.stringify(formatSchema(), null, 2) + '\n'));
      written.push(writeAtomic(dir, GRAPH_FILE, graph));
    } catch (e) {
      if (!(e instanceof ReportWriteError)) throw e;
      for (const w of written) rmSync(w, { force: true }); // both files or neither
      io.err(`faultline init: ${e.message}\n`);
      return EXIT.badInput;
    }
    io.out(`wrote ${targets[0]} (${from === undefined ? 'a starter graph' : `imported from ${from} ${positionals[0]!}`}) and ${targets[1]} (its JSON Schema, for editors)\n`
      + `next: faultline validate ${targets[0]}\n`);
    return EXIT.ok;
  },
};

export default command;
