/**
 * The scenario's own events — what happened to the system and what operators did — in words, for
 * the timeline beside the replay's state changes.
 */
import { describeEvent } from '../model/describe-event.js';
import { formatClock, formatDuration, formatIso } from '../model/time.js';
import type { Replay } from '../engine/types.js';
import type { Scenario, ScenarioEvent } from '../model/types.js';
import type { EventRow } from './types.js';

/**
 * Each event at the time it happened (a reaction — `when`, `delay`, `waitsFor` — at the time the
 * replay gave it, or at its `at` marked as never happening), then the predicted detection and first
 * status-page post.
 */
export function eventRows(scenario: Scenario, replay?: Replay): EventRow[] {
  const row = (atMin: number, kind: EventRow['kind'], text: string, service?: string): EventRow => ({
    atMin, at: formatIso(atMin, scenario.start), clock: formatClock(atMin, scenario.start), kind, ...(service !== undefined ? { service } : {}), text,
  });
  const rows = scenario.events.map((e, i) => {
    const a = e.action;
    const happened = replay?.eventTimes?.[i];
    const when = reaction(e);
    const text = `${describeEvent(a)}${when ? ` (${when}${happened === null ? ': never happened' : ''})` : ''}${e.note ? ` — ${e.note}` : ''}`;
    return { i, r: row(happened ?? e.atMin, a.kind, text, 'service' in a ? a.service : undefined) };
  }).sort((a, b) => a.r.atMin - b.r.atMin || a.i - b.i).map((x) => x.r);
  const extra: EventRow[] = [];
  // A milestone the scenario observed gets its own row beside the observation instead.
  const observed = new Set((scenario.milestones ?? []).map((m) => m.milestone));
  if (replay?.detectedAt !== undefined && !observed.has('detected')) extra.push(row(replay.detectedAt, 'milestone', 'incident detected (predicted: detection rules)'));
  if (replay?.communicatedAt !== undefined && !observed.has('communicated')) extra.push(row(replay.communicatedAt, 'milestone', 'first status-page post (predicted: status-page tool)'));
  return [...rows, ...extra].sort((a, b) => a.atMin - b.atMin);
}

/** `reaction: after detection, +1h28m, waits for dns` (or `once its service is down, +4h52m`), or '' for a scripted event. */
function reaction(e: ScenarioEvent): string {
  const parts = [
    ...(e.when === 'detected' ? ['after detection'] : e.when === 'down' ? ['once its service is down'] : []),
    ...((e.delayMin ?? 0) > 0 ? [`+${formatDuration(e.delayMin!)}`] : []),
    ...(e.waitsFor ? [`waits for ${e.waitsFor.join(', ')}`] : []),
  ];
  return parts.length > 0 ? `reaction: ${parts.join(', ')}` : '';
}
