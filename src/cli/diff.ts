/**
 * `faultline diff BASE HEAD`: what a change to a graph does to its audit, for pull requests.
 * BASE and HEAD are files, or git revisions `REV:PATH` (read with `git show`) when no such file
 * exists. Exit: 2 bad input, 1 when an error-level finding was added, else 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { audit, defaultRules, diffAudits, diffMarkdown, diffText, findingJson, loadRules, type Rules } from '../analysis/index.js';
import { formatDiagnostic, type Loaded } from '../model/diagnostic.js';
import type { Model } from '../model/types.js';
import { loadFile, loadText, MAX_FILE_BYTES } from '../model/load.js';
import { sanitize, terminalJson } from '../model/sanitize.js';
import { EXIT, UsageError, type Command, type Io } from './command.js';

/** A file on disk, else `REV:PATH` through `git show`. */
export function loadRevision(spec: string, maxBytes = MAX_FILE_BYTES): Loaded<Model> {
  if (existsSync(spec) || !/^[^:]+:./.test(spec)) return loadFile(spec, maxBytes);
  const r = spawnSync('git', ['show', spec], { encoding: 'utf8', maxBuffer: maxBytes });
  if (r.status !== 0) {
    const why = (r.stderr || r.error?.message || 'git show failed').trim().split('\n')[0]!;
    return { errors: [{ file: spec, line: 1, column: 1, severity: 'error', message: `cannot read it with git show: ${why}` }] };
  }
  return loadText(r.stdout, spec);
}

const command: Command = {
  name: 'diff',
  usage: 'faultline diff BASE HEAD [--format text|json|markdown] [--rules FILE]',
  options: { format: { type: 'string', default: 'text' }, rules: { type: 'string' } },
  optionHelp: [
    '--format FORMAT  text (default), json, or markdown (a pull-request comment)',
    '--rules FILE     rules file for both audits',
  ],
  examples: [
    'faultline diff main:graphs/prod.yaml graphs/prod.yaml                # this branch against main',
    'faultline diff old.yaml new.yaml --format markdown > comment.md',
  ],
  run(values, args, io) {
    if (args.length !== 2) throw new UsageError('give BASE and HEAD');
    const format = String(values.format);
    if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`unknown --format "${sanitize(format)}" (text, json or markdown)`);
    let rules: Rules = defaultRules;
    if (typeof values.rules === 'string') {
      const r = loadRules(values.rules);
      if (r.errors) return bad(io, r.errors.map(formatDiagnostic));
      rules = r.value;
    }
    const [base, head] = args.map((spec) => loadRevision(spec, io.maxFileBytes)) as [Loaded<Model>, Loaded<Model>];
    if (base.errors || head.errors) return bad(io, [...base.errors ?? [], ...head.errors ?? []].map(formatDiagnostic));
    const options = { listAllUpTo: 0, top: 0 };
    const d = diffAudits(audit(base.value, rules, options), audit(head.value, rules, options));
    const [b, h] = args as [string, string];
    if (format === 'json') {
      io.out(terminalJson({
        base: b, head: h, added: d.added.map(findingJson), removed: d.removed.map(findingJson), blastRadius: d.blastRadius,
        spof: d.spof, cycles: d.cycles, toolingCycles: d.toolingCycles,
        summary: { added: d.added.length, addedErrors: d.added.filter((f) => f.severity === 'error').length, removed: d.removed.length },
      }) + '\n');
    } else io.out(format === 'markdown' ? diffMarkdown(d, b, h) : diffText(d, b, h));
    return d.added.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
  },
};

function bad(io: Io, lines: readonly string[]): number {
  io.err(lines.map(sanitize).join('\n') + '\n');
  return EXIT.badInput;
}

export default command;
