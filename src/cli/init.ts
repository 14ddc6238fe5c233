/**
 * `faultline init [DIR]`: writes a commented starter graph (and the JSON Schema its first line points
 * editors at) into DIR, so a newcomer starts from a file that validates, audits and replays. Never
 * overwrites: if either file exists, nothing is written.
 */
import { existsSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { formatSchema } from '../model/validate.js';
import { prepareOutDir, writeAtomic, ReportWriteError } from '../report/write.js';
import { EXIT, type Command } from './command.js';
import { GRAPH_FILE, SCHEMA_FILE, starterGraph } from './starter.js';

/** The graph's `name`: the directory's name made into an id, or `my-system`. */
export function graphName(dir: string): string {
  const id = basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return id === '' ? 'my-system' : id;
}

const command: Command = {
  name: 'init',
  usage: 'faultline init [DIR]',
  options: {},
  optionHelp: [
    `DIR  where to write ${GRAPH_FILE} and ${SCHEMA_FILE} (default: the current directory; created if missing)`,
  ],
  examples: [
    'faultline init my-system',
    'faultline validate my-system/graph.yaml',
  ],
  run(_values, positionals, io) {
    if (positionals.length > 1) {
      io.err('faultline init: takes at most one DIR\nUsage: faultline init [DIR]\n');
      return EXIT.badInput;
    }
    const dir = positionals[0] ?? '.';
    const targets = [GRAPH_FILE, SCHEMA_FILE].map((f) => `${dir.replace(/\/+$/, '') || '/'}/${f}`);
    const existing = targets.filter((t) => existsSync(t));
    if (existing.length > 0) {
      io.err(`faultline init: ${existing.map((t) => `"${t}"`).join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing written (init never overwrites)\n`);
      return EXIT.badInput;
    }
    const written: string[] = [];
    try {
      prepareOutDir(dir);
      written.push(writeAtomic(dir, SCHEMA_FILE, JSON.stringify(formatSchema(), null, 2) + '\n'));
      written.push(writeAtomic(dir, GRAPH_FILE, starterGraph(graphName(dir))));
    } catch (e) {
      if (!(e instanceof ReportWriteError)) throw e;
      for (const w of written) rmSync(w, { force: true }); // both files or neither
      io.err(`faultline init: ${e.message}\n`);
      return EXIT.badInput;
    }
    io.out(`wrote ${targets[0]} (a starter graph) and ${targets[1]} (its JSON Schema, for editors)\n`
      + `next: faultline validate ${targets[0]}\n`);
    return EXIT.ok;
  },
};

export default command;
