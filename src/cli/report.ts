/** `faultline report FILE… [--scenario ID] [--format md,json,html,mermaid,dot] [--out DIR]`. */
import { basename, extname } from 'node:path';
import { InputError } from '../model/diagnostic.js';
import { loadFile } from '../model/load.js';
import { didYouMean } from '../model/suggest.js';
import { FORMAT_NAMES, isFormatName, renderReports, type FormatName } from '../report/index.js';
import { gatherInputs } from '../report/inputs.js';
import { ReportWriteError, prepareOutDir, writeAtomic } from '../report/write.js';
import { sanitize } from '../model/sanitize.js';
import { GROUP_BYS, type GroupBy } from '../report/group.js';
import { EXIT, UsageError, type Command, type Values } from './command.js';
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
  usage: 'faultline report FILE… [--scenario ID] [--format md,json,html,mermaid,dot] [--out DIR] [--focus SERVICE [--depth N]] [--group team|system]',
  options: {
    scenario: { type: 'string' },
    focus: { type: 'string' },
    depth: { type: 'string' },
    group: { type: 'string' },
    format: { type: 'string', default: FORMAT_NAMES.join(',') },
    out: { type: 'string', default: 'reports' },
  },
  optionHelp: [
    '--scenario ID   scenario to replay (default: the graph\'s first)',
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
    const scenario = values.scenario === undefined ? undefined : String(values.scenario);
    const out = String(values.out);
    const loaded = files.map((file) => {
      const r = loadFile(file);
      if (!r.model) throw new InputError(r.errors);
      if (scenario !== undefined && !r.model.scenarios.some((s) => s.id === scenario)) {
        const ids = r.model.scenarios.map((s) => s.id);
        const hint = didYouMean(scenario, ids);
        throw new UsageError(`${file}: no scenario "${scenario}"${hint ? ` (${hint})` : ''}; scenarios: ${ids.join(', ') || 'none'}`);
      }
      return { file, model: r.model, focus: focusOf(r.model, file, values) };
    });
    const group = groupOf(values);
    try {
      prepareOutDir(out);
      for (const { file, model, focus } of loaded) {
        const base = basename(file, extname(file));
        for (const f of renderReports(gatherInputs(model, file, scenario), formats, base, { ...(focus ? { focus } : {}), ...(group ? { group } : {}) })) {
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
