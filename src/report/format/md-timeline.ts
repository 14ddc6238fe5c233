/**
 * The replay's timeline beside the observed one: one row per replayed state change, with the
 * observation it was matched to (its time, error and whether it is in order), a row for every
 * observation the replay never produced, and a ⚑ row for every scenario event (operator actions,
 * milestones), all in time order.
 */
import { md } from '../../model/escape.js';
import type { ObservationRow, ReportData } from '../types.js';
import { duration, id, signed, stateCell, table } from './md-parts.js';

/** `08:22 first post [S] (rests on assumed a, b)`: the observation, and what its prediction rests on. */
function observedCell(o: ObservationRow): string {
  return `${o.clock}${o.note ? ` ${md(o.note)}` : ''}${o.restsOn ? ` (rests on assumed ${o.restsOn.map(id).join(', ')})` : ''}`;
}

/** Beyond this the table stops being read; the JSON report has every row. */
const MAX_ROWS = 400;

export function timelineSection(d: ReportData): string {
  if (!d.scenario) return '';
  const rows: { at: number; order: number; cells: string[] }[] = [];
  d.timeline.forEach((t, i) => {
    const o = t.observation === undefined ? undefined : d.observations[t.observation];
    rows.push({
      at: t.atMin, order: i,
      cells: [
        t.clock, id(t.service), stateCell(t.state), md(t.cause.text),
        o ? observedCell(o) : '',
        o ? (o.input ? 'input' : signed(o.errorMin)) : '',
        o && o.inOrder !== undefined ? (o.inOrder ? '✓' : '**✗**') : '',
      ],
    });
  });
  d.observations.forEach((o, i) => {
    if (o.milestone && o.predictedMin !== undefined) {
      rows.push({
        at: o.predictedMin, order: d.timeline.length + i,
        cells: [o.predictedClock!, md(o.service), '⚑ milestone', '*predicted from detection and the status-page tool*', observedCell(o), signed(o.errorMin), o.inOrder ? '✓' : '**✗**'],
      });
      return;
    }
    if (o.predictedMin !== undefined) return;
    rows.push({
      at: o.atMin, order: d.timeline.length + i,
      cells: ['—', id(o.service), stateCell(o.state), '*not reproduced by the replay*', `${o.clock}${o.note ? ` ${md(o.note)}` : ''}`, 'unmatched', ''],
    });
  });
  // An event comes before the state changes of its instant: they follow from it.
  d.events.forEach((e, i) => {
    rows.push({ at: e.atMin, order: -d.events.length + i, cells: [e.clock, e.service ? id(e.service) : '—', '⚑ event', `*${md(e.text)}*`, '', '', ''] });
  });
  rows.sort((a, b) => a.at - b.at || a.order - b.order);
  const shown = rows.slice(0, MAX_ROWS).map((r) => r.cells);
  const f = d.fidelity;
  const intro = [
    `## Replay timeline beside the observed one`, '',
    `Scenario ${id(d.scenario.id)}: ${md(d.scenario.title)}. Times are local to the scenario start (${md(d.scenario.start)}); the replay ends at ${d.scenario.endClock}.`
      + (d.events.length > 0 ? ' ⚑ rows are the scenario\'s own events: what happened to the system and what operators did.' : ''),
    '',
    f && f.total > 0
      ? `Error = replay minus observed (negative: the replay is early). Order ✓ = in the same order as every other matched observation. Max error ${duration(f.maxErrorMinutes)}, mean ${duration(f.meanErrorMinutes)}; order ${f.orderAgrees ? 'agrees' : 'disagrees'}.`
      : 'The scenario has no observed timeline to compare with.',
    '',
    '',
  ];
  const more = rows.length > MAX_ROWS ? `\n${rows.length - MAX_ROWS} more rows in the JSON report.\n` : '';
  return intro.join('\n') + table(['Replay', 'Service', 'State', 'Why', 'Observed', 'Error', 'Order'], shown) + more;
}
