/** The renderers on exact, hand-written engine/audit results (fake-inputs.ts). */
import { describe, expect, it } from 'vitest';
import { syntheticModel } from '../../src/bench/synthetic.js';
import { buildReportData } from '../../src/report/data.js';
import { describeEvent } from '../../src/model/describe-event.js';
import { dot } from '../../src/report/format/dot.js';
import { htmlReport, pageData } from '../../src/report/format/html.js';
import { markdown } from '../../src/report/format/markdown.js';
import { mermaid } from '../../src/report/format/mermaid.js';
import { FORMAT_NAMES, renderReports } from '../../src/report/index.js';
import { layeredLayout, layoutQuality } from '../../src/report/layout.js';
import { FORMAT_VERSION } from '../../src/report/types.js';
import { fakeInputs } from './fake-inputs.js';

const data = buildReportData(fakeInputs());

describe('report data', () => {
  it('summarises root cause, first impact, time to all ok and services hit', () => {
    expect(data.formatVersion).toBe(FORMAT_VERSION);
    expect(data.summary.rootCause?.service).toBe('api');
    expect(data.summary.firstImpact).toMatchObject({ service: 'api', state: 'down', clock: '09:15' });
    expect(data.summary.timeToAllOkMin).toBe(165);
    expect(data.summary.servicesHit).toEqual(['api', 'metrics', 'pager', 'web']);
  });

  it('links observations to the transitions they matched, with error and order', () => {
    const linked = data.timeline.flatMap((t) => (t.observation === undefined ? [] : [[t.service, t.clock, data.observations[t.observation]!.errorMin]]));
    expect(linked).toEqual([['api', '09:15', -5], ['metrics', '09:45', -5]]);
    expect(data.observations.map((o) => o.inOrder)).toEqual([true, true, undefined]);
  });

  it('gives every service that went down its cause chain back to the root', () => {
    const pager = data.causeChains.find((c) => c.service === 'pager')!;
    expect(data.timeline[pager.transition]!.chain.map((i) => data.timeline[i]!.service)).toEqual(['pager', 'metrics', 'api']);
  });

  it('marks the edges on incident-tooling cycle paths', () => {
    expect(data.edges.filter((e) => e.toolingCycle).map((e) => `${e.from}>${e.to}`)).toEqual(['metrics>api', 'pager>metrics']);
  });

  it('ranks what-ifs by rank', () => {
    expect(data.whatIfs.map((w) => w.id)).toEqual(['raise-limit', 'pager-independent']);
  });
});

