/**
 * The HTML report: one self-contained page (cytoscape.js, script, styles and data inlined; a CSP
 * that forbids any network), the graph laid out in layers (report/layout.ts), coloured by state at
 * the time on the slider. User strings reach the page only as escaped HTML text or inside the
 * embedded JSON (escaped so `</script>` cannot end the element); the page script uses textContent.
 */
import { html, jsonForScript } from '../../model/escape.js';
import { htmlAssets, type HtmlAssets } from '../html/assets.js';
import { groupedLayout } from '../group-layout.js';
import { layeredLayout, type Position } from '../layout.js';
import type { ReportData, ServiceView } from '../types.js';
import { milestoneItems } from './milestone-text.js';

const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:";

/** What the page script reads: the report data it needs plus positions and replay clock facts. */
export function pageData(d: ReportData) {
  const positions = layeredLayout(d.services.map((s) => s.id), d.edges);
  const start = d.scenario?.start;
  const times = [...new Set(d.timeline.map((t) => t.atMin))].sort((a, b) => a - b);
  return {
    graph: d.graph,
    scenario: d.scenario,
    endMin: d.scenario?.endMin ?? 0,
    startLocalMin: start ? Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16)) : 0,
    initialMin: peakTime(d, times),
    eventTimes: times,
    services: d.services,
    positions: rounded(d, positions),
    ...grouping(d),
    start: startService(d),
    edges: d.edges,
    // Chains by reference: each transition names its parent and the page walks them on a click, so
    // the page grows with the timeline, not with chain depth.
    timeline: d.timeline.map((t) => ({ atMin: t.atMin, service: t.service, state: t.state, cause: t.cause, ...(t.parent !== undefined ? { parent: t.parent } : {}) })),
    toolingCycles: d.toolingCycles,
  };
}

function rounded(d: ReportData, positions: ReadonlyMap<string, Position>): Record<string, [number, number]> {
  return Object.fromEntries(d.services.map((s) => {
    const p = positions.get(s.id) ?? { x: 0, y: 0 };
    return [s.id, [Math.round(p.x), Math.round(p.y)]];
  }));
}

/** Which field the page groups by: `x-system` when any service has one, else `team`, else none. */
export function groupField(d: ReportData): 'system' | 'team' | null {
  if (d.services.some((s) => s.system !== undefined)) return 'system';
  return d.services.some((s) => s.team !== undefined) ? 'team' : null;
}

/** Group names (sorted), each service's group index (file order) and the grouped layout's positions. */
function grouping(d: ReportData) {
  const field = groupField(d);
  if (!field) return { groupField: null };
  const none = `(no ${field})`;
  const nameOf = (s: ServiceView) => s[field] ?? none;
  const names = [...new Set(d.services.map(nameOf))].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const byId = new Map(d.services.map((s) => [s.id, nameOf(s)]));
  const positions = groupedLayout(d.services.map((s) => s.id), d.edges, (id) => byId.get(id)!);
  return { groupField: field, groups: names, groupOf: d.services.map((s) => index.get(nameOf(s))!), groupPositions: rounded(d, positions) };
}

/** Where the page opens, zoomed in: the root cause, else the widest blast radius, else the first service. */
function startService(d: ReportData): string | null {
  return d.summary.rootCause?.service ?? d.blastRadius[0]?.service ?? d.services[0]?.id ?? null;
}

/** The first moment with the most services not ok: where the page opens. */
function peakTime(d: ReportData, times: readonly number[]): number {
  const state = new Map<string, string>();
  let best = 0; let bestAt = 0; let i = 0;
  for (const at of times) {
    for (; i < d.timeline.length && d.timeline[i]!.atMin <= at; i++) state.set(d.timeline[i]!.service, d.timeline[i]!.state);
    const bad = [...state.values()].filter((s) => s !== 'ok').length;
    if (bad > best) { best = bad; bestAt = at; }
  }
  return bestAt;
}

/** Above this many edges the page draws only the selection's, the focus's and tooling-cycle edges until asked (client.js). */
const LAZY_EDGES = 2000;

/** Search, focus and grouping controls (grouping only when the graph has teams or systems). */
function tools(d: ReportData): string {
  const field = groupField(d);
  const group = field ? `<label><input id="group" type="checkbox"> group by ${html(field)}</label>
<button id="collapse-all" type="button">collapse groups</button><button id="expand-all" type="button">expand groups</button>` : '';
  return `<div id="tools">
<div id="searchbox"><input id="search" type="search" placeholder="Search id, title, team… ( / )" aria-label="search services" autocomplete="off" spellcheck="false"><ul id="search-results" hidden></ul></div>
<label title="show only the selected service's dependencies and dependents within N hops"><input id="focus" type="checkbox"> focus on the selection</label>
<label>hops <input id="depth" type="number" min="0" max="50" value="2"></label>
${group}${d.edges.length > LAZY_EDGES ? `<label title="the selection's edges are always drawn"><input id="all-edges" type="checkbox"> all ${d.edges.length} edges</label>` : ''}
</div>`;
}

/** Detection and the first status-page post, predicted and observed (nothing without either). */
function milestoneRow(d: ReportData): string {
  const items = milestoneItems(d.milestones);
  return items.length === 0 ? '' : `<p class="milestones">Milestones: ${items.map(html).join(' · ')}</p>\n`;
}

/** A script body cannot contain `</script`; in JS source `<\/` means the same thing. */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

export function htmlReport(d: ReportData, assets: HtmlAssets = htmlAssets()): string {
  const s = d.summary;
  const facts = d.scenario ? [
    `Scenario: ${d.scenario.title}`,
    s.rootCause ? `root cause: ${s.rootCause.service} at ${s.rootCause.clock}` : 'no service failed',
    `${s.servicesHit.length} of ${d.services.length} services hit`,
    s.firstImpact ? (s.allOkClock ? `all ok at ${s.allOkClock}` : 'not all ok by the end of the replay') : '',
  ] : ['No scenario: the graph only'];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(d.graph.title)} — Faultline</title>
<style>
${assets.css}</style>
</head>
<body>
<header>
<h1>${html(d.graph.title)}</h1>
<p>${facts.filter(Boolean).map(html).join(' · ')}</p>
${milestoneRow(d)}${tools(d)}
<p class="legend"><span>fill: <span class="state ok">ok</span> <span class="state degraded">degraded</span> <span class="state down">down</span></span><span>dashed border: incident tooling</span><span>purple edges: incident-tooling cycles</span><span>dashed edge: soft, dotted: async, thick: buffered</span><span>callers above their dependencies; selection: <span class="to-dep">→ its dependencies</span> <span class="to-dependent">← its dependents</span></span></p>
</header>
<main>
<div id="cy" aria-label="dependency graph"></div>
<aside id="details"><p class="muted">Click a service for its details and the cause chain of its state at the time on the slider.</p></aside>
</main>
<footer>
<button id="prev" type="button" title="previous state change (←)">◀ prev</button>
<button id="play" type="button" title="play / pause (space)"${d.scenario ? '' : ' disabled'}>▶ Play</button>
<button id="next" type="button" title="next state change (→)">next ▶</button>
<input id="time" type="range" min="0" max="0" step="1" value="0" aria-label="replay time"${d.scenario ? '' : ' disabled'}>
<output id="clock"></output>
<span id="counts"></span>
</footer>
<script type="application/json" id="faultline-data">${jsonForScript(pageData(d))}</script>
<script>${inlineScript(assets.cytoscape)}</script>
<script>
${inlineScript(assets.client)}</script>
</body>
</html>
`;
}
