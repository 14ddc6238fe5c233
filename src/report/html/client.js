/*
 * Faultline HTML report, in the browser: draws the graph with cytoscape (positions computed by
 * faultline in Node), replays the scenario with a time slider, shows a service's details and cause
 * chain on click. search.js, focus.js and groups.js add search, the N-hop focus and grouping; all
 * files share one scope (assets.ts wraps them in one function). Every user string reaches the page
 * through textContent or cytoscape's canvas labels, never through innerHTML.
 */
var data = JSON.parse(document.getElementById('faultline-data').textContent);
var byId = {};
data.services.forEach(function (s) { byId[s.id] = s; });
var slider = document.getElementById('time');
var clockOut = document.getElementById('clock');
var countsOut = document.getElementById('counts');
var details = document.getElementById('details');
var playButton = document.getElementById('play');
var selected = null;
var now = data.initialMin;
/** The state each service is drawn in: a time step restyles only the services whose state changed. */
var drawn = {};
/** Big graphs: straight arrowless edges (callers sit above their dependencies), arrows only on the selection's edges. */
var BIG = data.services.length > 150 || data.edges.length > 600;
/**
 * Huge graphs: thousands of edges are a grey hairball and most of the first render's cost (every
 * edge is styled and measured), so only incident-tooling-cycle edges are drawn from the start; the
 * selection's edges, the focused neighbourhood's and the merged group edges are added when shown,
 * and "all edges" adds the rest.
 */
var LAZY_EDGES = data.edges.length > 2000;
var edgesFrom = {}, edgesTo = {};
data.edges.forEach(function (e, i) {
  (edgesFrom[e.from] = edgesFrom[e.from] || []).push(i);
  (edgesTo[e.to] = edgesTo[e.to] || []).push(i);
});
var FONT = 12;
/** The zoom at which labels are drawn at 12 px: the page never opens below 11 px labels. */
var READABLE = 1;

function pad(n) { return (n < 10 ? '0' : '') + n; }
/** Same notation as the graph file: 05:15, or +1d 02:00 on later days. */
function clock(atMin) {
  var local = data.startLocalMin + Math.round(atMin);
  var days = Math.floor(local / 1440);
  var m = local - days * 1440;
  var c = pad(Math.floor(m / 60)) + ':' + pad(m % 60);
  return days > 0 ? '+' + days + 'd ' + c : c;
}
/** The service's latest transition at or before t (index into data.timeline), or -1. */
function transitionAt(s, t) {
  var found = -1;
  for (var i = 0; i < s.transitions.length; i++) {
    if (data.timeline[s.transitions[i]].atMin <= t) found = s.transitions[i]; else break;
  }
  return found;
}
function stateAt(s, t) {
  var i = transitionAt(s, t);
  return i < 0 ? 'ok' : data.timeline[i].state;
}

function groupNodeId(g) { return 'group:' + g; } // ':' never appears in a service id
/**
 * Cytoscape elements; with `withGroups`, a compound node per group around its services (groups.js),
 * a collapsed group as one node without its services.
 */
function graphElements(withGroups) {
  var elements = [];
  if (withGroups) data.groups.forEach(function (name, g) { elements.push(groupElement(name, g)); });
  var out = function (id) { return withGroups && collapsed[groupIndexOf[id]] === true; };
  data.services.forEach(function (s) { if (!out(s.id)) elements.push(serviceElement(s, withGroups)); });
  data.edges.forEach(function (e, i) {
    if ((!LAZY_EDGES || e.toolingCycle || allEdges) && !out(e.from) && !out(e.to)) elements.push(edgeElement(i));
  });
  return elements;
}
function serviceElement(s, withGroups) {
  var p = (withGroups ? data.groupPositions : data.positions)[s.id];
  var d = { id: s.id, label: s.title === s.id ? s.id : s.title + '\n' + s.id, state: drawn[s.id] || 'ok' };
  if (withGroups) d.parent = groupNodeId(groupIndexOf[s.id]);
  return { group: 'nodes', data: d, position: { x: p[0], y: p[1] }, classes: 'svc' + (s.tooling ? ' tooling' : '') + (s.entrypoint ? ' entrypoint' : '') };
}
var allEdges = false;
function edgeElement(i) {
  var e = data.edges[i];
  return { group: 'edges', data: { id: 'e' + i, source: e.from, target: e.to, type: e.type }, classes: e.type + (e.toolingCycle ? ' toolcycle' : '') };
}
/**
 * Adds the edges (indexes into data.edges) not drawn yet, marked `cls` so they can be taken away
 * again; never one to a service out of the graph in a collapsed group. `force`: also on small graphs
 * (which draw every edge from the start), for services put back when their group opens.
 */
