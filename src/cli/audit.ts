/**
 * `faultline audit FILE…`: static analyses under a rules file, text/json/sarif, baselines.
 * Exit: 2 when any input is bad, else 1 when an error-level finding remains, else 0.
 */
import { readFileSync } from 'node:fs';
import { unwritable, writeRegularFile } from '../model/files.js';
import { formatDiagnostic, type Diagnostic, type Loaded } from '../model/diagnostic.js';
import { loadFile } from '../model/load.js';
import type { Model } from '../model/types.js';
import { sanitize } from '../model/sanitize.js';
import {
  applyBaseline, audit, auditJson, auditSarif, auditText, defaultRules, focusAudit, loadBaseline, loadRules, makeBaseline, priorities,
  remediations, summaryLine, type Audit, type AuditJson, type Baseline, type Finding, type Remediation, type Rules,
} from '../analysis/index.js';
import { EXIT, UsageError, type Command, type Io, type Values } from './command.js';
import { writeJson } from './json-stream.js';
import { discoverRules } from './rules-discovery.js';
import { pushAll } from '../model/arrays.js';
import { FOCUS_HELP, FOCUS_OPTIONS, focusOf } from './focus.js';
import { fileSize } from './inputs.js';

/** Files above this size (~20k services) get a "reading…" line on a terminal. */
const BIG_FILE_BYTES = 4 * 1024 * 1024;

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const command: Command = {
  name: 'audit',
  graphArgs: true,
  usage: 'faultline audit FILE|DIR|-… [--rules FILE|--no-rules] [--format text|json|sarif] [--baseline FILE] [--write-baseline FILE] [--top N] [--suggest] [--write-whatifs SCENARIO] [--focus SERVICE [--depth N]]',
  options: {
    ...FOCUS_OPTIONS,
    rules: { type: 'string' },
    'no-rules': { type: 'boolean' },
    format: { type: 'string', default: 'text' },
    baseline: { type: 'string' },
    'write-baseline': { type: 'string' },
    top: { type: 'string', default: '20' },
    suggest: { type: 'boolean', default: false },
    'write-whatifs': { type: 'string' },
  },
  optionHelp: [
    '--rules FILE           rules file (YAML): severities, thresholds, ignores (default: .faultline.yaml',
    '                       or faultline-rules.yaml here or in a parent, up to the repository root)',
    '--no-rules             the default rules, even if a rules file would be found',
    '--format FORMAT        text (default), json, or sarif (GitHub code scanning)',
    '--baseline FILE        findings recorded in FILE are known: they neither print nor fail',
    '--write-baseline FILE  record the current findings in FILE (exit 0 unless input is bad)',
    '--top N                blast-radius rows in tables, and JSON member lists on graphs > 1,000 services (default 20)',
    '--suggest              search remediations, each verified by re-auditing the patched graph (text, and `remediations` in JSON)',
    '--write-whatifs ID     add the suggested remediations to scenario ID\'s whatIfs in the (single) FILE, comments kept',
    ...FOCUS_HELP,
  ],
  examples: [
    'faultline audit graphs/aws-kinesis-2020.yaml',
    'faultline audit graphs/*.yaml --rules faultline-rules.yaml --format sarif > faultline.sarif',
    'faultline audit graphs/prod.yaml --write-baseline .faultline-baseline.json   # accept today\'s findings',
    'faultline audit graphs/prod.yaml --baseline .faultline-baseline.json         # fail only on new ones',
    'faultline audit graphs/example-shop.yaml --suggest                           # what to change, verified',
    'faultline audit my-system/graph.yaml --write-whatifs SCENARIO && faultline replay my-system/graph.yaml --what-ifs',
  ],
  async run(values, files, io) {
    if (files.length === 0) throw new UsageError('no FILE given');
    const format = String(values.format);
    if (!isAuditFormat(format)) throw new UsageError(`unknown --format "${sanitize(format)}" (text, json or sarif)`);
    const top = Number(values.top);
    if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive integer, not "${sanitize(String(values.top))}"`);
    const writeTo = typeof values['write-whatifs'] === 'string' ? values['write-whatifs'] : undefined;
    if (writeTo !== undefined && (files.length !== 1 || files[0] === '-')) throw new UsageError('--write-whatifs needs exactly one FILE (not stdin)');
    if (values['no-rules'] && typeof values.rules === 'string') throw new UsageError('give --rules FILE or --no-rules, not both');
    const rules = readRules(values, io);
    if (rules.errors) return printErrors(io, rules.errors);
    const target = values['write-baseline'];
    const cannot = typeof target === 'string' ? unwritable(target) : undefined;
    if (cannot) { io.err(`faultline audit: cannot write baseline ${sanitize(String(target))}: ${cannot}\n`); return EXIT.badInput; }
    const baseline = typeof values.baseline === 'string' ? loadBaseline(values.baseline) : undefined;
    if (baseline?.errors) return printErrors(io, baseline.errors);

    // The remediation search replays through the engine: loaded only when asked for (~25 ms of start-up otherwise).
    const suggest = values.suggest === true || writeTo !== undefined ? await import('./suggest.js') : undefined;
    const options = { rules: rules.value, top, format, suggest, baseline: baseline?.value };
    const { audits, all, bad } = auditFiles(files, values, options, io);
    let exit: number = bad ? EXIT.badInput : audits.some((x) => x.audit.findings.some((f) => f.severity === 'error')) ? EXIT.findings : EXIT.ok;
    AUDIT_FORMATS[format](audits, { top, color: io.color, single: files.length === 1 }, io);

    if (writeTo !== undefined && suggest && audits[0]?.fixes) {
      const w = suggest.writeWhatIfs(files[0]!, writeTo, audits[0].fixes);
      if (w.error) { io.err(`${sanitize(files[0]!)}: error: ${sanitize(w.error)}\n`); return EXIT.badInput; }
      io.err(`faultline audit: added ${w.added.length} what-if(s) to scenario ${sanitize(writeTo)} of ${sanitize(files[0]!)}\n`);
    }
    if (typeof target === 'string') {
      try {
        writeRegularFile(target, JSON.stringify(makeBaseline(all), null, 2) + '\n');
      } catch (e) {
        io.err(`faultline audit: cannot write baseline ${sanitize(target)}: ${sanitize((e as Error).message)}\n`);
        return EXIT.badInput;
      }
      io.err(`faultline audit: wrote ${all.length} finding(s) to ${sanitize(target)}\n`);
      exit = exit === EXIT.badInput ? exit : EXIT.ok;
    }
    return exit;
  },
};

/** One audited file, as every output format reads it. */
interface AuditRun {
  readonly audit: Audit;
  readonly graph: string;
  readonly services: number;
  readonly known: number;
  readonly model: Model;
  readonly fixes?: Remediation[];
  /** The text of `fixes` (`--suggest`), for the text format. */
  readonly fixesText?: string;
}

interface FormatOptions { readonly top: number; readonly color: boolean; readonly single: boolean }
type Out = Pick<Io, 'out' | 'outBytes'>;

/** The output formats, picked from a map as report/index.ts picks report formats. */
const AUDIT_FORMATS = {
  text: (runs: readonly AuditRun[], o: FormatOptions, { out }: Out): void => {
    for (const x of runs) {
      out(auditText(x.audit, { top: o.top, color: o.color, priorities: priorities(x.audit, x.model) }));
      if (x.fixesText !== undefined) out(`\n${x.fixesText}`);
      out(`${summaryLine(x.audit.findings, x.audit.suppressed ?? 0, x.known)}\n\n`);
    }
  },
  json: (runs: readonly AuditRun[], o: FormatOptions, { out, outBytes }: Out): void => {
    const docs: AuditJson[] = runs.map((x) => auditJson(x.audit, x.graph, x.services, { priorities: priorities(x.audit, x.model), ...(x.fixes ? { remediations: x.fixes } : {}) }));
    writeJson(o.single && docs.length === 1 ? docs[0] : { files: docs }, out, outBytes);
  },
  sarif: (runs: readonly AuditRun[], _o: FormatOptions, { out, outBytes }: Out): void => {
    writeJson(auditSarif(runs.flatMap((x) => x.audit.findings), VERSION), out, outBytes);
  },
} as const;

type AuditFormat = keyof typeof AUDIT_FORMATS;
const isAuditFormat = (f: string): f is AuditFormat => Object.hasOwn(AUDIT_FORMATS, f);

function printErrors(io: Io, errors: readonly Diagnostic[]): number {
  io.err(errors.map((d) => sanitize(formatDiagnostic(d))).join('\n') + '\n');
  return EXIT.badInput;
}

/** --rules FILE, else a rules file found from the working directory up (unless --no-rules), else the defaults. */
function readRules(values: Values, io: Io): Loaded<Rules> {
  const rulesFile = typeof values.rules === 'string' ? values.rules : values['no-rules'] ? undefined : discoverRules(process.cwd());
  if (rulesFile === undefined) return { value: defaultRules, warnings: [] };
  if (typeof values.rules !== 'string') io.err(`faultline audit: rules from ${sanitize(rulesFile)} (found in the working directory or a parent; --no-rules ignores it)\n`);
  return loadRules(rulesFile);
}

interface AuditOptions {
  readonly rules: Rules;
  readonly top: number;
  readonly format: AuditFormat;
  readonly suggest: typeof import('./suggest.js') | undefined;
  readonly baseline: Baseline | undefined;
}

/** Each file loaded and audited; a bad file is reported and skipped (`bad`), the others still run. */
function auditFiles(files: readonly string[], values: Values, o: AuditOptions, io: Io): { audits: AuditRun[]; all: Finding[]; bad: boolean } {
  const audits: AuditRun[] = [];
  const all: Finding[] = [];
  let bad = false;
  for (const file of files) {
    // Reading a big file takes seconds to minutes: say so on a terminal (stderr), cleared below.
    const reading = (io.errIsTTY ?? io.isTTY) && file !== '-' && fileSize(file) > BIG_FILE_BYTES;
    if (reading) io.err(`\r\u001b[2Kfaultline audit: ${sanitize(file)}: reading…`);
    const loaded = loadFile(file, io.maxFileBytes);
    if (reading) io.err('\r\u001b[2K');
    if (loaded.errors) {
      printErrors(io, loaded.errors);
      bad = true;
      continue;
    }
    const model = loaded.value;
    // Progress only on a terminal (stderr: `audit G --format json > out.json` shows it too), and only where it is worth showing.
    const progress = (io.errIsTTY ?? io.isTTY) && model.services.length > 5000
      ? (stage: string) => io.err(`\r\u001b[2Kfaultline audit: ${sanitize(file)}: ${stage}…`) : undefined;
    const focus = focusOf(model, file, values);
    // Only the JSON prints member lists.
    const whole = audit(model, o.rules, { top: o.top, memberLists: o.format === 'json', ...(progress ? { onStage: progress } : {}), ...parallelFromEnv() });
    const a = focus ? focusAudit(whole, focus) : whole;
    if (focus && o.format === 'text') io.out(`focus: ${focus.focus} and its dependencies and dependents within ${focus.depth} hop${focus.depth === 1 ? '' : 's'}: ${focus.members.length} of ${model.services.length} services (the audit ran on all)\n`);
    if (progress) io.err('\r\u001b[2K');
    pushAll(all, a.findings);
    const { kept, known } = o.baseline ? applyBaseline(a.findings, o.baseline) : { kept: [...a.findings], known: 0 };
    const fixes = o.suggest ? o.suggest.withReplays(model, remediations(model, o.rules)) : undefined;
    const fixesText = o.suggest && fixes ? o.suggest.suggestionsText(fixes, kept) : undefined;
    audits.push({ audit: { ...a, findings: kept }, graph: model.name, services: model.services.length, known, model, ...(fixes ? { fixes, fixesText } : {}) });
  }
  return { audits, all, bad };
}

/**
 * FAULTLINE_THREADS=1 runs the blast pass on one thread, =2 always with the helper thread (which
 * then takes part from the first batch); unset, the audit decides by graph size (docs/speed.md).
 */
function parallelFromEnv(): { parallel?: { threads: number; waitForHelper?: boolean } } {
  const t = process.env.FAULTLINE_THREADS;
  return t === '1' ? { parallel: { threads: 1 } } : t === '2' ? { parallel: { threads: 2, waitForHelper: true } } : {};
}

export default command;
