/**
 * `faultline init --from FORMAT PATH [DIR]`: the starter graph made by an importer instead of the
 * example shop, with the same guidance for what to add by hand (the importer cannot know tiers,
 * edge types, fleets, incident tools or scenarios).
 */
import { diagnosticsOf, formatDiagnostic } from '../model/diagnostic.js';
import { isFormat, runImport } from '../import/index.js';
import { UsageError } from './command.js';
import { GRAPH_FILE, SCHEMA_FILE } from './starter.js';

export const INIT_FORMATS = ['compose', 'k8s', 'backstage'] as const;

const GUIDANCE = (source: string) => `# yaml-language-server: $schema=./${SCHEMA_FILE}
#
# Started by: faultline init --from ${source}
# An import knows which services call which, not how they fail. Review it and add by hand:
#   - tier (0 most critical … 3) and entrypoint: true on what customers call;
#   - each edge's type: hard (fails with it, the default), soft (degraded instead of down),
#     buffered (after a buffer fills: buffer: { fillsAfter: 30m }), async (no effect, data lost);
#     anyOf: [a, b] where either of two services will do;
#   - incident tools (role: monitoring, alerting, status-page, deploy, chat or access) with supports;
#   - fleet: { nodes: N, restart: { perHour: R } } on services that run on many identical nodes;
#   - a scenario to replay, with what monitoring saw (compared with the replay) and what-ifs, e.g.
#       scenarios:
#         db-outage:
#           start: 2026-01-10T09:00:00Z
#           events: [{ at: "09:05", fail: { service: SERVICE } }]
#           observed: [{ at: "09:06", service: SERVICE, state: down, note: first alarm }]
#     or ask without one: faultline replay ${GRAPH_FILE} --fail SERVICE --for 30m
# Numbers no source gives you are guesses: mark them x-assumed: true.
#
`;

/** The imported graph with the guidance on top, or the importer's located errors. */
export function importedStarter(format: string, path: string, name: string): { text?: string; messages: string[] } {
  if (!(INIT_FORMATS as readonly string[]).includes(format) || !isFormat(format)) {
    throw new UsageError(`--from takes ${INIT_FORMATS.join(', ')}, not "${format}" (other formats: faultline import)`);
  }
  const r = runImport([{ format, path }], { name, command: `faultline init --from ${format} ${path}` });
  if (r.errors) return { messages: diagnosticsOf(r).map(formatDiagnostic) };
  return { text: GUIDANCE(`${format} ${path}`) + r.value.text, messages: r.warnings.map(formatDiagnostic) };
}
