/** `faultline validate FILE…`: every problem of every file, compiler style; exit 2 on any error. */
import { formatDiagnostic, type Diagnostic } from '../model/diagnostic.js';
import { loadFile } from '../model/load.js';
import { EXIT, UsageError, type Command } from './command.js';

const command: Command = {
  name: 'validate',
  summary: 'Check graph files against the format (schema, references, times).',
  usage: 'faultline validate FILE… [--format text|json]',
  options: { format: { type: 'string', default: 'text' } },
  optionHelp: ['--format text|json  output format (default text)'],
  examples: ['faultline validate graphs/aws-kinesis-2020.yaml', 'faultline validate graphs/*.yaml --format json'],
  run(values, files, io) {
    if (files.length === 0) throw new UsageError('no FILE given');
    const format = String(values.format);
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format "${format}" (text or json)`);
    const results = files.map((file) => {
      const r = loadFile(file);
      return { file, valid: r.errors.length === 0, services: r.model?.services.length ?? 0, scenarios: r.model?.scenarios.length ?? 0, errors: r.errors };
    });
    if (format === 'json') io.out(JSON.stringify({ files: results }, null, 2) + '\n');
    else {
      for (const r of results) {
        if (r.valid) io.out(`${r.file}: ok (${r.services} services, ${r.scenarios} scenarios)\n`);
        else io.err(r.errors.map((d: Diagnostic) => formatDiagnostic(d)).join('\n') + '\n');
      }
    }
    return results.every((r) => r.valid) ? EXIT.ok : EXIT.badInput;
  },
};

export default command;
