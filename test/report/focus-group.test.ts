/** `--focus`/`--depth` and `--group` on the reports, and the Mermaid diagram above GitHub's limit. */
import { describe, expect, it } from 'vitest';
import { neighbourhood } from '../../src/analysis/neighbourhood.js';
import { syntheticModel } from '../../src/bench/synthetic.js';
import { focusReportData } from '../../src/report/focus.js';
import { MERMAID_MAX_EDGES, mermaid, mermaidSelection } from '../../src/report/format/mermaid.js';
import { markdown } from '../../src/report/format/markdown.js';
import { groupedReportData } from '../../src/report/group.js';
import { buildReportData } from '../../src/report/index.js';
import { gatherInputs } from '../../src/report/inputs.js';

const model = syntheticModel({ services: 400, seed: 3, events: 30 });
const data = buildReportData(gatherInputs(model, 'synthetic-400.yaml'));

describe('report --focus', () => {
  const nb = neighbourhood(model, 'svc-150', 1)!;
  const f = focusReportData(data, nb);
  it('keeps the neighbourhood only, analyses from the whole graph', () => {
    expect(f.services.map((s) => s.id)).toEqual(nb.members);
    expect(f.edges.every((e) => nb.members.includes(e.from) && nb.members.includes(e.to))).toBe(true);
    expect(f.edges.length).toBe(data.edges.filter((e) => nb.members.includes(e.from) && nb.members.includes(e.to)).length);
    expect(f.blastRadius).toEqual(data.blastRadius.filter((b) => nb.members.includes(b.service)));
    expect(f.focus).toEqual({ service: 'svc-150', depth: 1, services: nb.members.length, of: 400 });
  });
  it('re-indexes the timeline so every kept cause chain still reads back to its root', () => {
    for (const t of f.timeline) for (const j of t.chain) expect(f.timeline[j]).toBeDefined();
    for (const s of f.services) {
      const before = data.services.find((x) => x.id === s.id)!.transitions.map((i) => data.timeline[i]);
      const reindexed = (t: (typeof before)[number]) => ({ ...t, chain: expect.any(Array), ...(t?.parent !== undefined ? { parent: expect.any(Number) } : {}) });
      expect(s.transitions.map((i) => f.timeline[i])).toEqual(before.map(reindexed));
    }
    // Every kept transition's parent is kept and is the same transition as before.
    const key = (t: { atMin: number; service: string; state: string } | undefined) => t && `${t.atMin} ${t.service} ${t.state}`;
    const parents = f.timeline.filter((t) => t.parent !== undefined);
    expect(parents.length).toBeGreaterThan(0);
    for (const t of parents) {
      const old = data.timeline.find((x) => key(x) === key(t) && x.cause.text === t.cause.text)!;
      expect(key(f.timeline[t.parent!])).toBe(key(data.timeline[old.parent!]));
    }
  });
});

describe('diagrams --group team', () => {
  const g = groupedReportData(data, 'team');
  it('one node per team in its worst member state, one edge per pair of teams with its count', () => {
    const teams = new Set(model.services.map((s) => s.team));
    expect(g.services.length).toBe(teams.size);
    const t0 = model.services.filter((s) => s.team === 'team-0').map((s) => data.services.find((x) => x.id === s.id)!.worst);
    expect(g.services.find((s) => s.id === 'team:team-0')!.worst).toBe(t0.includes('down') ? 'down' : t0.includes('degraded') ? 'degraded' : 'ok');
    const crossTeam = data.edges.filter((e) => model.byId.get(e.from)!.team !== model.byId.get(e.to)!.team).length;
    expect(g.edges.reduce((t, e) => t + e.count!, 0)).toBe(crossTeam);
    expect(mermaid(g)).toContain('team-0 (');
  });
});

describe('Mermaid above GitHub\'s limit', () => {
  it('draws at most the limit and says what was left out, in the diagram and the Markdown', () => {
    expect(data.edges.length).toBeGreaterThan(MERMAID_MAX_EDGES);
    const pick = mermaidSelection(data);
    expect(pick.edges.length).toBeLessThanOrEqual(MERMAID_MAX_EDGES);
    const text = mermaid(data);
    expect(text.split('\n').filter((l) => /-->|-\.->|==>/.test(l)).length).toBe(pick.edges.length);
    expect(text).toContain(`${data.edges.length - pick.edges.length} of ${data.edges.length} edges`);
    expect(text.length).toBeLessThan(50_000);
    const md = markdown(data);
    expect(md).toContain('**Not the whole graph:**');
    expect(md).toContain('```mermaid');
  });
  it('a focused graph under the limit is drawn whole', () => {
    const f = focusReportData(data, neighbourhood(model, 'svc-150', 1)!);
    expect(mermaidSelection(f).leftOut).toEqual({ services: 0, edges: 0 });
    expect(markdown(f)).not.toContain('Not the whole graph');
  });
});
