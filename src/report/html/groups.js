/*
 * Grouping by team (or by `x-system` when the graph has it): every group is a cytoscape compound
 * node around its services, laid out as one block (report/group-layout.ts). The compound nodes
 * exist only while grouped: switching rebuilds the elements, so the ungrouped page (the one that
 * opens) pays nothing for them. A group collapses to a single node drawn in its worst member's
 * state, with its counts; edges to and from collapsed groups are merged into one edge per pair,
 * labelled with how many they stand for. A collapsed group's services are taken out of the graph,
 * not hidden: cytoscape restyles every element of a compound graph at a cost that grows with its
 * compound nodes' members, so "collapse groups" on 2,000 services left thousands of hidden nodes
 * costing seconds; with every group collapsed there is no compound node left at all.
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
    { selector: 'edge.meta', style: { 'curve-style': 'straight', 'target-arrow-shape': 'triangle', width: 'mapData(count, 1, 50, 1.5, 8)', 'line-color': '#57606a',
      'target-arrow-color': '#57606a', opacity: 0.6, label: 'data(count)', 'font-size': 12, 'text-background-color': '#fff', 'text-background-opacity': 1,
      'min-zoomed-font-size': 8 } },
    // Thousands of merged edges (every team calls many others): drawn like a big graph's edges,
    // straight and arrowless, their counts only when zoomed in.
    { selector: 'edge.meta.many', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none', opacity: 0.35 } },
  ];
}

function setGrouped(on) {
  if (!data.groupField || grouped === on) return;
  setGrouping(on, false);
  cy.fit(on ? cy.nodes('.group') : cy.nodes('.svc'), 30);
}

/** Rebuilds the elements: ungrouped, or grouped with every group collapsed or every group open. */
function setGrouping(on, allCollapsed) {
  grouped = on;
  groupBox.checked = on;
  if (on && focusBox.checked) { focusBox.checked = false; clearFocus(); }
  collapsed = {};
  drawnShut = {};
  members.forEach(function (_, g) { collapsed[g] = on && allCollapsed; drawnShut[g] = collapsed[g]; });
  cy.batch(function () {
    cy.elements().remove();
    cy.add(graphElements(on));
    if (on && allCollapsed) cy.add(mergedEdges());
  });
  if (selected && !inClosedGroup(selected)) { cy.getElementById(selected).select(); emphasise(selected); }
}

/** A group's node: open (a compound node around its services) or collapsed (one node at their centre). */
function groupElement(name, g) {
  var d = { id: groupNodeId(g), name: name, label: name, state: 'ok' };
  if (!collapsed[g]) return { group: 'nodes', data: d, classes: 'group' };
  var a = aggregate(name, members[g] || []);
  d.state = a.state;
  d.label = a.label;
  return { group: 'nodes', data: d, position: groupCentre(g), classes: 'group collapsed' };
}

/** The centre of a group's block in the grouped layout: where its collapsed node sits. */
function groupCentre(g) {
  var x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  (members[g] || []).forEach(function (id) {
    var p = data.groupPositions[id];
    x1 = Math.min(x1, p[0]); x2 = Math.max(x2, p[0]); y1 = Math.min(y1, p[1]); y2 = Math.max(y2, p[1]);
  });
  return x1 === Infinity ? { x: 0, y: 0 } : { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
}

/** The collapse state each group is drawn in, so a time step only relabels collapsed groups. */
var drawnShut = {};
/**
 * Brings the graph in line with `collapsed`: a group that closed loses its services (and their
 * edges) and moves to its centre; one that opened gets them back, in their current states, with the
 * edges that were drawn for them; every collapsed group shows its counts; the merged edges follow.
 */
function refreshCollapsed() {
  if (!grouped) return;
  var changed = false;
  var opened = [];
  members.forEach(function (ids, g) {
    var node = cy.getElementById(groupNodeId(g));
    var shut = collapsed[g] === true;
    if ((drawnShut[g] === true) !== shut) {
      changed = true;
      drawnShut[g] = shut;
      if (shut) {
        cy.remove(node.children());
        node.addClass('collapsed');
        node.position(groupCentre(g));
      } else {
        node.removeClass('collapsed');
        node.data({ state: 'ok', label: node.data('name') });
        cy.add(ids.map(function (id) { return serviceElement(byId[id], true); }));
        opened = opened.concat(ids);
      }
    }
    if (shut) relabel(node, ids);
  });
  if (!changed) return;
  cy.remove('edge.meta');
  cy.add(mergedEdges());
  redrawEdgesOf(opened);
}

/** The lazily drawn edges (incident-tooling cycles, "all edges", the selection's) of services just put back. */
function redrawEdgesOf(ids) {
  if (ids.length === 0) return;
  if (!LAZY_EDGES) {
    var all = [];
    ids.forEach(function (id) { all = all.concat(edgesFrom[id] || [], edgesTo[id] || []); });
    drawEdges(all, '', true);
  } else {
    // As the page draws them: tooling-cycle edges always, the rest as "all edges" (class extra).
    var cycle = [], extra = [];
    ids.forEach(function (id) {
      (edgesFrom[id] || []).concat(edgesTo[id] || []).forEach(function (i) {
        if (data.edges[i].toolingCycle) cycle.push(i); else if (allEdges) extra.push(i);
      });
    });
    drawEdges(cycle, '');
    drawEdges(extra, 'extra');
  }
  if (selected && !inClosedGroup(selected)) { cy.getElementById(selected).select(); emphasise(selected); }
}

/** Whether a service is out of the graph, in a collapsed group. */
function inClosedGroup(id) {
  return grouped && drawnShut[groupIndexOf[id]] === true;
}

/** A collapsed group's state (its worst member's) and label (its counts). */
function aggregate(name, ids) {
  var c = { ok: 0, degraded: 0, down: 0 };
  ids.forEach(function (id) { c[drawn[id]]++; });
  return { state: c.down > 0 ? 'down' : c.degraded > 0 ? 'degraded' : 'ok',
    label: name + '\n' + ids.length + ' services · ' + c.down + ' down · ' + c.degraded + ' degraded' };
}
function relabel(node, ids) {
  var a = aggregate(node.data('name'), ids);
  // Only a real change is written: each write re-measures the label and every merged edge at the group.
  if (node.data('state') !== a.state || node.data('label') !== a.label) node.data(a);
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
  if (!data.groupField) return;
  setGrouping(true, on);
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
