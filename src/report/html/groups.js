/*
 * Grouping by team (or by `x-system` when the graph has it): every group is a cytoscape compound
 * node around its services, laid out as one block (report/group-layout.ts). The compound nodes
 * exist only while grouped: switching rebuilds the elements, so the ungrouped page (the one that
 * opens) pays nothing for them. A group collapses to
 * a single node drawn in its worst member's state, with its counts; edges to and from collapsed
 * groups are merged into one edge per pair, labelled with how many they stand for.
 */
var groupBox = document.getElementById('group');
var grouped = false;
/** Collapsed groups by index. */
var collapsed = {};
var members = [];
if (data.groupField) data.services.forEach(function (s, i) { (members[data.groupOf[i]] = members[data.groupOf[i]] || []).push(s.id); });

function groupStyle() {
  return [
    { selector: 'node.group', style: { 'background-color': '#eaeef2', 'background-opacity': 0.5, 'border-width': 1, 'border-color': '#57606a',
      label: 'data(label)', 'text-valign': 'top', 'text-halign': 'center', 'font-size': 22, 'font-weight': 'bold', padding: 24, shape: 'round-rectangle' } },
    { selector: 'node.group.collapsed', style: { width: 260, height: 90, 'background-opacity': 1, 'background-color': '#d4edda', 'border-width': 2,
      'text-valign': 'center', 'text-wrap': 'wrap', 'text-max-width': 250, 'font-size': 24, 'min-zoomed-font-size': 0 } },
    { selector: 'node.group.collapsed[state = "degraded"]', style: { 'background-color': '#fff3cd', 'border-color': '#b7791f' } },
    { selector: 'node.group.collapsed[state = "down"]', style: { 'background-color': '#f8d7da', 'border-color': '#c62828' } },
    { selector: 'node.in-collapsed', style: { display: 'none' } },
    { selector: 'edge.meta', style: { 'curve-style': 'straight', 'target-arrow-shape': 'triangle', width: 'mapData(count, 1, 50, 1.5, 8)', 'line-color': '#57606a',
      'target-arrow-color': '#57606a', opacity: 0.6, label: 'data(count)', 'font-size': 12, 'text-background-color': '#fff', 'text-background-opacity': 1,
      'min-zoomed-font-size': 8 } },
    // Thousands of merged edges (every team calls many others): drawn like a big graph's edges,
    // straight and arrowless, their counts only when zoomed in; the selection's keep their arrows.
    { selector: 'edge.meta.many', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none', opacity: 0.35 } },
  ];
}

function setGrouped(on) {
  if (!data.groupField || grouped === on) return;
  grouped = on;
  groupBox.checked = on;
  if (on && focusBox.checked) { focusBox.checked = false; clearFocus(); }
  collapsed = {};
  drawnShut = {};
  cy.batch(function () {
    cy.elements().remove();
    cy.add(graphElements(on));
  });
  if (selected) { cy.getElementById(selected).select(); emphasise(selected); }
  cy.fit(on ? cy.nodes('.group') : cy.nodes('.svc'), 30);
}

/** The collapse state each group is drawn in, so a time step only relabels collapsed groups. */
var drawnShut = {};
/** Aggregated state and counts of each collapsed group, its members hidden, and the merged edges. */
function refreshCollapsed() {
  if (!grouped) return;
  var changed = false;
  members.forEach(function (ids, g) {
    var node = cy.getElementById(groupNodeId(g));
    var shut = grouped && collapsed[g] === true;
    if ((drawnShut[g] === true) !== shut) {
      changed = true;
      drawnShut[g] = shut;
      node.toggleClass('collapsed', shut);
      cy.collection(ids.map(function (id) { return cy.getElementById(id); })).toggleClass('in-collapsed', shut);
      if (!shut) {
        node.data({ state: 'ok', label: node.data('name') });
        syncStates(ids);
      }
    }
    if (shut) relabel(node, ids);
  });
  if (changed) {
    cy.remove('edge.meta');
    cy.add(mergedEdges());
  }
}

/** Whether a service is hidden in a collapsed group (its node's state is then brought up to date when the group opens). */
function inClosedGroup(id) {
  return grouped && drawnShut[groupIndexOf[id]] === true;
}
function syncStates(ids) {
  ids.forEach(function (id) {
    var n = cy.getElementById(id);
    if (n.data('state') !== drawn[id]) n.data('state', drawn[id]);
  });
}

function relabel(node, ids) {
  var c = { ok: 0, degraded: 0, down: 0 };
  ids.forEach(function (id) { c[drawn[id]]++; });
  var state = c.down > 0 ? 'down' : c.degraded > 0 ? 'degraded' : 'ok';
  var label = node.data('name') + '\n' + ids.length + ' services · ' + c.down + ' down · ' + c.degraded + ' degraded';
  // Only a real change is written: each write re-measures the label and every merged edge at the group.
  if (node.data('state') !== state || node.data('label') !== label) node.data({ state: state, label: label });
}

function mergedEdges() {
  var rep = function (id) { var g = groupIndexOf[id]; return grouped && collapsed[g] ? groupNodeId(g) : id; };
  var count = {};
  data.edges.forEach(function (e) {
    var a = rep(e.from), b = rep(e.to);
    if (a === e.from && b === e.to) return;
    if (a === b) return;
    var k = a + ' ' + b;
    count[k] = (count[k] || 0) + 1;
  });
  var keys = Object.keys(count);
  var cls = keys.length > 600 ? 'meta many' : 'meta';
  return keys.map(function (k, i) {
    var ends = k.split(' ');
    return { group: 'edges', data: { id: 'meta:' + i, source: ends[0], target: ends[1], count: count[k] }, classes: cls };
  });
}
var groupIndexOf = {};
if (data.groupField) data.services.forEach(function (s, i) { groupIndexOf[s.id] = data.groupOf[i]; });

function toggleGroup(node) {
  var g = Number(node.id().slice('group:'.length));
  collapsed[g] = !collapsed[g];
  cy.batch(refreshCollapsed);
}
function setAllCollapsed(on) {
  if (!grouped) setGrouped(true);
  members.forEach(function (_, g) { collapsed[g] = on; });
  cy.batch(refreshCollapsed);
  cy.fit(cy.nodes('.group'), 30);
}
/** A service selected inside a collapsed group opens the group first. */
function revealInGroups(id) {
  var g = groupIndexOf[id];
  if (grouped && collapsed[g]) { collapsed[g] = false; cy.batch(refreshCollapsed); }
}

if (data.groupField) {
  groupBox.addEventListener('change', function () { setGrouped(groupBox.checked); });
  document.getElementById('collapse-all').addEventListener('click', function () { setAllCollapsed(true); });
  document.getElementById('expand-all').addEventListener('click', function () { setAllCollapsed(false); });
}
