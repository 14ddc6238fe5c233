/** The detail tabs that are facts rather than trees: why, blast radius, cycles, fleet headroom. */
import { formatDuration } from '../model/time.js';
import type { Service } from '../model/types.js';
import { clock, num, stateOf, wrap, type PaneCtx } from './context.js';
import { blank, line, seg, text, type Line } from './lines.js';
import { clean } from './sanitize.js';
import { SYMBOL } from './theme.js';

export function whyLines(ctx: PaneCtx, s: Service): Line[] {
  if (!ctx.data.scenario) return [text('no scenario: nothing is replayed', 'muted')];
  const chain = ctx.view.explain(s.id, ctx.timeMin);
  const out: Line[] = chain.length === 0
    ? [line([seg(`${SYMBOL.ok} `, 'ok'), seg(`ok at ${clock(ctx, ctx.timeMin)}: nothing holds it down`)])]
    : [text(`why, at ${clock(ctx, ctx.timeMin)} (root cause last):`, 'title')];
  for (const [i, link] of chain.entries()) {
    out.push(line([seg(i === 0 ? '' : '← ', 'muted'), seg(`${SYMBOL[link.state]} `, link.state), seg(link.service, link.state, true), seg(` ${link.state} since ${clock(ctx, link.atMin)}`)], i === 0 ? undefined : link.service));
    for (const w of wrap(clean(link.text), ctx.width, '   ')) out.push(text(w, 'muted'));
  }
  return [...out, ...observedLines(ctx, s)];
}

/** What the real incident's timeline recorded for this service, beside the replay's prediction. */
function observedLines(ctx: PaneCtx, s: Service): Line[] {
  const obs = ctx.view.fidelity?.observations.filter((o) => o.service === s.id) ?? [];
  if (obs.length === 0) return [];
  const out: Line[] = [blank, text('observed in the incident (replay: Δ error):', 'title')];
  for (const o of obs) {
    const predicted = o.input ? 'input' : o.predictedMin === undefined ? 'not replayed' : `Δ ${formatDuration(Math.abs(Math.round(o.errorMin ?? 0)))}`;
    out.push(line([seg(`${clock(ctx, o.observedMin)} `), seg(`${SYMBOL[o.state]} ${o.state}`, o.state), seg(`  ${predicted}`, o.predictedMin === undefined && !o.input ? 'warn' : 'muted')]));
    if (o.note) for (const w of wrap(clean(o.note), ctx.width, '   ')) out.push(text(w, 'muted'));
  }
  return out;
}

export function blastLines(ctx: PaneCtx, s: Service): Line[] {
  const b = ctx.blast.get(s.id);
  if (!b) return [text('no blast radius computed', 'muted')];
  const out: Line[] = [
    text(`if ${s.id} goes down for good:`, 'title'),
    line([seg(`${SYMBOL.down} down ${num(b.downCount)}`, 'down'), seg('  '), seg(`${SYMBOL.degraded} degraded ${num(b.degradedCount)}`, 'degraded')]),
    text(`score ${num(b.score)} (tier-weighted) · entrypoints hit ${num(b.entrypointsHit)}`),
    text(b.timeToImpactMin === undefined ? 'hits nothing else' : `first impact after ${formatDuration(b.timeToImpactMin)}`, 'muted'),
  ];
  const members = (title: string, ids: readonly string[] | undefined, count: number) => {
    if (count === 0) return;
    out.push(blank, text(`${title}:`, 'title'));
    if (!ids) { out.push(text('member list kept for the top entries only (faultline audit --top N)', 'muted')); return; }
    for (const id of ids) out.push(line([seg(`${SYMBOL[stateOf(ctx, id)]} `, stateOf(ctx, id)), seg(id)], id));
  };
  members('goes down', b.down, b.downCount);
  members('degraded', b.degraded, b.degradedCount);
  return out;
}

