/** `faultline schema`: prints the JSON Schema of the graph format (byte for byte the committed file). */
import { formatSchema } from '../model/validate.js';
import type { Command } from './command.js';

const command: Command = {
  name: 'schema',
  usage: 'faultline schema',
  options: {},
  optionHelp: [],
  examples: [
    'faultline schema > faultline.schema.json',
    '  …then start a graph with: # yaml-language-server: $schema=./faultline.schema.json',
  ],
  run(_values, positionals, io) {
    if (positionals.length > 0) {
      io.err(`faultline schema: takes no arguments\nUsage: faultline schema\n`);
      return 2;
    }
    io.out(JSON.stringify(formatSchema(), null, 2) + '\n');
    return 0;
  },
};

export default command;
