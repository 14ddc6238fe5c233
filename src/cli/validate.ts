/** `faultline validate FILE…`: every problem of every file, compiler style; exit 2 on any error. */
import { formatDiagnostic, type Diagnostic } from '../model/diagnostic.js';
import { loadFile, STDIN_NAME } from '../model/load.js';
import { sanitize, terminalJson } from '../model/sanitize.js';
import { EXIT, UsageError, type Command } from './command.js';

interface FileResult {
  readonly file: string;
  readonly valid: boolean;
  readonly services: number;
  readonly scenarios: number;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

import { num } from '../model/numbers.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summary(r: FileResult): string {
  const warned = r.warnings.length > 0 ? `, ${plural(r.warnings.length, 'warning')}` : '';
  return r.valid
    ? `${r.file}: ok (${plural(r.services, 'service')}, ${plural(r.scenarios, 'scenario')}${warned})`
    : `${r.file}: ${errorCount(r.errors)}${warned}`;
}

/** `9 errors`, or `first 100 of 9,900 errors` when the list was cut (its last entry counts the rest). */
function errorCount(errors: readonly Diagnostic[]): string {
  const shown = errors.filter((e) => !/ more errors? not shown$/.test(e.message)).length;
  const more = errors.reduce((n, e) => n + Number(/^(\d+) more errors? not shown$/.exec(e.message)?.[1] ?? 0), 0);
  return more === 0 ? plural(shown, 'error') : `first ${shown} of ${num(shown + more)} errors`;
}

const command: Command = {
  name: 'validate',
  graphArgs: true,
  usage: 'faultline validate FILE|DIR|-… [--format text|json]',
  options: { format: { type: 'string', default: 'text' } },
  optionHelp: [
    '--format text|json  text: FILE:LINE:COL: error: MESSAGE lines on stderr and a summary per file',
    '                    on stdout; json: one object { files: [...] } on stdout (default text)',
  ],
  examples: ['faultline validate graphs/aws-kinesis-2020.yaml', 'faultline validate graphs/ --format json', 'faultline import k8s manifests/ | faultline validate -'],
  run(values, files, io) {
    if (files.length === 0) throw new UsageError('no FILE given');
    const format = String(values.format);
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format "${sanitize(format)}" (text or json)`);
    const results = files.map((file): FileResult => {
      const r = loadFile(file, io.maxFileBytes);
      return {
        file: file === '-' ? STDIN_NAME : file, valid: !r.errors, services: r.value?.services.length ?? 0, scenarios: r.value?.scenarios.length ?? 0,
        errors: r.errors ?? [], warnings: r.warnings ?? [],
      };
    });
    if (format === 'json') io.out(terminalJson({ files: results }) + '\n');
    else {
      for (const r of results) {
        const lines = [...r.errors, ...r.warnings].sort((a, b) => a.line - b.line || a.column - b.column).map(formatDiagnostic);
        if (lines.length > 0) io.err(lines.join('\n') + '\n');
        (r.valid ? io.out : io.err)(sanitize(summary(r)) + '\n');
      }
    }
    return results.every((r) => r.valid) ? EXIT.ok : EXIT.badInput;
  },
};

export default command;