describe('formats', () => {
  it('markdown has every section and escapes user text', () => {
    const out = markdown(data);
    for (const h of ['## Summary', '## Audit findings', '## Replay timeline beside the observed one', '## Cause chains', '## Blast radius', '## What-if ranking', '## Incident-tooling cycles', '```mermaid']) {
      expect(out).toContain(h);
    }
    expect(out).not.toContain('<img');
    expect(out).toContain('errors \\| 500s &lt;everywhere&gt;');
    // every table row has the same number of unescaped pipes as its header
    for (const block of out.split('\n\n').filter((b) => b.startsWith('| '))) {
      const counts = block.split('\n').filter(Boolean).map((l) => l.replace(/\\\|/g, '').split('|').length);
      expect(new Set(counts).size).toBe(1);
    }
  });

  it('markdown lists the scenario\'s events in the timeline, each before the state changes of its instant', () => {
    expect(data.events.map((e) => [e.clock, e.kind, e.text])).toEqual([
      ['09:00', 'scale', 'scale api to 140 nodes over 10m'],
      ['09:40', 'scale', 'scale api to 100 nodes'],
      ['10:30', 'restart', 'rolling restart of api'],
    ]);
    const rows = markdown(data).split('\n').filter((l) => /^\| \d\d:\d\d /.test(l)).map((l) => l.split(' | ').slice(0, 4).join(' | '));
    expect(rows.slice(0, 4)).toEqual([
      '| 09:00 | `api` | ⚑ event | *scale api to 140 nodes over 10m*',
      '| 09:15 | `api` | 🔴 down | threads 1,039 &gt; limit 1,024 on every node (140 nodes, 139 peers)',
      '| 09:15 | `web` | 🔴 down | hard dependency api is down',
      '| 09:40 | `api` | ⚑ event | *scale api to 100 nodes*',
    ]);
  });

  it('describes every kind of scenario event in words', () => {
    expect(describeEvent({ kind: 'scale', service: 'f', by: -400, overMin: 0 })).toBe('scale f by -400 nodes');
    expect(describeEvent({ kind: 'scale', service: 'f', by: 1200, overMin: 63 })).toBe('scale f by +1,200 nodes over 1h3m');
    expect(describeEvent({ kind: 'fail', service: 'db', state: 'degraded' })).toBe('db fails (degraded)');
    expect(describeEvent({ kind: 'recover', service: 'db' })).toBe('db recovers (the fail is cleared)');
    expect(describeEvent({ kind: 'restart', service: 'f', perHour: 330, after: ['a', 'b'] })).toBe('rolling restart of f at 330/h, once a, b are ok');
    expect(describeEvent({ kind: 'patch', patch: { services: { web: { dependsOn: [], tier: 1 }, old: null } } })).toBe('graph changed: old removed; web (dependsOn, tier)');
    expect(describeEvent({ kind: 'corrupt', service: 'g', nodes: 1 })).toBe('a bad state reaches 1 node of g');
    expect(describeEvent({ kind: 'stop', service: 'g' })).toBe('global stop of g');
    expect(describeEvent({ kind: 'milestone', text: 'diagnosis: gossip' })).toBe('diagnosis: gossip');
  });

  it('mermaid colours nodes by worst state and keeps labels quoted', () => {
    const out = mermaid(data);
    expect(out.startsWith('flowchart TD\n')).toBe(true);
    expect(out).toContain('class s_web,s_api,s_metrics,s_pager down');
    for (const line of out.split('\n').filter((l) => l.includes('["'))) expect(line).toMatch(/^ {2}s_[A-Za-z0-9_]+\["[^"]*"\]$/);
  });

  it('dot quotes every id and fills by state', () => {
    const out = dot(data);
    expect(out).toContain('"web" [label="<img src=x onerror=alert(1)>\\nweb", fillcolor="#f8d7da", penwidth=2];');
    expect(out).toContain('"pager" -> "metrics" [color="#6a1b9a", penwidth=2.5];');
    expect(out.trim().endsWith('}')).toBe(true);
  });

  it('html inlines everything, escapes titles, and cannot be broken out of by a title', () => {
    const out = htmlReport(data);
    expect(out).not.toMatch(/<script[^>]*\ssrc=/);
    expect(out).not.toMatch(/<link |\ssrc="?https?:/);
    expect(out).toContain("default-src 'none'");
    expect(out.match(/<\/script>/g)!.length).toBe(3); // data, cytoscape, page script: the title's </script> is escaped
    expect(out).not.toContain('<img');
    expect(out).toContain('\\u003cimg src=x onerror=alert(1)\\u003e');
  });

  it('html shows the milestone row: predicted detection and first status post, beside the observed one', () => {
    const inputs = fakeInputs();
    const run = inputs.run!;
    const loc = run.fidelity.observations[0]!.loc;
    const told = { service: '(first status post)', state: 'ok' as const, milestone: 'communicated' as const, observedMin: 40, predictedMin: 50, errorMin: 10, input: false, loc };
    const d = buildReportData({
      ...inputs,
      run: { ...run, replay: { ...run.replay, detectedAt: 20, communicatedAt: 50 }, fidelity: { ...run.fidelity, observations: [...run.fidelity.observations, told] } },
    });
    expect(d.milestones).toEqual([
      { milestone: 'detected', predictedMin: 20, predictedClock: '09:20' },
      { milestone: 'communicated', predictedMin: 50, predictedClock: '09:50', observedClock: '09:40', errorMin: 10 },
    ]);
    expect(htmlReport(d)).toContain('<p class="milestones">Milestones: incident detected 09:20 (predicted) · first status-page post 09:50 (predicted; observed 09:40, +10 min)</p>');
    expect(htmlReport(data)).not.toContain('class="milestones"');
  });

  it('the page data has a position for every service and starts at the worst moment', () => {
    const p = pageData(data);
    expect(Object.keys(p.positions).sort()).toEqual(data.services.map((s) => s.id).sort());
    expect(p.initialMin).toBe(45);
    expect(p.eventTimes).toEqual([15, 45, 120, 180]);
  });

  it('is deterministic: same inputs, same bytes', () => {
    const a = renderReports(fakeInputs(), FORMAT_NAMES, 'x');
    const b = renderReports(fakeInputs(), FORMAT_NAMES, 'x');
    expect(a.map((f) => f.name)).toEqual(['x.md', 'x.json', 'x.html', 'x.mmd', 'x.dot']);
    expect(a).toEqual(b);
  });
});

describe('layered layout', () => {
  it('puts every dependency below its dependent, except cycle back edges, on a 200-service graph', () => {
    const m = syntheticModel({ services: 200, seed: 7 });
    const edges = m.services.flatMap((s) => s.dependsOn.flatMap((d) => d.targets.map((t) => ({ from: s.id, to: t }))));
    const pos = layeredLayout(m.services.map((s) => s.id), edges);
    expect(pos.size).toBe(200);
    const upward = edges.filter((e) => pos.get(e.to)!.y <= pos.get(e.from)!.y).length;
    expect(upward).toBeLessThanOrEqual(Math.ceil(edges.length * 0.05)); // only the few back edges closing cycles
    const perRow = new Map<number, number>();
    for (const p of pos.values()) perRow.set(p.y, (perRow.get(p.y) ?? 0) + 1);
    expect(Math.max(...perRow.values())).toBeLessThanOrEqual(30);
    const q = layoutQuality(pos, edges);
    expect(q.width / q.height).toBeGreaterThan(1);
    expect(q.width / q.height).toBeLessThan(3);
  });

  it('survives a 20,000-service chain without recursion', () => {
    const ids = Array.from({ length: 20000 }, (_, i) => `s${i}`);
    const pos = layeredLayout(ids, ids.slice(1).map((id, i) => ({ from: id, to: ids[i]! })), 1);
    expect(pos.get('s19999')!.y).toBeLessThan(pos.get('s0')!.y);
  });
});

describe('a graph without a scenario', () => {
  it('still reports the audit and the graph, with no timeline', () => {
    const inputs = fakeInputs();
    const d = buildReportData({ model: { ...inputs.model, scenarios: [] }, file: inputs.file, ...(inputs.audit ? { audit: inputs.audit } : {}) });
    expect(d.scenario).toBeNull();
    expect(d.timeline).toEqual([]);
    expect(d.services.every((s) => s.worst === 'ok')).toBe(true);
    const out = markdown(d);
    expect(out).toContain('none in this graph');
    expect(out).not.toContain('## Replay timeline');
    expect(out).toContain('```mermaid');
    const page = htmlReport(d);
    expect(page).toContain('id="play" type="button" title="play / pause (space)" disabled');
    expect(pageData(d).endMin).toBe(0);
  });
});