function drawEdges(indexes, cls, force) {
  if (!LAZY_EDGES && !force) return;
  var add = [];
  indexes.forEach(function (i) {
    if (cy.getElementById('e' + i).length > 0 || inClosedGroup(data.edges[i].from) || inClosedGroup(data.edges[i].to)) return;
    var e = edgeElement(i);
    if (cls) e.classes += ' ' + cls;
    add.push(e);
  });
  cy.add(add);
}
function undrawEdges(cls) { if (LAZY_EDGES && !allEdges) cy.remove('edge.' + cls); }
function setAllEdges(on) {
  allEdges = on;
  if (on) cy.batch(function () { drawEdges(data.edges.map(function (_, i) { return i; }), 'extra'); });
  else cy.batch(function () { cy.remove('edge.extra'); });
}

function graphStyle() {
  return [
    { selector: 'node', style: { shape: 'round-rectangle', width: 140, height: 46, 'background-color': '#d4edda', 'border-width': 1.5, 'border-color': '#2e7d32',
      label: 'data(label)', 'text-wrap': 'wrap', 'text-max-width': 134, 'text-valign': 'center', 'font-size': FONT, color: '#111', 'min-zoomed-font-size': BIG ? 7 : 0 } },
    { selector: 'node[state = "degraded"]', style: { 'background-color': '#fff3cd', 'border-color': '#b7791f' } },
    // Same border width in every state: a width change would re-measure every edge at the node.
    { selector: 'node[state = "down"]', style: { 'background-color': '#f8d7da', 'border-color': '#c62828' } },
    { selector: 'node.tooling', style: { 'border-style': 'dashed', 'border-width': 3 } },
    { selector: 'node.entrypoint', style: { 'font-weight': 'bold' } },
    { selector: 'node:selected', style: { 'overlay-opacity': 0, 'underlay-color': '#0969da', 'underlay-opacity': 0.45, 'underlay-padding': 8, 'border-width': 3, 'border-color': '#0969da' } },
    { selector: 'edge', style: { width: 1.2, 'line-color': '#8c959f', 'target-arrow-color': '#8c959f', 'target-arrow-shape': BIG ? 'none' : 'triangle',
      'curve-style': BIG ? 'haystack' : 'bezier', 'haystack-radius': 0, 'arrow-scale': 0.8, opacity: BIG ? 0.35 : 0.9 } },
    { selector: 'edge.soft', style: { 'line-style': 'dashed' } },
    { selector: 'edge.async', style: { 'line-style': 'dotted' } },
    { selector: 'edge.buffered', style: { width: 2.5 } },
    { selector: 'edge.toolcycle', style: { 'line-color': '#6a1b9a', 'target-arrow-color': '#6a1b9a', width: 3.5, opacity: 1, 'z-index': 10 } },
    { selector: 'edge.hl', style: { 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'line-color': '#0969da', 'target-arrow-color': '#0969da',
      width: 3, opacity: 1, 'z-index': 20, 'arrow-scale': 1.2 } },
    { selector: 'edge.hl.dependent', style: { 'line-color': '#d9480f', 'target-arrow-color': '#d9480f' } },
    { selector: '.outside', style: { display: 'none' } },
  ].concat(groupStyle());
}

