/** Runs an import in-process and flattens the result into lists a test can compare. */
import { diagnosticsOf } from '../../src/model/diagnostic.js';
import { parse } from 'yaml';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { runImport, type ImportInput, type ImportOptions } from '../../src/import/index.js';

export interface Flat {
  readonly text: string;
  readonly services: string[];
  /** `from -> to (type)`, anyOf targets joined with `|`. */
  readonly edges: string[];
  readonly warnings: string[];
  readonly errors: string[];
  readonly doc: { services: Record<string, Record<string, unknown>> } & Record<string, unknown>;
}

export function importFlat(inputs: ImportInput[], options: ImportOptions = {}): Flat {
  const r = runImport(inputs, options);
  const errors = diagnosticsOf(r).filter((d) => d.severity === 'error').map(formatDiagnostic);
  const warnings = diagnosticsOf(r).filter((d) => d.severity === 'warning').map(formatDiagnostic);
  if (r.value?.text === undefined) return { text: '', services: [], edges: [], warnings, errors, doc: { services: {} } };
  const doc = parse(r.value?.text) as Flat['doc'];
  const edges: string[] = [];
  for (const [id, s] of Object.entries(doc.services)) {
    for (const d of (s.dependsOn as { on?: string; anyOf?: string[]; type: string }[] | undefined) ?? []) {
      edges.push(`${id} -> ${d.on ?? d.anyOf!.join('|')} (${d.type})`);
    }
  }
  return { text: r.value?.text, services: Object.keys(doc.services), edges, warnings, errors, doc };
}

/** Hard edges from one service to each of several targets, in the importer's sorted order. */
export function hard(from: string, ...targets: string[]): string[] {
  return targets.map((t) => `${from} -> ${t} (hard)`);
}
