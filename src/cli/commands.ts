/** Every command, loaded lazily so `faultline validate` never loads react or cytoscape. */
import type { Command } from './command.js';

export const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate.js')).default,
  schema: async () => (await import('./schema.js')).default,
  replay: async () => (await import('./replay.js')).default,
  import: async () => (await import('./import.js')).default,
  audit: async () => (await import('./audit.js')).default,
  explore: async () => (await import('./explore.js')).default,
  report: async () => (await import('./report.js')).default,
};
