/**
 * `faultline replay FILE`: runs a scenario through the engine and prints the timeline with causes,
 * the fidelity table against the observed timeline, and (if asked) the ranked what-ifs. `--at`
 * shows every service's state and cause chain at one moment; `--check` turns fidelity into an
 * exit code (1 when a prediction is off by more than `--tolerance` minutes, the order differs or
 * an observation is never predicted).
 */
import { formatDiagnostic } from '../model/diagnostic.js';
import { loadFile } from '../model/load.js';
import { sanitize, terminalJson } from '../model/sanitize.js';
import { formatClock, formatIso, MAX_SPAN_MIN, parseTime } from '../model/time.js';
import type { Model, ScenarioStart, State } from '../model/types.js';
import {
  adhocScenario, withScenario, CHAIN_LINKS, chainHead, fidelity, fidelityFails, replay, toReplayJson, transitionAt, whatIfs,
  type ChainHead, type Fidelity, type Replay, type Transition, type WhatIfOutcome, type WhatIfResult,
} from '../engine/index.js';
import { EXIT, UsageError, type Command, type Io, type Values } from './command.js';
import { maxOf } from '../model/arrays.js';
import { num } from '../model/numbers.js';

const SYMBOL: Record<State, string> = { ok: '✔', degraded: '▲', down: '✖' };
const COLOR: Record<State, string> = { ok: '\u001b[32m', degraded: '\u001b[33m', down: '\u001b[31m' };