export function cycleLines(ctx: PaneCtx, s: Service): Line[] {
  const a = ctx.view.audit;
  const runtime = a.cycles.filter((c) => c.members.includes(s.id));
  const tooling = a.toolingCycles.filter((c) => c.tool === s.id || c.path.includes(s.id));
  if (runtime.length + tooling.length === 0) return [text(`${s.id} is in no cycle`, 'muted')];
  const out: Line[] = [];
  if (runtime.length > 0) out.push(text(`runtime cycles (${runtime.length}):`, 'title'));
  for (const c of runtime) {
    const next = c.path[c.path.indexOf(s.id) + 1] ?? c.path[0]!;
    out.push(line([seg('↻ ', 'warn'), seg(`${c.members.length} services${c.deadlocks ? ', deadlocks recovery' : ''}`, c.deadlocks ? 'down' : undefined)], next));
    for (const w of wrap(c.path.join(' → '), ctx.width, '  ')) out.push(text(w, 'muted'));
  }
  if (tooling.length > 0) out.push(text(`incident-tooling cycles (${tooling.length}):`, 'title'));
  for (const c of tooling) {
    const other = c.tool === s.id ? c.root : c.tool;
    out.push(line([seg('⚠ ', 'warn'), seg(c.tool, undefined, true), seg(' fails with '), seg(c.root, undefined, true), seg(c.bufferDelayMin > 0 ? ` after ${formatDuration(c.bufferDelayMin)}` : '', 'muted')], other));
    for (const w of wrap(c.path.join(' → '), ctx.width, '  ')) out.push(text(w, 'muted'));
  }
  return out;
}

export function fleetLines(ctx: PaneCtx, s: Service): Line[] {
  const f = s.fleet;
  if (!f) return [text(`${s.id} is not a fleet`, 'muted')];
  const connect = f.mesh && Number.isFinite(f.mesh.connectPerMinute) ? `${num(f.mesh.connectPerMinute)}/min` : 'at once';
  const out: Line[] = [
    text(`${num(f.nodes)} nodes${f.cells ? ` in cells of ${num(f.cells)}` : ''}${f.mesh ? ` · mesh ${f.mesh.peers === 'all' ? 'all peers' : `${f.mesh.peers} peers`}, connecting ${connect}` : ''}`),
  ];
  const size = ctx.view.fleetAt(s.id, ctx.timeMin) ?? { nodes: f.nodes, peers: 0, live: false };
  const peers = size.peers;
  if (size.live) out.push(text(`at ${clock(ctx, ctx.timeMin)}: ${num(Math.round(size.nodes))} nodes, ${num(peers)} peers connected per node`));
  const when = size.live ? 'now' : 'at the configured size';
  for (const r of f.perNode) {
    const used = r.base + r.perPeer * peers;
    const pct = (used / r.limit) * 100;
    out.push(blank, text(`${clean(r.name)} per node: ${num(r.base)} + ${num(r.perPeer)} × peers`, 'title'));
    out.push(line([seg(`used ${num(used)} of limit ${num(r.limit)} (${pct.toFixed(1)}%) ${when}`, used > r.limit ? 'down' : pct >= 90 ? 'degraded' : undefined)]));
    const h = ctx.view.audit.scaling.find((x) => x.service === s.id && x.resource === r.name);
    if (h) {
      out.push(text(h.maxNodes === undefined ? 'largest safe fleet: unbounded' : `largest safe fleet: ${num(h.maxNodes)} nodes (headroom ${num(h.headroomNodes ?? 0)}, ${(h.headroomPercent ?? 0).toFixed(1)}%)`));
      if (h.crossedBy) out.push(text(`crossed by ${h.crossedBy.scenario} at ${clock(ctx, h.crossedBy.atMin)} → ${num(h.crossedBy.toNodes)} nodes`, 'down'));
    }
  }
  out.push(blank);
  const rate = ctx.view.audit.restart.find((x) => x.service === s.id);
  if (f.restartPerHour) out.push(text(`restart ${num(f.restartPerHour)}/h${rate ? ` → whole fleet in ${rate.fullRestartHours.toFixed(1)} h` : ''}`));
  out.push(text(`serves again at ${Math.round(f.serving * 100)}% healthy nodes`));
  const cap = ctx.view.capacityAt(s.id, ctx.timeMin);
  if (cap !== undefined) out.push(text(`healthy now (${clock(ctx, ctx.timeMin)}): ${Math.round(cap * 100)}%`, cap < f.serving ? 'down' : cap < 1 ? 'degraded' : 'ok'));
  return out;
}
