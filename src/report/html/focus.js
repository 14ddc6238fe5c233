/*
 * Focus mode: only the selected service's neighbourhood stays shown — its dependencies and its
 * dependents within N hops, each direction walked on its own, every edge type (the same definition
 * as src/analysis/neighbourhood.ts, which --focus uses) — laid out in rows by hop: dependents
 * above, dependencies below. Everything else is hidden.
 */
var focusBox = document.getElementById('focus');
var depthBox = document.getElementById('depth');
var outAdj = {}, inAdj = {};
data.edges.forEach(function (e) {
  (outAdj[e.from] = outAdj[e.from] || []).push(e.to);
  (inAdj[e.to] = inAdj[e.to] || []).push(e.from);
});

/** Hops from `id` within `depth`: positive along dependencies, negative along dependents, 0 = itself. */
function neighbourhood(id, depth) {
  var hops = {};
  hops[id] = 0;
  [[outAdj, 1], [inAdj, -1]].forEach(function (dir) {
    var seen = {};
    seen[id] = true;
    var frontier = [id];
    for (var h = 1; h <= depth && frontier.length > 0; h++) {
      var next = [];
      frontier.forEach(function (v) {
        (dir[0][v] || []).forEach(function (w) {
          if (seen[w]) return;
          seen[w] = true;
          next.push(w);
          if (hops[w] === undefined || hops[w] < 0) hops[w] = h * dir[1];
        });
      });
      frontier = next;
    }
  });
  return hops;
}

function focusDepth() {
  var d = Math.round(Number(depthBox.value));
  return isFinite(d) && d >= 0 ? Math.min(d, 50) : 2;
}

/** Positions by hop row, each row sorted by id and centred. */
function focusPositions(hops) {
  var rows = {};
  Object.keys(hops).sort().forEach(function (id) { (rows[hops[id]] = rows[hops[id]] || []).push(id); });
  var pos = {};
  Object.keys(rows).forEach(function (h) {
    var row = rows[h];
    var perLine = 8;
    row.forEach(function (id, i) {
      var line = Math.floor(i / perLine), inLine = Math.min(perLine, row.length - line * perLine);
      pos[id] = { x: (i % perLine - (inLine - 1) / 2) * 165, y: Number(h) * 260 + line * 64 * (Number(h) < 0 ? -1 : 1) };
    });
  });
  return pos;
}

var focused = null;
function applyFocus() {
  if (!focusBox.checked || !selected) { clearFocus(); return; }
  if (grouped) setGrouped(false);
  var hops = neighbourhood(selected, focusDepth());
  var pos = focusPositions(hops);
  focused = hops;
  cy.batch(function () {
    cy.nodes('.svc').forEach(function (n) {
      var p = pos[n.id()];
      if (p) { n.removeClass('outside'); n.position(p); } else n.addClass('outside');
    });
    undrawEdges('for-focus');
    var inside = [];
    Object.keys(hops).forEach(function (id) { (edgesFrom[id] || []).forEach(function (i) { if (hops[data.edges[i].to] !== undefined) inside.push(i); }); });
    drawEdges(inside, 'for-focus');
  });
  cy.fit(cy.nodes('.svc').not('.outside'), 40);
  if (cy.zoom() > 1.5) { cy.zoom(1.5); cy.center(cy.getElementById(selected)); }
}

function clearFocus() {
  if (!focused) return;
  focused = null;
  cy.batch(function () {
    cy.nodes('.outside').removeClass('outside');
    undrawEdges('for-focus');
    placeServices(data.positions);
  });
  if (selected) cy.center(cy.getElementById(selected));
}

/** A new selection while focusing moves the focus to it. */
function refocus() { if (focusBox.checked) applyFocus(); }

function placeServices(positions) {
  cy.nodes('.svc').positions(function (n) { var p = positions[n.id()]; return { x: p[0], y: p[1] }; });
}

focusBox.addEventListener('change', applyFocus);
depthBox.addEventListener('input', function () { if (focusBox.checked) applyFocus(); });