/** Where the page opens: everything when labels are still readable, else zoomed in on data.start. */
function initialViewport(box) {
  var x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  data.services.forEach(function (s) {
    var p = data.positions[s.id];
    x1 = Math.min(x1, p[0]); x2 = Math.max(x2, p[0]); y1 = Math.min(y1, p[1]); y2 = Math.max(y2, p[1]);
  });
  if (data.services.length === 0) return { zoom: 1, pan: { x: 0, y: 0 } };
  var fit = Math.min(2, (box.width - 60) / (x2 - x1 + 150), (box.height - 60) / (y2 - y1 + 50));
  if (fit * FONT >= 11) return { zoom: fit, pan: { x: box.width / 2 - fit * (x1 + x2) / 2, y: box.height / 2 - fit * (y1 + y2) / 2 } };
  var c = data.positions[data.start] || [(x1 + x2) / 2, (y1 + y2) / 2];
  return { zoom: READABLE, pan: { x: box.width / 2 - READABLE * c[0], y: box.height / 2 - READABLE * c[1] } };
}

// Drawn from the start in the opening time's states: the first setTime then changes nothing.
data.services.forEach(function (s) { drawn[s.id] = stateAt(s, now); });
var container = document.getElementById('cy');
var view = initialViewport(container.getBoundingClientRect());
var cy = cytoscape({
  container: container,
  // Elements are added after creation: at creation cytoscape runs a layout that would re-set every
  // position (seconds on thousands of nodes) only to keep the ones computed in Node.
  elements: [],
  zoom: view.zoom, pan: view.pan,
  minZoom: 0.02, maxZoom: 3,
  hideEdgesOnViewport: BIG, textureOnViewport: false,
  style: graphStyle(),
});
cy.add(graphElements(false));
window.cy = cy;

