/** `faultline report FILE… [--scenario ID|all] [--format md,json,html,mermaid,dot] [--out DIR]`. */
import { join } from 'node:path';
import { InputError } from '../model/diagnostic.js';
import { unwritable } from '../model/files.js';
import { loadFile, STDIN_NAME } from '../model/load.js';
import { sanitize } from '../model/sanitize.js';
import type { Model } from '../model/types.js';
import { didYouMean } from '../model/suggest.js';
import {
  FORMAT_NAMES, FORMATS, GROUP_BYS, ReportWriteError, gatherInputs, isFormatName, prepareOutDir, renderReports, writeAtomic, type FormatName, type GroupBy,
} from '../report/index.js';
import { EXIT, UsageError, type Command, type Values } from './command.js';
import { reportBase, reportBases } from './report-names.js';
import { focusOf } from './focus.js';

function parseFormats(value: string): FormatName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError('--format needs at least one format');
  for (const n of names) {
    if (!isFormatName(n)) {
      const hint = didYouMean(n, FORMAT_NAMES);
      throw new UsageError(`unknown format "${n}"${hint ? ` (${hint})` : ''}; formats: ${FORMAT_NAMES.join(', ')}`);
    }
  }
  return [...new Set(names as FormatName[])];
}

function groupOf(values: Values): GroupBy | undefined {
  if (values.group === undefined) return undefined;
  const g = String(values.group);
  if (!(GROUP_BYS as readonly string[]).includes(g)) throw new UsageError(`--group must be one of ${GROUP_BYS.join(', ')}, not "${sanitize(g)}"`);
  return g as GroupBy;
}

const command: Command = {
  name: 'report',
  graphArgs: true,
  usage: 'faultline report FILE|DIR|-… [--scenario ID|all] [--format md,json,html,mermaid,dot] [--out DIR] [--focus SERVICE [--depth N]] [--group team|system]',
  options: {
    scenario: { type: 'string' },
    focus: { type: 'string' },
    depth: { type: 'string' },
    group: { type: 'string' },
    format: { type: 'string', default: FORMAT_NAMES.join(',') },
    out: { type: 'string', default: 'reports' },
  },
  optionHelp: [
    '--scenario ID   scenario to replay, or all (default: all; a graph with several scenarios',
    '                gets one set of files per scenario, NAME.SCENARIO.md …)',
    `--format LIST   comma-separated, any of ${FORMAT_NAMES.join(',')} (default: all)`,
    '--out DIR       output directory, created if missing (default: reports)',
    '--focus SERVICE only SERVICE\'s dependencies and dependents within N hops (the analyses still see the whole graph)',
    '--depth N       hops for --focus (default 2)',
    '--group BY      team or system (x-system): one node per group in the Mermaid and DOT diagrams',
  ],
  examples: [
    'faultline report graphs/aws-kinesis-2020.yaml --format md,html',
    'faultline report graphs/*.yaml --out /tmp/reports',
    'faultline report graphs/prod.yaml --focus checkout --depth 2 --format mermaid,md',
    'faultline report graphs/prod.yaml --group team --format mermaid,dot',
  ],
  run(values, files, io) {
    if (files.length === 0) throw new UsageError('no FILE given');
    const formats = parseFormats(String(values.format));
    const scenario = values.scenario === undefined ? 'all' : String(values.scenario);
    const out = String(values.out);
    const loaded = files.map((file) => {
      const r = loadFile(file, io.maxFileBytes);
      if (!r.value) throw new InputError(r.errors);
      return { file, model: r.value, scenarios: scenariosToReport(r.value, file, scenario), focus: focusOf(r.value, file, values) };
    });
    const group = groupOf(values);
    const bases = reportBases(loaded.map((l) => ({ file: l.file, graphName: l.model.name })));
    try {
      prepareOutDir(out);
      // Every target is checked before any is written: a directory or FIFO in the way of the
      // third file must not leave the first two written and the run failed.
      const jobs = loaded.flatMap(({ file, model, scenarios, focus }, i) => scenarios.map((id) => ({ file, model, id, focus, base: reportBase(bases[i]!, id, model.scenarios.length) })));
      const targets = jobs.flatMap(({ base }) => formats.map((f) => join(out, `${base}.${FORMATS[f].extension}`)));
      const blocked = targets.flatMap((t) => { const why = unwritable(t); return why ? [`"${sanitize(t)}" ${why}`] : []; });
      if (blocked.length > 0) throw new ReportWriteError(`cannot write ${blocked.join('; ')}; nothing written`);
      for (const { file, model, id, focus, base } of jobs) {
        for (const f of renderReports(gatherInputs(model, file === '-' ? STDIN_NAME : file, id), formats, base, { ...(focus ? { focus } : {}), ...(group ? { group } : {}) })) {
          io.out(`${writeAtomic(out, f.name, f.content)}\n`);
        }
      }
    } catch (e) {
      if (e instanceof ReportWriteError) {
        io.err(`faultline report: ${e.message}\n`);
        return EXIT.badInput;
      }
      throw e;
    }
    return EXIT.ok;
  },
};

export default command;

/** `all` (the default): every scenario, or none for a graph without; else the one named, if the graph has it. */
function scenariosToReport(model: Model, file: string, wanted: string): (string | undefined)[] {
  const ids = model.scenarios.map((s) => s.id);
  if (wanted === 'all') return ids.length === 0 ? [undefined] : ids;
  if (ids.includes(wanted)) return [wanted];
  const hint = didYouMean(wanted, ids);
  throw new UsageError(`${file}: no scenario "${wanted}"${hint ? ` (${hint})` : ''}; scenarios: ${ids.join(', ') || 'none'} (or --scenario all)`);
}
