/**
 * What `explore` prints without a terminal (piped, CI): a plain-text summary of the replay.
 * Imports nothing from ink or react.
 */
import { formatDuration, formatIso } from '../model/time.js';
import { clock, num } from './context.js';
import type { ExploreData } from './data.js';
import { countStates } from './rows.js';
import { clean, display } from './sanitize.js';
import { maxOf, pushAll } from '../model/arrays.js';

const MAX_TRANSITIONS = 60;

export function plainSummary(data: ExploreData): string {
  const { model, scenario } = data;
  const view = data.view();
  const out: string[] = [`${model.name} — ${clean(model.title)}`, `${num(model.services.length)} services`];
  if (data.focus) {
    const f = data.focus;
    out.push(`focus: ${display(f.focus)} within ${f.depth} hops — ${num(f.members.length)} services: ${f.members.map((m) => display(m)).join(', ')}`);
  }
  const a = view.audit;
  out.push(`audit: ${a.findings.length} findings, ${a.cycles.length} runtime cycles, ${a.toolingCycles.length} incident-tooling cycles`);
  const ps = view.priorities;
  if (ps.length > 0) pushAll(out, ['fix first:', ...ps.slice(0, 10).map((p) => `  ${p.rank}. ${clean(p.summary)}`)]);
  for (const t of a.toolingCycles.slice(0, 20)) out.push(`  tooling cycle: ${t.path.join(' → ')}`);
  if (!scenario || !view.replay) {
    out.push('no scenario: nothing to replay', '');
    return printable(out);
  }
  const tl = view.replay.timeline;
  out.push('', `scenario ${scenario.id} — ${clean(scenario.title)}`, `start ${formatIso(0, scenario.start)}, replay ends ${clock({ data }, view.endMin)} (+${formatDuration(Math.round(view.endMin))})`, '');
  out.push(`timeline (${num(tl.length)} state changes${tl.length > MAX_TRANSITIONS ? `, first ${MAX_TRANSITIONS}` : ''}):`);
  const idW = Math.min(28, maxOf(tl.slice(0, MAX_TRANSITIONS).map((t) => t.service.length), 8));
  for (const t of tl.slice(0, MAX_TRANSITIONS)) {
    out.push(`  ${clock({ data }, t.atMin).padStart(9)}  ${t.service.padEnd(idW)}  ${t.from.padEnd(8)} → ${t.state.padEnd(8)}  ${clean(t.cause.text)}`);
  }
  if (tl.length > MAX_TRANSITIONS) out.push(`  … ${num(tl.length - MAX_TRANSITIONS)} more: faultline replay ${model.file}`);
  const final = countStates(view.statesAt(view.endMin));
  out.push('', `at the end: ${num(final.ok)} ok, ${num(final.degraded)} degraded, ${num(final.down)} down`);
  const f = view.fidelity;
  if (f && f.total > 0) {
    out.push(`fidelity: ${f.matched}/${f.total - f.inputs} predictions matched (${f.inputs} inputs), max error ${f.maxErrorMinutes.toFixed(0)} min, mean ${f.meanErrorMinutes.toFixed(1)} min, order ${f.orderAgrees ? 'agrees' : 'disagrees'}`);
  }
  if (data.whatIfs.length > 0) {
    out.push('', 'what-ifs, ranked:');
    for (const w of data.whatIfs) {
      out.push(`  ${w.rank}. ${w.id.padEnd(30)} ${w.prevented ? 'prevents the outage' : `${num(Math.round(w.serviceMinutesLost))} service-minutes lost`}${w.toolingUsable ? '' : ', tooling lost'}`);
    }
  }
  out.push('', 'Run in a terminal for the interactive UI.', '');
  return printable(out);
}

/** The same door as the UI's: every line sanitised and cut just before it is printed. */
function printable(lines: readonly string[]): string {
  return lines.map(display).join('\n');
}
