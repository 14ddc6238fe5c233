/** The full-width views: cycles (`c`), blast-radius ranking (`b`), what-ifs (`w`). */
import type { WhatIfOutcome } from '../engine/types.js';
import { formatDuration } from '../model/time.js';
import { clock, num, wrap, type PaneCtx } from './context.js';
import { blank, fit, line, seg, text, type Line } from './lines.js';
import { clean } from './sanitize.js';

const FIX_FIRST_ROWS = 10;

export function cyclesView(ctx: PaneCtx): Line[] {
  const a = ctx.view.audit;
  const ps = ctx.view.priorities;
  const out: Line[] = [text(`Fix first: ${ps.length} problem${ps.length === 1 ? '' : 's'}, ranked (score: tools lost, blast radius, entrypoints, recovery)`, 'title')];
  for (const p of ps.slice(0, FIX_FIRST_ROWS)) {
    const [first, ...rest] = wrap(p.summary, ctx.width - 6);
    out.push(line([seg(`${String(p.rank).padStart(3)}. `, 'muted'), seg(clean(first ?? ''), p.kind === 'tooling' ? 'down' : undefined)], p.kind === 'cycle' ? undefined : p.subject));
    for (const w of rest) out.push(text(`     ${clean(w)}`, 'muted'));
  }
  if (ps.length > FIX_FIRST_ROWS) out.push(text(`  … ${ps.length - FIX_FIRST_ROWS} more: faultline audit ${ctx.view.model.file}`, 'muted'));
  out.push(blank, text(`Runtime cycles over hard/buffered edges: ${a.cycles.length}`, 'title'));
  for (const c of a.cycles) {
    out.push(line([seg('↻ ', 'warn'), seg(`${c.members.length} services`), seg(c.deadlocks ? ' · recovery deadlocks (every edge needed to start)' : '', 'down')], c.path[0]));
    for (const w of wrap(c.path.join(' → '), ctx.width, '    ')) out.push(text(w, 'muted'));
  }
  out.push(blank, text(`Incident-tooling cycles: ${a.toolingCycles.length} (the tool fails in the incident it is needed for)`, 'title'));
  for (const c of a.toolingCycles) {
    out.push(line([seg('⚠ ', 'warn'), seg(c.tool, undefined, true), seg(' fails when '), seg(c.root, undefined, true), seg(' fails'),
      seg(c.bufferDelayMin > 0 ? ` (after ${formatDuration(c.bufferDelayMin)} of buffer)` : '', 'muted')], c.tool));
    for (const w of wrap(c.path.join(' → '), ctx.width, '    ')) out.push(text(w, 'muted'));
  }
  return out;
}

export function blastView(ctx: PaneCtx): Line[] {
  const w = Math.max(12, ctx.width - 40);
  const out: Line[] = [text(`${'#'.padStart(5)}  ${fit('service', w)} ${'down'.padStart(6)} ${'degr'.padStart(6)} ${'score'.padStart(8)} ${'entry'.padStart(5)}`, 'title')];
  ctx.view.audit.blastRadius.forEach((b, i) => {
    out.push(line([
      seg(`${String(i + 1).padStart(5)}  `, 'muted'), seg(fit(b.service, w)), seg(` ${num(b.downCount).padStart(6)}`, b.downCount > 0 ? 'down' : 'muted'),
      seg(` ${num(b.degradedCount).padStart(6)}`, b.degradedCount > 0 ? 'degraded' : 'muted'), seg(` ${num(b.score).padStart(8)} ${num(b.entrypointsHit).padStart(5)}`),
    ], b.service));
  });
  return out;
}

export function whatIfView(ctx: PaneCtx, active: string | undefined): Line[] {
  const outcomes = ctx.data.whatIfs;
  if (!ctx.data.scenario) return [text('no scenario: no what-ifs', 'muted')];
  if (outcomes.length === 0) return [text(`scenario ${ctx.data.scenario.id} has no what-ifs`, 'muted')];
  const out: Line[] = [text('What-ifs, ranked (space/⏎ applies one: the replay and the rankings switch to it)', 'title')];
  const base = ctx.data.whatIfBaseline;
  if (base) {
    out.push(line([seg('    baseline ', 'muted', true), seg(figures(ctx, base))]));
  }
  for (const o of outcomes) {
    const on = o.id === active;
    out.push(line([seg(on ? '[x] ' : '[ ] ', on ? 'accent' : 'muted'), seg(`${o.rank}. `, 'muted'), seg(o.id, on ? 'accent' : undefined, true),
      seg(o.prevented ? '  prevents the outage' : '', 'ok')], o.id));
    out.push(text(`      ${clean(o.title)}`, 'muted'));
    out.push(line([seg(`      ${figures(ctx, o)} · tooling `), seg(o.toolingUsable ? 'usable' : 'lost', o.toolingUsable ? 'ok' : 'down')]));
  }
  return out;
}

function figures(ctx: PaneCtx, o: WhatIfOutcome): string {
  return `${num(o.affected.length)} affected · all ok ${o.allOkMin === undefined ? 'never' : clock(ctx, o.allOkMin)} · ${num(Math.round(o.serviceMinutesLost))} svc-min lost`;
}
