/**
 * `report --group team|system` for the diagrams (Mermaid, DOT): each team (or `x-system`) becomes
 * one node, drawn in its worst member's state, and the edges between two groups become one edge
 * labelled with how many it stands for — a 2,000-service graph becomes a diagram of its teams.
 */
import { cmp } from '../model/order.js';
import { worse, type State } from '../model/types.js';
import type { EdgeView, ReportData, ServiceView } from './types.js';

export type GroupBy = 'team' | 'system';
export const GROUP_BYS: readonly GroupBy[] = ['team', 'system'];

const STRENGTH: Readonly<Record<EdgeView['type'], number>> = { hard: 3, buffered: 2, soft: 1, async: 0 };

export function groupedReportData(d: ReportData, by: GroupBy): ReportData {
  const groupOf = (s: ServiceView) => `${by}:${s[by] ?? `(no ${by})`}`;
  const of = new Map(d.services.map((s) => [s.id, groupOf(s)]));
  const groups = new Map<string, ServiceView[]>();
  for (const s of d.services) {
    const list = groups.get(of.get(s.id)!);
    if (list) list.push(s); else groups.set(of.get(s.id)!, [s]);
  }
  const services: ServiceView[] = [...groups].sort(([a], [b]) => cmp(a, b)).map(([id, members]) => ({
    id, title: `${id.slice(by.length + 1)} (${members.length} service${members.length === 1 ? '' : 's'})`, role: 'service', tier: 3,
    entrypoint: members.some((m) => m.entrypoint), tooling: members.some((m) => m.tooling),
    worst: members.reduce<State>((w, m) => worse(w, m.worst), 'ok'), final: members.reduce<State>((w, m) => worse(w, m.final), 'ok'), transitions: [],
  }));
  const merged = new Map<string, { from: string; to: string; type: EdgeView['type']; count: number; toolingCycle: boolean }>();
  for (const e of d.edges) {
    const from = of.get(e.from)!; const to = of.get(e.to)!;
    if (from === to) continue;
    const key = `${from}\u0000${to}`;
    const m = merged.get(key);
    if (!m) merged.set(key, { from, to, type: e.type, count: 1, toolingCycle: e.toolingCycle });
    else merged.set(key, { ...m, count: m.count + 1, type: STRENGTH[e.type] > STRENGTH[m.type] ? e.type : m.type, toolingCycle: m.toolingCycle || e.toolingCycle });
  }
  const edges = [...merged.values()].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
  return { ...d, grouped: { by, services: d.services.length }, services, edges };
}