function el(tag, text, cls) {
  var e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
function stateBadge(state) { return el('span', state, 'state ' + state); }
function transitionItem(i) {
  var t = data.timeline[i];
  var li = el('li');
  li.appendChild(el('span', clock(t.atMin) + ' '));
  li.appendChild(el('code', t.service));
  li.appendChild(document.createTextNode(' '));
  li.appendChild(stateBadge(t.state));
  li.appendChild(el('span', ' — ' + t.cause.text));
  return li;
}
/**
 * The chain behind transition i along `parent`, itself first: a long one as its first links, −n for
 * the n links left out, and its root.
 */
var CHAIN_SHOWN = 20;
function causeChain(i) {
  var all = [];
  for (var j = i; j !== undefined && all.length <= data.timeline.length; j = data.timeline[j].parent) all.push(j);
  if (all.length <= CHAIN_SHOWN) return all;
  return all.slice(0, CHAIN_SHOWN - 1).concat([-(all.length - CHAIN_SHOWN), all[all.length - 1]]);
}
function list(title, items) {
  details.appendChild(el('h3', title));
  var ul = el('ul');
  items.forEach(function (text) { ul.appendChild(el('li', text)); });
  details.appendChild(ul);
}

function showDetails(id) {
  selected = id;
  var s = byId[id];
  details.replaceChildren();
  details.appendChild(el('h2', s.title));
  var meta = el('p', '', 'muted');
  meta.appendChild(el('code', s.id));
  meta.appendChild(document.createTextNode(' · ' + s.role + ' · tier ' + s.tier + (s.team ? ' · team ' + s.team : '') + (s.system ? ' · system ' + s.system : '')
    + (s.entrypoint ? ' · entrypoint' : '') + (s.tooling ? ' · incident tooling' : '') + (s.fleetNodes ? ' · ' + s.fleetNodes + ' nodes' : '')));
  details.appendChild(meta);
  if (s.description) details.appendChild(el('p', s.description));
  var st = el('p');
  st.appendChild(document.createTextNode('At ' + clock(now) + ': '));
  st.appendChild(stateBadge(stateAt(s, now)));
  details.appendChild(st);
  details.appendChild(el('h3', 'Why (cause chain)'));
  var i = transitionAt(s, now);
  var chain = el('ol');
  chain.id = 'cause-chain';
  if (i < 0) chain.appendChild(el('li', 'ok: nothing has affected it yet'));
  else causeChain(i).forEach(function (j) { chain.appendChild(j < 0 ? el('li', '… ' + (-j) + ' more links …', 'muted') : transitionItem(j)); });
  details.appendChild(chain);
  var deps = data.edges.filter(function (e) { return e.from === id; });
  var dependents = data.edges.filter(function (e) { return e.to === id; });
  list('Depends on (' + deps.length + ')', deps.map(function (e) { return e.to + ' — ' + e.type + (e.anyOf ? ', one of ' + e.anyOf : '') + (e.for ? ': ' + e.for : ''); }));
  list('Needed by (' + dependents.length + ')', dependents.map(function (e) { return e.from + ' — ' + e.type; }));
  var cycles = data.toolingCycles.filter(function (c) { return c.path.indexOf(id) >= 0; });
  if (cycles.length > 0) list('Incident-tooling cycles', cycles.map(function (c) { return c.path.join(' → '); }));
  details.appendChild(el('h3', 'State changes in the replay'));
  var all = el('ol');
  s.transitions.forEach(function (j) { all.appendChild(transitionItem(j)); });
  if (s.transitions.length === 0) all.appendChild(el('li', 'none'));
  details.appendChild(all);
}

/** The selected service's edges drawn thick with arrows: blue to its dependencies, orange from its dependents. */
function emphasise(id) {
  cy.batch(function () {
    cy.elements('.hl').removeClass('hl dependent');
    undrawEdges('for-selection');
    drawEdges((edgesFrom[id] || []).concat(edgesTo[id] || []), 'for-selection');
    var n = cy.getElementById(id);
    n.outgoers('edge').addClass('hl');
    n.incomers('edge').addClass('hl dependent');
  });
}

/** Selects a service from a click or a search: expands its group, refocuses, highlights, optionally centres. */
function selectService(id, centre) {
  if (!byId[id]) return;
  revealInGroups(id);
  cy.$(':selected').unselect();
  var n = cy.getElementById(id);
  n.select();
  showDetails(id);
  emphasise(id);
  refocus();
  if (centre) {
    if (cy.zoom() < READABLE) cy.zoom(READABLE);
    cy.center(n);
  }
}

function setTime(t) {
  now = Math.max(0, Math.min(data.endMin, t));
  slider.value = String(now);
  clockOut.textContent = clock(now);
  var counts = { ok: 0, degraded: 0, down: 0 };
  var changed = [];
  data.services.forEach(function (s) {
    var state = stateAt(s, now);
    counts[state]++;
    if (drawn[s.id] !== state) { drawn[s.id] = state; changed.push(s.id); }
  });
  cy.batch(function () {
    // Services inside a collapsed group are not drawn: they get their state when the group opens.
    changed.forEach(function (id) { if (!inClosedGroup(id)) cy.getElementById(id).data('state', drawn[id]); });
    refreshCollapsed();
  });
  countsOut.textContent = counts.ok + ' ok · ' + counts.degraded + ' degraded · ' + counts.down + ' down';
  if (selected) showDetails(selected);
}

var timer = null;
function play() {
  if (data.endMin === 0) return;
  if (timer) { clearInterval(timer); timer = null; playButton.textContent = '▶ Play'; return; }
  if (now >= data.endMin) setTime(0);
  playButton.textContent = '❚❚ Pause';
  var step = Math.max(1, Math.ceil(data.endMin / 300));
  timer = setInterval(function () {
    setTime(now + step);
    if (now >= data.endMin) play();
  }, 50);
}
function jump(direction) {
  var times = data.eventTimes;
  var next = direction > 0 ? times.find(function (x) { return x > now; }) : times.slice().reverse().find(function (x) { return x < now; });
  if (next !== undefined) setTime(next);
}

slider.max = String(data.endMin);
slider.addEventListener('input', function () { setTime(Number(slider.value)); });
playButton.addEventListener('click', play);
document.getElementById('prev').addEventListener('click', function () { jump(-1); });
document.getElementById('next').addEventListener('click', function () { jump(1); });
cy.on('tap', 'node', function (evt) {
  var n = evt.target;
  if (n.hasClass('group')) toggleGroup(n);
  else selectService(n.id(), false);
});
document.addEventListener('keydown', function (e) {
  if (e.target === slider || e.target.tagName === 'INPUT' || e.target.tagName === 'BUTTON') return;
  if (e.key === ' ') { e.preventDefault(); play(); }
  if (e.key === 'ArrowRight') jump(1);
  if (e.key === 'ArrowLeft') jump(-1);
  if (e.key === '/') { e.preventDefault(); document.getElementById('search').focus(); }
});
