/**
 * `report --focus SERVICE --depth N`: the report data cut down to a neighbourhood
 * (analysis/neighbourhood.ts) after every analysis ran on the whole graph. Services, edges and
 * findings outside are dropped; the timeline keeps the neighbourhood's transitions and every
 * transition their cause chains pass through (so each chain still reads back to its root),
 * re-indexed.
 */
import type { Neighbourhood } from '../analysis/neighbourhood.js';
import type { ReportData, TimelineRow } from './types.js';

export function focusReportData(d: ReportData, nb: Neighbourhood): ReportData {
  const inside = new Set(nb.members);
  const touches = (ids: readonly string[]) => ids.some((id) => inside.has(id));
  const keep = new Set<number>();
  // Whole chains along `parent` (a row's `chain` may show only its first links); a walk stops at a
  // transition already kept, whose own chain is then kept too, so this is linear in the timeline.
  d.timeline.forEach((t, i) => {
    if (!inside.has(t.service)) return;
    for (let j: number | undefined = i; j !== undefined && !keep.has(j); j = d.timeline[j]?.parent) keep.add(j);
  });
  const order = [...keep].sort((a, b) => a - b);
  const index = new Map(order.map((old, i) => [old, i]));
  const timeline: TimelineRow[] = order.map((old) => {
    const t = d.timeline[old]!;
    return {
      ...t, chain: t.chain.map((j) => index.get(j)!),
      ...(t.parent !== undefined ? { parent: index.get(t.parent)! } : {}),
      ...(t.root !== undefined ? { root: index.get(t.root)! } : {}),
    };
  });
  return {
    ...d,
    focus: { service: nb.focus, depth: nb.depth, services: nb.members.length, of: d.services.length },
    services: d.services.filter((s) => inside.has(s.id)).map((s) => ({ ...s, transitions: s.transitions.map((j) => index.get(j)!) })),
    edges: d.edges.filter((e) => inside.has(e.from) && inside.has(e.to)),
    findings: d.findings.filter((f) => touches(f.services) || touches(f.path ?? [])),
    timeline,
    causeChains: d.causeChains.filter((c) => inside.has(c.service)).map((c) => ({ ...c, transition: index.get(c.transition)! })),
    blastRadius: d.blastRadius.filter((b) => inside.has(b.service)),
    cycles: d.cycles.filter((c) => touches(c.members)),
    toolingCycles: d.toolingCycles.filter((c) => touches(c.path)),
    deadlocks: d.deadlocks.filter((x) => touches(x.cycle)),
  };
}
