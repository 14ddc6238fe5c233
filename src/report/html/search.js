/*
 * Search box: matches a service's id, title, team or system (case-insensitive substring), best
 * first (exact id, id prefix, then the rest by id); ⏎ or a click selects, highlights and centres it.
 */
var searchBox = document.getElementById('search');
var searchResults = document.getElementById('search-results');
var MAX_RESULTS = 10;

function searchRank(s, q) {
  if (s.id === q) return 0;
  if (s.id.indexOf(q) === 0) return 1;
  var fields = [s.id, s.title, s.team || '', s.system || ''];
  for (var i = 0; i < fields.length; i++) if (fields[i].toLowerCase().indexOf(q) >= 0) return 2;
  return -1;
}

function searchServices(query) {
  var q = query.trim().toLowerCase();
  if (q === '') return [];
  var found = [];
  data.services.forEach(function (s) {
    var r = searchRank(s, q);
    if (r >= 0) found.push({ rank: r, id: s.id });
  });
  found.sort(function (a, b) { return a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
  return found.map(function (f) { return f.id; });
}

function showResults() {
  var ids = searchServices(searchBox.value);
  searchResults.replaceChildren();
  ids.slice(0, MAX_RESULTS).forEach(function (id) {
    var s = byId[id];
    var b = el('button', (s.title === s.id ? s.id : s.title + ' (' + s.id + ')') + (s.team ? ' · ' + s.team : ''));
    b.type = 'button';
    b.addEventListener('click', function () { pick(id); });
    var li = el('li');
    li.appendChild(b);
    searchResults.appendChild(li);
  });
  if (ids.length > MAX_RESULTS) searchResults.appendChild(el('li', '… ' + (ids.length - MAX_RESULTS) + ' more: type more', 'muted'));
  if (searchBox.value.trim() !== '' && ids.length === 0) searchResults.appendChild(el('li', 'no service matches', 'muted'));
  searchResults.hidden = searchResults.childElementCount === 0;
  return ids;
}

function pick(id) {
  searchResults.hidden = true;
  selectService(id, true);
}

searchBox.addEventListener('input', showResults);
searchBox.addEventListener('keydown', function (e) {
  if (e.key === 'Enter') {
    var ids = searchServices(searchBox.value);
    if (ids.length > 0) pick(ids[0]);
  }
  if (e.key === 'Escape') { searchBox.value = ''; showResults(); searchBox.blur(); }
});
