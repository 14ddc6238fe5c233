/* Last of the page scripts: the test and bench hooks, then the first state. */
window.faultline = {
  setTime: setTime, showDetails: showDetails, select: selectService, search: searchServices,
  neighbourhood: neighbourhood, setGrouped: setGrouped, collapseAll: function () { setAllCollapsed(true); }, expandAll: function () { setAllCollapsed(false); },
  setAllEdges: setAllEdges,
  eventTimes: function () { return data.eventTimes.slice(); },
  stateOf: function (id) { return stateAt(byId[id], now); },
};
var allEdgesBox = document.getElementById('all-edges');
if (allEdgesBox) allEdgesBox.addEventListener('change', function () { setAllEdges(allEdgesBox.checked); });
setTime(now);
