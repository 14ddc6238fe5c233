/** `faultline schema`: prints the JSON Schema of the graph format. */
import { readFileSync } from 'node:fs';
import type { Command } from './command.js';

const command: Command = {
  name: 'schema',
  summary: 'Print the JSON Schema (draft 2020-12) of the graph format.',
  usage: 'faultline schema',
  options: {},
  optionHelp: [],
  examples: ['faultline schema > faultline.schema.json'],
  run(_values, _positionals, io) {
    io.out(readFileSync(new URL('../../src/model/faultline.schema.json', import.meta.url), 'utf8'));
    return 0;
  },
};

export default command;
