/** Every command, loaded lazily so `faultline validate` never loads react or cytoscape. */
import type { Command } from './command.js';

export const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate.js')).default,
  schema: async () => (await import('./schema.js')).default,
};