const command: Command = {
  name: 'replay',
  graphArgs: true,
  usage: 'faultline replay FILE|- [--scenario ID|--fail SERVICE[@TIME]… [--for DURATION]] [--what-if ID…|--what-ifs] [--at TIME] [--format text|json] [--check] [--tolerance MIN]',
  options: {
    scenario: { type: 'string' },
    'what-if': { type: 'string', multiple: true },
    'what-ifs': { type: 'boolean' },
    at: { type: 'string' },
    format: { type: 'string', default: 'text' },
    check: { type: 'boolean' },
    tolerance: { type: 'string', default: '15' },
    fail: { type: 'string', multiple: true },
    for: { type: 'string' },
  },
  optionHelp: [
    '--scenario ID    scenario to replay (default: the first)',
    '--what-if ID     replay this what-if too and compare it (repeatable)',
    '--what-ifs       replay every what-if of the scenario, ranked',
    '--at TIME        every service\'s state and cause chain at TIME ("12:00", "+1d 02:00", "+3h", ISO)',
    '--format F       text (default) or json',
    '--check          exit 1 unless every prediction is within --tolerance, in order, none unmatched',
    '--tolerance MIN  minutes a prediction may be off for --check (default 15)',
    '--fail S[@TIME]  instead of a scenario: service S fails at 00:00 (or TIME: "00:30", "+2h"); repeatable',
    '--for DURATION   with --fail: each failure lasts DURATION (e.g. 45m, 2h), then recovers (default: for good)',
  ],
  examples: [
    'faultline replay graphs/aws-kinesis-2020.yaml --check',
    'faultline replay graphs/aws-kinesis-2020.yaml --what-ifs',
    'faultline replay graphs/aws-kinesis-2020.yaml --at 08:00',
    'faultline replay graphs/aws-kinesis-2020.yaml --what-ifs --format json',
    'faultline replay my-system/graph.yaml --fail db --for 30m   # no scenario needed',
  ],
  run(values, files, io) {
    if (files.length !== 1) throw new UsageError(files.length === 0 ? 'no FILE given' : 'give exactly one FILE');
    const format = String(values.format);
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format "${format}" (text or json)`);
    const tolerance = String(values.tolerance).trim() === '' ? NaN : Number(values.tolerance);
    if (!Number.isFinite(tolerance) || tolerance < 0) throw new UsageError(`--tolerance must be a number of minutes ≥ 0, not "${String(values.tolerance)}"`);
    const loaded = loadFile(files[0]!, io.maxFileBytes);
    if (!loaded.value) {
      io.err(loaded.errors.map(formatDiagnostic).join('\n') + '\n');
      return EXIT.badInput;
    }
    const { model, scenarioId } = scenarioOf(loaded.value, values);
    const run = replay(model, scenarioId);
    const fid = fidelity(run);
    if (values.check === true && fid.total === 0) throw new UsageError(`--check: scenario "${run.scenario.id}" has no observed timeline, so there is nothing to check`);
    const ids = Array.isArray(values['what-if']) ? values['what-if'].map(String) : undefined;
    const ranked = values['what-ifs'] === true ? whatIfs(model, run.scenario.id, undefined, run) : ids ? whatIfs(model, run.scenario.id, ids, run) : undefined;
    let atMin: number | undefined;
    if (typeof values.at === 'string') {
      atMin = parseTime(values.at, run.scenario.start);
      if (atMin === undefined || Number.isNaN(atMin)) throw new UsageError(`malformed --at "${values.at}" (use "HH:MM", "+1d HH:MM", "+2h30m" or an ISO time)`);
      if (atMin < 0) throw new UsageError(`--at "${values.at}" is before the scenario start (${formatIso(0, run.scenario.start)})`);
      if (atMin > MAX_SPAN_MIN) throw new UsageError(`--at "${values.at}" is more than 365 days after the scenario start`);
    }
    if (format === 'json') {
      const doc = { ...toReplayJson(run, fid, ranked), ...(atMin !== undefined ? { at: atJson(run, atMin) } : {}) };
      io.out(terminalJson(doc) + '\n');
    } else {
      io.out(header(run));
      io.out(atMin === undefined ? timelineText(run, io) : atText(run, atMin, io));
      io.out(fidelityText(fid, run.scenario.start));
      if (ranked) io.out(whatIfText(ranked, run.scenario.start));
    }
    if (values.check !== true) return EXIT.ok;
    const reasons = fidelityFails(fid, tolerance);
    if (reasons.length > 0) {
      io.err(`faultline replay --check failed:\n${reasons.map((r) => `  ${r}`).join('\n')}\n`);
      return EXIT.findings;
    }
    if (format === 'text') io.out(`\n--check passed: ${fid.matched} predictions within ${tolerance} min, order agrees, none unmatched\n`);
    return EXIT.ok;
  },
};

export default command;

/** The graph and scenario to replay: a named one, or the implicit scenario of `--fail`. */
function scenarioOf(model: Model, values: Values): { model: Model; scenarioId?: string } {
  const fails = Array.isArray(values.fail) ? values.fail.map(String) : [];
  if (fails.length === 0) {
    if (typeof values.for === 'string') throw new UsageError('--for needs --fail');
    return typeof values.scenario === 'string' ? { model, scenarioId: values.scenario } : { model };
  }
  const clash = ['scenario', 'what-if', 'what-ifs'].find((k) => values[k] !== undefined);
  if (clash) throw new UsageError(`--fail replays its own scenario: it cannot be combined with --${clash}`);
  const r = adhocScenario(model, fails, typeof values.for === 'string' ? values.for : undefined);
  if (r.error !== undefined) throw new UsageError(r.error);
  return { model: withScenario(model, r.scenario), scenarioId: r.scenario.id };
}

function paint(state: State, text: string, io: Io): string {
  return io.color ? `${COLOR[state]}${text}\u001b[0m` : text;
}

function header(run: Replay): string {
  const start = run.scenario.start;
  return `${sanitize(run.model.name)} · scenario ${sanitize(run.scenario.id)}: ${sanitize(run.scenario.title)}\n`
    + `start ${formatIso(0, start)}; clock times below are in that offset, rounded to the minute\n\n`;
}

function stateCell(state: State, io: Io, marker = false): string {
  return paint(state, `${marker ? '⟳' : SYMBOL[state]} ${state.padEnd(8)}`, io);
}

function line(t: Transition, width: number, start: ScenarioStart, io: Io): string {
  const marker = t.from === t.state;
  return `  ${formatClock(t.atMin, start).padEnd(9)} ${stateCell(t.state, io, marker)} ${t.service.padEnd(width)}  [${t.cause.kind}] ${sanitize(t.cause.text)}\n`;
}

function timelineText(run: Replay, io: Io): string {
  const width = maxOf(run.timeline.map((t) => t.service.length), 8);
  const counts = { ok: 0, degraded: 0, down: 0 };
  for (const s of Object.values(run.final)) counts[s]++;
  return `Timeline (${run.timeline.length} transitions; ⟳ = no state change: deadlock, failed restart, a stop on a service already down, or what holds it changed)\n`
    + run.timeline.map((t) => line(t, width, run.scenario.start, io)).join('')
    + `\nFinal: ${counts.ok} ok, ${counts.degraded} degraded, ${counts.down} down`
    + (run.deadlocks.length ? `; ${run.deadlocks.length} recovery deadlock(s): ${run.deadlocks.map((d, i) => `${i + 1}. ${d.cycle.map(sanitize).join(' → ')}`).join('; ')}` : '')
    + (run.asyncLoss.length ? `\nData lost over async edges: ${run.asyncLoss.map((l) => `${l.service} → ${l.on} ${Math.round(l.minutes)} min`).join(', ')}` : '')
    + '\n\n';
}

/** A cause chain, `←` between links; a long one shows its first links, how many are left out, and its root. */
function chainText(run: Replay, head: ChainHead, start: ScenarioStart): string {
  const link = (i: number) => {
    const t = run.timeline[i]!;
    return `${t.service} ${t.state} ${formatClock(t.atMin, start)} (${sanitize(t.cause.text)})`;
  };
  if (head.length <= head.links.length) return head.links.map(link).join('\n      ← ');
  const shown = head.links.slice(0, CHAIN_LINKS - 1);
  return [...shown.map(link), `… ${num(head.length - shown.length - 1)} more links …`, link(head.root)].join('\n      ← ');
}

function atText(run: Replay, atMin: number, io: Io): string {
  const start = run.scenario.start;
  const width = maxOf(run.serviceIds.map((id) => id.length), 8);
  const rows = run.serviceIds.map((id) => {
    const i = transitionAt(run, id, atMin);
    const state = i < 0 ? 'ok' : run.timeline[i]!.state;
    return `  ${stateCell(state, io)} ${id.padEnd(width)}${i >= 0 ? `  ${chainText(run, chainHead(run, i), start)}` : ''}\n`;
  });
  return `States at ${formatClock(atMin, start)} (${formatIso(atMin, start)}), with cause chains\n${rows.join('')}\n`;
}

/** Per service: its state, the first links of its cause chain and, when there are more, the chain's length and root. */
function atJson(run: Replay, atMin: number): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  for (const id of run.serviceIds) {
    const i = transitionAt(run, id, atMin);
    if (i < 0) { states[id] = { state: 'ok', chain: [] }; continue; }
    const head = chainHead(run, i);
    states[id] = {
      state: run.timeline[i]!.state, chain: head.links,
      ...(head.length > head.links.length ? { chainLength: head.length, root: head.root } : {}),
    };
  }
  return { time: formatIso(atMin, run.scenario.start), states };
}

function fidelityText(f: Fidelity, start: ScenarioStart): string {
  if (f.total === 0) return 'Fidelity: not applicable (the scenario has no observed timeline)\n';
  const width = maxOf(f.observations.map((o) => o.service.length), 7);
  const rows = f.observations.map((o) => {
    const predicted = o.predictedMin === undefined ? 'never' : formatClock(o.predictedMin, start);
    const error = o.predictedMin === undefined ? 'UNMATCHED' : o.input ? 'input' : `${o.errorMin! > 0 ? '+' : ''}${o.errorMin!.toFixed(1)}m`;
    return `  ${formatClock(o.observedMin, start).padEnd(9)} ${predicted.padEnd(9)} ${error.padStart(9)}  ${o.service.padEnd(width)}  ${(o.milestone ? '—' : o.state).padEnd(8)}  ${sanitize(o.note ?? '')}\n`
      + (o.restsOn ? `  ${' '.repeat(31 + width)}rests on assumed ${sanitize(o.restsOn.join(', '))}\n` : '');
  });
  return `Fidelity vs observed: ${f.matched} predictions, ${f.inputs} input${f.inputs === 1 ? "" : "s"} (caused by a scenario event, not scored), ${f.unmatched.length} unmatched`
    + ` — max error ${f.maxErrorMinutes.toFixed(1)} min, mean ${f.meanErrorMinutes.toFixed(1)} min, order ${f.orderAgrees ? 'agrees' : 'DIFFERS'}\n`
    + `  ${'observed'.padEnd(9)} ${'predicted'.padEnd(9)} ${'error'.padStart(9)}  ${'service'.padEnd(width)}  ${'state'.padEnd(8)}  note\n`
    + rows.join('')
    + (f.observations.some((o) => o.restsOn) ? '  (rests on assumed: the x-assumed numbers whose ±10% change moves that prediction)\n' : '');
}

function whatIfText(r: WhatIfResult, start: ScenarioStart): string {
  const width = maxOf(r.outcomes.map((o) => o.id.length), 8);
  const row = (rank: string, o: WhatIfOutcome) =>
    `  ${rank.padStart(2)}  ${o.id.padEnd(width)}  ${(o.prevented ? 'yes' : 'no').padEnd(9)}  ${(o.allOkMin === undefined ? 'never' : o.allOkMin === 0 && o.affected.length === 0 ? 'always' : formatClock(o.allOkMin, start)).padEnd(9)}`
    + `  ${String(o.serviceMinutesLost).padStart(9)}  ${String(o.affected.length).padStart(8)}  ${clockOr(o.detectedAt)}  ${clockOr(o.communicatedAt)}  ${o.toolingUsable ? 'yes' : `no (${o.toolingDown.join(', ')})`}\n`;
  const clockOr = (m: number | undefined) => (m === undefined ? '—' : formatClock(m, start)).padEnd(8);
  return `\nWhat-ifs, ranked (prevented, then tier-weighted service-minutes lost, then time to all ok)\n`
    + `  ${'#'.padStart(2)}  ${'what-if'.padEnd(width)}  ${'prevented'.padEnd(9)}  ${'all ok'.padEnd(9)}  ${'lost'.padStart(9)}  ${'affected'.padStart(8)}  ${'detected'.padEnd(8)}  ${'told'.padEnd(8)}  tooling usable\n`
    + r.outcomes.map((o) => row(String(o.rank), o)).join('')
    + row('', { ...r.baseline, id: 'baseline' })
    + r.outcomes.map((o) => `      ${o.id}: ${sanitize(o.title)}\n`).join('');
}
