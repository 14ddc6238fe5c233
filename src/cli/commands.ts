/**
 * Every command with its one-line summary. Commands load lazily, so `faultline validate` never loads
 * react or cytoscape, and `faultline --help` lists every summary without loading any command.
 */
import type { Command } from './command.js';

export interface Entry {
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

export const COMMANDS: Record<string, Entry> = {
  init: { summary: 'Write a commented starter graph (and its JSON Schema) to begin modelling your own system.', load: async () => (await import('./init.js')).default },
  validate: { summary: 'Check graph files against the format: shape (JSON Schema), references, times, patches.', load: async () => (await import('./validate.js')).default },
  audit: { summary: 'Find cycles, incident-tooling cycles, blast radius, single points of failure, scaling and restart hazards.', load: async () => (await import('./audit.js')).default },
  diff: { summary: 'Compare the audits of two versions of a graph (files or git REV:PATH): new and resolved findings, blast radius.', load: async () => (await import('./diff.js')).default },
  replay: { summary: 'Replay a scenario through the propagation engine: timeline with causes, fidelity, what-ifs.', load: async () => (await import('./replay.js')).default },
  explore: { summary: 'Explore a graph and replay a scenario in a full-screen terminal UI (press ? inside for every key).', load: async () => (await import('./explore.js')).default },
  report: { summary: 'Write reports of a graph and its scenario replay: Markdown, JSON, HTML, Mermaid, DOT.', load: async () => (await import('./report.js')).default },
  import: { summary: 'Build a graph from Backstage catalogs, Docker Compose, Kubernetes manifests, Jaeger or Kiali data.', load: async () => (await import('./import.js')).default },
  schema: { summary: 'Print the JSON Schema (draft 2020-12) of the graph format, for editors and other tools.', load: async () => (await import('./schema.js')).default },
};
