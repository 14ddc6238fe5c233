/** `faultline import FORMAT FILE|DIR… [--out FILE] [--merge EXISTING.yaml]`: graphs from what teams already have. */
import { unwritable, writeRegularFile } from '../model/files.js';
import { readSource } from '../model/source.js';
import { sanitize } from '../model/sanitize.js';
import { diagnosticsOf, formatDiagnostic } from '../model/diagnostic.js';
import { FORMATS, isFormat, runImport, type Format, type ImportInput } from '../import/index.js';
import { EXIT, UsageError, type Command } from './command.js';

const ALIASES: Record<string, Format> = { kubernetes: 'k8s', 'docker-compose': 'compose', catalog: 'backstage' };

function formatOf(word: string): Format | undefined {
  return isFormat(word) ? word : Object.hasOwn(ALIASES, word) ? ALIASES[word] : undefined;
}

/** `FORMAT input…` where any input may also be `FORMAT:path` (several formats in one import). */
export function parseInputs(positionals: readonly string[]): ImportInput[] {
  const [first, ...rest] = positionals;
  if (first === undefined) throw new UsageError(`no FORMAT given (one of ${FORMATS.join(', ')})`);
  const fallback = formatOf(first);
  const items = fallback ? rest : positionals;
  if (items.length === 0) throw new UsageError('no FILE or DIR given');
  return items.map((item) => {
    const m = /^([a-z0-9-]+):(.+)$/.exec(item);
    const prefixed = m ? formatOf(m[1]!) : undefined;
    if (prefixed) return { format: prefixed, path: m![2]! };
    if (!fallback) throw new UsageError(`unknown format "${first}" (one of ${FORMATS.join(', ')}; or prefix each input, e.g. compose:FILE)`);
    return { format: fallback, path: item };
  });
}

/** `--alias a=b`, repeatable. */
function aliasPairs(raw: unknown): [string, string][] {
  const list = Array.isArray(raw) ? raw.filter((a): a is string => typeof a === 'string') : [];
  return list.map((a) => {
    const m = /^([^=\s]+)=([^=\s]+)$/.exec(a);
    if (!m) throw new UsageError(`--alias ${a}: expected NAME=ID`);
    return [m[1]!, m[2]!];
  });
}

const command: Command = {
  name: 'import',
  usage: 'faultline import FORMAT FILE|DIR… [--out FILE] [--merge EXISTING.yaml] [--name NAME] [--namespace NS] [--alias NAME=ID]…',
  options: {
    out: { type: 'string', short: 'o' }, merge: { type: 'string' }, name: { type: 'string' },
    namespace: { type: 'string', short: 'n' }, alias: { type: 'string', multiple: true },
  },
  optionHelp: [
    'FORMAT             backstage | compose | k8s | jaeger | kiali; any input may also be FORMAT:PATH',
    '--out FILE         write the graph to FILE (default: stdout)',
    '--merge FILE       fold the import into an existing graph, keeping its hand edits; lists edges',
    '                   the import no longer sees (without deleting them)',
    '--name NAME        the graph name (default: from the first input)',
    '--namespace NS     k8s: the namespace of objects that name none, as `kubectl apply -n NS` (default:',
    '                   the one namespace the inputs name, else default)',
    '--alias NAME=ID    the service NAME (in any input) is the service ID; repeatable. NAME=NAME keeps',
    '                   NAME apart from what the naming rule would match it to (docs/import.md)',
  ],
  examples: [
    'faultline import k8s release/kubernetes-manifests.yaml > shop.yaml',
    'faultline import compose docker-compose.yml docker-compose.override.yml --out shop.yaml',
    'faultline import compose docker-compose.yml jaeger:dependencies.json --merge shop.yaml --out shop.yaml',
    'faultline import backstage catalog/ --out catalog.yaml',
    'faultline import k8s rendered.yaml --namespace shop compose:docker-compose.yml --alias catalog-mysql=catalog-db',
  ],
  run(values, positionals, io) {
    const inputs = parseInputs(positionals);
    const out = typeof values.out === 'string' ? values.out : undefined;
    const mergeFile = typeof values.merge === 'string' ? values.merge : undefined;
    const cannot = out === undefined ? undefined : unwritable(out);
    if (cannot) { io.err(`faultline import: cannot write ${sanitize(out!)}: ${cannot}\n`); return EXIT.badInput; }
    let merge: { file: string; text: string } | undefined;
    if (mergeFile !== undefined) {
      const read = readSource(mergeFile, 'graph file');
      if (read.errors) { io.err(read.errors.map((d) => sanitize(formatDiagnostic(d))).join('\n') + '\n'); return EXIT.badInput; }
      merge = { file: mergeFile, text: read.value };
    }
    const aliases = aliasPairs(values.alias);
    const result = runImport(inputs, {
      ...(typeof values.name === 'string' ? { name: values.name } : {}),
      ...(typeof values.namespace === 'string' ? { namespace: values.namespace } : {}),
      ...(aliases.length > 0 ? { aliases } : {}),
      ...(merge ? { merge } : {}),
      ...(out ? { outFile: out } : {}),
      command: ['faultline import', ...positionals].join(' '),
    });
    const diagnostics = diagnosticsOf(result);
    if (diagnostics.length > 0) io.err(diagnostics.map(formatDiagnostic).join('\n') + '\n');
    if (result.errors) return EXIT.badInput;
    const { text, services, edges } = result.value;
    if (out) {
      try {
        writeRegularFile(out, text);
      } catch (e) {
        io.err(`faultline import: cannot write ${sanitize(out)}: ${(e as Error).message}\n`);
        return EXIT.badInput;
      }
    } else io.out(text);
    const warnings = result.warnings.length;
    io.err(`imported ${services} services, ${edges} edges${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}${out ? ` → ${out}` : ''}\n`);
    return EXIT.ok;
  },
};

export default command;
