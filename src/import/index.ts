/**
 * `faultline import` as a numbered script: 1 expand inputs into files, 2 read each format's files,
 * 3 combine into one graph of ids, 4 write it (fresh, or merged into an existing graph),
 * 5 validate what was written, as any graph file is validated.
 */
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { byPlace, type Diagnostic, type Loaded } from '../model/diagnostic.js';
import { loadText } from '../model/load.js';
import { readBackstage } from './backstage.js';
import { combine } from './combine.js';
import { readCompose } from './compose.js';
import { documentText, graphDocument } from './emit.js';
import { normaliseId } from './ids.js';
import { readJaeger } from './jaeger.js';
import { readK8s } from './k8s.js';
import { readKiali } from './kiali.js';
import { mergeInto } from './merge.js';
import { expandInputs, fileExists, readInput, realPath } from './read.js';
import { FORMATS, type Format, type InputText, type Reading } from './types.js';
import { pushAll } from '../model/arrays.js';

export { FORMATS, isFormat, type Format } from './types.js';

export interface ImportInput { readonly format: Format; readonly path: string }

export interface ImportOptions {
  /** Graph name; default from the first input's file name. */
  readonly name?: string;
  /** The existing graph to merge into. */
  readonly merge?: { readonly file: string; readonly text: string };
  /** The command line, for the header comment. */
  readonly command?: string;
  /** The file name the result is validated as. */
  readonly outFile?: string;
  /** Kubernetes: the namespace of objects that name none (`kubectl apply -n`). */
  readonly namespace?: string;
  /** `--alias a=b`: the service named a (in any input) is service b. */
  readonly aliases?: readonly (readonly [string, string])[];
}

/** The graph file's text, with its size for the summary line. */
export interface Imported {
  readonly text: string;
  readonly services: number;
  readonly edges: number;
}

export function runImport(inputs: readonly ImportInput[], options: ImportOptions = {}): Loaded<Imported> {
  const diagnostics: Diagnostic[] = [];
  const fail = (): Loaded<Imported> => ({
    errors: diagnostics.filter((d) => d.severity === 'error'), warnings: diagnostics.filter((d) => d.severity !== 'error'),
  });
  // 1. files per format, each read once
  const { texts, roots } = readFiles(inputs, diagnostics);
  if (hasErrors(diagnostics)) return fail();
  // 2. readings
  const inputFiles = new Set<string>();
  const readings = readFormats(texts, roots, options, inputFiles);
  pushAll(diagnostics, readings.flatMap((r) => r.diagnostics));
  if (hasErrors(diagnostics)) return fail();
  // 3. one graph; names the --merge base defines are not dangling
  const lines = new LineCounter();
  const base = options.merge ? parseDocument(options.merge.text, { lineCounter: lines, prettyErrors: false }) : undefined;
  if (base && base.errors.length > 0) {
    pushAll(diagnostics, base.errors.map((e) => ({ file: options.merge!.file, ...pos(lines, e.pos[0]), severity: 'error' as const, message: e.message.split('\n')[0]! })));
    return fail();
  }
  const baseIds = new Set<string>(Object.keys((base?.toJS({ maxAliasCount: 100 }) as { services?: object } | null)?.services ?? {}));
  const aliases = new Map((options.aliases ?? []).map(([a, b]) => [normaliseId(a), normaliseId(b)]));
  const graph = combine(readings, baseIds, { aliases });
  pushAll(diagnostics, graph.diagnostics);
  // 4. write
  let text: string;
  if (base) {
    const stats = mergeInto(base, lines, options.merge!.file, graph, inputFiles);
    pushAll(diagnostics, stats.diagnostics);
    text = documentText(base);
  } else text = freshText(inputs, graph, options);
  // 5. what was written must load like any graph
  const check = loadText(text, options.outFile ?? options.merge?.file ?? '<import>');
  if (check.errors) {
    pushAll(diagnostics, check.errors);
    return fail();
  }
  diagnostics.sort(byPlace);
  // Readers and merging only warn (errors stopped the import above).
  return { value: { text, services: check.value.services.length, edges: check.value.services.reduce((n, s) => n + s.dependsOn.length, 0) }, warnings: diagnostics };
}

/** Each input expanded into files (a directory, several formats) and read once per format. */
function readFiles(inputs: readonly ImportInput[], diagnostics: Diagnostic[]): { texts: Map<Format, InputText[]>; roots: string[] } {
  const texts = new Map<Format, InputText[]>();
  const seen = new Set<string>();
  const roots: string[] = [];
  for (const input of inputs) {
    const expanded = expandInputs(input.path, input.format);
    pushAll(diagnostics, expanded.diagnostics);
    if (input.format === 'backstage') roots.push(realPath(expanded.files.length === 1 && expanded.files[0] === input.path ? dirname(input.path) : input.path));
    for (const file of expanded.files) {
      if (seen.has(`${input.format}|${resolve(file)}`)) continue;
      seen.add(`${input.format}|${resolve(file)}`);
      const read = readInput(file);
      if ('text' in read) texts.set(input.format, [...(texts.get(input.format) ?? []), read]);
      else diagnostics.push(read);
    }
  }
  return { texts, roots };
}

/** One reading per format given; every file a reader opened (includes, env files) lands in `inputFiles`. */
function readFormats(texts: ReadonlyMap<Format, InputText[]>, roots: readonly string[], options: ImportOptions, inputFiles: Set<string>): Reading[] {
  const readings: Reading[] = [];
  for (const format of FORMATS) {
    const files = texts.get(format);
    if (!files) continue;
    const reading = format === 'backstage' ? readBackstage(files, roots, (f) => { inputFiles.add(f); return readInput(f); })
      : format === 'compose' ? readCompose(files, { read: (f) => { inputFiles.add(f); return readInput(f); }, exists: fileExists })
      : format === 'k8s' ? readK8s(files, options.namespace !== undefined ? { namespace: options.namespace } : {})
      : format === 'jaeger' ? readJaeger(files)
      : readKiali(files);
    readings.push(reading);
    files.forEach((f) => inputFiles.add(f.file));
  }
  return readings;
}

/** A new graph file: the combined graph, with a header saying where it came from and what to review. */
function freshText(inputs: readonly ImportInput[], graph: ReturnType<typeof combine>, options: ImportOptions): string {
  const first = inputs[0]?.path ?? 'import';
  const name = normaliseId(options.name ?? first.replace(/\/+$/, '').split('/').pop()!.replace(/\.[^.]*$/, ''));
  return documentText(graphDocument(graph, {
    name,
    title: `Imported from ${inputs.map((i) => `${i.format} ${i.path}`).join(', ')}`,
    sources: [...new Set(inputs.map((i) => i.path))],
    header: [
      `Imported by: ${options.command ?? 'faultline import'}`,
      'Every service and edge has x-source (FILE:LINE) saying where it was found; comments starting',
      '"guessed:" mark what the import inferred: review them. Edit freely (types, tiers, fleets,',
      'scenarios), then re-import with --merge THIS-FILE to keep your edits.',
    ],
  }));
}

function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

function pos(lines: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}
