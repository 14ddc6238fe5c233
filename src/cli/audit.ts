/**
 * `faultline audit FILE…`: static analyses under a rules file, text/json/sarif, baselines.
 * Exit: 2 when any input is bad, else 1 when an error-level finding remains, else 0.
 */
import { readFileSync } from 'node:fs';
import { unwritable, writeRegularFile } from '../model/files.js';
import { readSource } from '../model/source.js';
import { formatDiagnostic } from '../model/diagnostic.js';
import { loadFile } from '../model/load.js';
import type { Model } from '../model/types.js';
import { sanitize } from '../model/sanitize.js';
import {
  applyBaseline, audit, auditJson, auditSarif, auditText, defaultRules, focusAudit, loadRules, makeBaseline, parseBaseline, priorities,
  remediations, summaryLine, type Audit, type Baseline, type Finding, type Remediation, type Rules,
} from '../analysis/index.js';
import { suggestionsText, withReplays, writeWhatIfs } from './suggest.js';
import { EXIT, UsageError, type Command } from './command.js';
import { writeJson } from './json-stream.js';
import { discoverRules } from './rules-discovery.js';
import { pushAll } from '../model/arrays.js';
import { FOCUS_HELP, FOCUS_OPTIONS, focusOf } from './focus.js';

/** A baseline lists findings by key: a few MB would already be millions of them. */
const MAX_BASELINE_BYTES = 16 * 1024 * 1024;
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
  run(values, files, io) {
    if (files.length === 0) throw new UsageError('no FILE given');
    const format = String(values.format);
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown --format "${sanitize(format)}" (text, json or sarif)`);
    const top = Number(values.top);
    if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive integer, not "${sanitize(String(values.top))}"`);

    const writeTo = typeof values['write-whatifs'] === 'string' ? values['write-whatifs'] : undefined;
    if (writeTo !== undefined && (files.length !== 1 || files[0] === '-')) throw new UsageError('--write-whatifs needs exactly one FILE (not stdin)');
    const suggest = values.suggest === true || writeTo !== undefined;
    let rules: Rules = defaultRules;
    if (values['no-rules'] && typeof values.rules === 'string') throw new UsageError('give --rules FILE or --no-rules, not both');
    const rulesFile = typeof values.rules === 'string' ? values.rules : values['no-rules'] ? undefined : discoverRules(process.cwd());
    if (rulesFile !== undefined) {
      if (typeof values.rules !== 'string') io.err(`faultline audit: rules from ${sanitize(rulesFile)} (found in the working directory or a parent; --no-rules ignores it)\n`);
      const r = loadRules(rulesFile);
      if (!r.rules) { io.err(r.errors.map((d) => sanitize(formatDiagnostic(d))).join('\n') + '\n'); return EXIT.badInput; }
      rules = r.rules;
    }
    const target = values['write-baseline'];
    const cannot = typeof target === 'string' ? unwritable(target) : undefined;
    if (cannot) { io.err(`faultline audit: cannot write baseline ${sanitize(String(target))}: ${cannot}\n`); return EXIT.badInput; }
    let baseline: Baseline | undefined;
    if (typeof values.baseline === 'string') {
      const read = readSource(values.baseline, 'baseline file', MAX_BASELINE_BYTES);
      if (read.errors) { io.err(read.errors.map((d) => sanitize(formatDiagnostic(d))).join('\n') + '\n'); return EXIT.badInput; }
      const b = parseBaseline(read.value);
      if (typeof b === 'string') { io.err(`${sanitize(values.baseline)}:1:1: error: ${sanitize(b)}\n`); return EXIT.badInput; }
      baseline = b;
    }

    let exit: number = EXIT.ok;
    const audits: { audit: Audit; graph: string; services: number; known: number; model: Model; fixes?: Remediation[] }[] = [];
    const all: Finding[] = [];
    for (const file of files) {
      const loaded = loadFile(file);
      if (!loaded.model) {
        io.err(loaded.errors.map((d) => sanitize(formatDiagnostic(d))).join('\n') + '\n');
        exit = EXIT.badInput;
        continue;
      }
      // Progress only on a terminal, on stderr, and only where it is worth showing.
      const progress = io.isTTY && loaded.model.services.length > 5000
        ? (stage: string) => io.err(`\r\u001b[2Kfaultline audit: ${sanitize(file)}: ${stage}…`) : undefined;
      const focus = focusOf(loaded.model, file, values);
      const whole = audit(loaded.model, rules, { top, ...(progress ? { onStage: progress } : {}) });
      const a = focus ? focusAudit(whole, focus) : whole;
      if (focus && format === 'text') io.out(`focus: ${focus.focus} and its dependencies and dependents within ${focus.depth} hop${focus.depth === 1 ? '' : 's'}: ${focus.members.length} of ${loaded.model.services.length} services (the audit ran on all)\n`);
      if (progress) io.err('\r\u001b[2K');
      pushAll(all, a.findings);
      const { kept, known } = baseline ? applyBaseline(a.findings, baseline) : { kept: [...a.findings], known: 0 };
      const fixes = suggest ? withReplays(loaded.model, remediations(loaded.model, rules)) : undefined;
      audits.push({ audit: { ...a, findings: kept }, graph: loaded.model.name, services: loaded.model.services.length, known, model: loaded.model, ...(fixes ? { fixes } : {}) });
      if (exit !== EXIT.badInput && kept.some((f) => f.severity === 'error')) exit = EXIT.findings;
    }

    if (format === 'json') {
      const docs = audits.map((x) => auditJson(x.audit, x.graph, x.services, { priorities: priorities(x.audit, x.model), ...(x.fixes ? { remediations: x.fixes } : {}) }));
      writeJson(files.length === 1 && docs.length === 1 ? docs[0] : { files: docs }, io.out);
    } else if (format === 'sarif') {
      writeJson(auditSarif(audits.flatMap((x) => x.audit.findings), VERSION), io.out);
    } else {
      for (const x of audits) {
        io.out(auditText(x.audit, { top, color: io.color, priorities: priorities(x.audit, x.model) }));
        if (x.fixes) io.out(`\n${suggestionsText(x.fixes, x.audit.findings)}`);
        io.out(`${summaryLine(x.audit.findings, x.audit.suppressed ?? 0, x.known)}\n\n`);
      }
    }

    if (writeTo !== undefined && audits[0]?.fixes) {
      const w = writeWhatIfs(files[0]!, writeTo, audits[0].fixes);
      if (w.error) { io.err(`${sanitize(files[0]!)}: error: ${sanitize(w.error)}\n`); return EXIT.badInput; }
      io.err(`faultline audit: added ${w.added.length} what-if(s) to scenario ${sanitize(writeTo)} of ${sanitize(files[0]!)}\n`);
    }
    if (typeof values['write-baseline'] === 'string') {
      try {
        writeRegularFile(values['write-baseline'], JSON.stringify(makeBaseline(all), null, 2) + '\n');
      } catch (e) {
        io.err(`faultline audit: cannot write baseline ${sanitize(values['write-baseline'])}: ${sanitize((e as Error).message)}\n`);
        return EXIT.badInput;
      }
      io.err(`faultline audit: wrote ${all.length} finding(s) to ${sanitize(values['write-baseline'])}\n`);
      return exit === EXIT.badInput ? exit : EXIT.ok;
    }
    return exit;
  },
};

export default command;
