/*
 * Faultline HTML report, in the browser: draws the graph with cytoscape (positions computed by
 * faultline), replays the scenario with a time slider, shows a service's details and cause chain
 * on click. Every user string reaches the page through textContent or cytoscape's canvas labels,
 * never through innerHTML.
 */
(function () {
  'use strict';
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

  var elements = [];
  data.services.forEach(function (s) {
    var p = data.positions[s.id];
    elements.push({ group: 'nodes', data: { id: s.id, label: s.title === s.id ? s.id : s.title + '\n' + s.id, state: 'ok' },
      position: { x: p[0], y: p[1] }, classes: (s.tooling ? 'tooling' : '') + (s.entrypoint ? ' entrypoint' : '') });
  });
  data.edges.forEach(function (e, i) {
    elements.push({ group: 'edges', data: { id: 'e' + i, source: e.from, target: e.to, type: e.type },
      classes: e.type + (e.toolingCycle ? ' toolcycle' : '') });
  });
  var big = data.services.length > 120;
  var cy = cytoscape({
    container: document.getElementById('cy'),
    elements: elements,
    layout: { name: 'preset', fit: true, padding: 30 },
    minZoom: 0.05, maxZoom: 3,
    style: [
      { selector: 'node', style: { shape: 'round-rectangle', width: 130, height: 44, 'background-color': '#d4edda', 'border-width': 1, 'border-color': '#2e7d32',
        label: 'data(label)', 'text-wrap': 'wrap', 'text-max-width': 124, 'text-valign': 'center', 'font-size': 10, color: '#111', 'min-zoomed-font-size': big ? 6 : 0 } },
      { selector: 'node[state = "degraded"]', style: { 'background-color': '#fff3cd', 'border-color': '#b7791f' } },
      { selector: 'node[state = "down"]', style: { 'background-color': '#f8d7da', 'border-color': '#c62828', 'border-width': 2 } },
      { selector: 'node.tooling', style: { 'border-style': 'dashed', 'border-width': 3 } },
      { selector: 'node.entrypoint', style: { 'font-weight': 'bold' } },
      { selector: 'node:selected', style: { 'overlay-opacity': 0, 'underlay-color': '#0969da', 'underlay-opacity': 0.35, 'underlay-padding': 6 } },
      { selector: 'edge', style: { width: 1.2, 'line-color': '#8c959f', 'target-arrow-color': '#8c959f', 'target-arrow-shape': 'triangle', 'curve-style': big ? 'straight' : 'bezier', 'arrow-scale': 0.8, opacity: big ? 0.5 : 0.9 } },
      { selector: 'edge.soft', style: { 'line-style': 'dashed' } },
      { selector: 'edge.async', style: { 'line-style': 'dotted' } },
      { selector: 'edge.buffered', style: { width: 2.5 } },
      { selector: 'edge.toolcycle', style: { 'line-color': '#6a1b9a', 'target-arrow-color': '#6a1b9a', width: 3.5, opacity: 1, 'z-index': 10 } },
    ],
  });
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

  function showDetails(id) {
    selected = id;
    var s = byId[id];
    details.replaceChildren();
    details.appendChild(el('h2', s.title));
    var meta = el('p', '', 'muted');
    meta.appendChild(el('code', s.id));
    meta.appendChild(document.createTextNode(' · ' + s.role + ' · tier ' + s.tier + (s.team ? ' · team ' + s.team : '')
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
    else data.timeline[i].chain.forEach(function (j) { chain.appendChild(transitionItem(j)); });
    details.appendChild(chain);
    var deps = data.edges.filter(function (e) { return e.from === id; });
    var dependents = data.edges.filter(function (e) { return e.to === id; });
    details.appendChild(el('h3', 'Depends on (' + deps.length + ')'));
    var ul = el('ul');
    deps.forEach(function (e) { ul.appendChild(el('li', e.to + ' — ' + e.type + (e.anyOf ? ', one of ' + e.anyOf : '') + (e.for ? ': ' + e.for : ''))); });
    details.appendChild(ul);
    details.appendChild(el('h3', 'Needed by (' + dependents.length + ')'));
    var ul2 = el('ul');
    dependents.forEach(function (e) { ul2.appendChild(el('li', e.from + ' — ' + e.type)); });
    details.appendChild(ul2);
    var cycles = data.toolingCycles.filter(function (c) { return c.path.indexOf(id) >= 0; });
    if (cycles.length > 0) {
      details.appendChild(el('h3', 'Incident-tooling cycles'));
      var ul3 = el('ul');
      cycles.forEach(function (c) { ul3.appendChild(el('li', c.path.join(' → '))); });
      details.appendChild(ul3);
    }
    details.appendChild(el('h3', 'State changes in the replay'));
    var all = el('ol');
    s.transitions.forEach(function (j) { all.appendChild(transitionItem(j)); });
    if (s.transitions.length === 0) all.appendChild(el('li', 'none'));
    details.appendChild(all);
  }

  function setTime(t) {
    now = Math.max(0, Math.min(data.endMin, t));
    slider.value = String(now);
    clockOut.textContent = clock(now);
    var counts = { ok: 0, degraded: 0, down: 0 };
    cy.batch(function () {
      data.services.forEach(function (s) {
        var state = stateAt(s, now);
        counts[state]++;
        cy.getElementById(s.id).data('state', state);
      });
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
  cy.on('tap', 'node', function (evt) { showDetails(evt.target.id()); });
  document.addEventListener('keydown', function (e) {
    if (e.target === slider) return;
    if (e.key === ' ') { e.preventDefault(); play(); }
    if (e.key === 'ArrowRight') jump(1);
    if (e.key === 'ArrowLeft') jump(-1);
  });
  window.faultline = { setTime: setTime, showDetails: showDetails, stateOf: function (id) { return stateAt(byId[id], now); } };
  setTime(now);
})();
