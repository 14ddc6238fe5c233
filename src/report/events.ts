/**
 * The scenario's own events — what happened to the system and what operators did — in words, for
 * the timeline beside the replay's state changes.
 */
import { describeEvent } from '../model/describe-event.js';
import { formatClock, formatIso } from '../model/time.js';
import type { Scenario } from '../model/types.js';
import type { EventRow } from './types.js';

export function eventRows(scenario: Scenario): EventRow[] {
  return scenario.events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.atMin - b.e.atMin || a.i - b.i)
    .map(({ e }) => {
      const a = e.action;
      return {
        atMin: e.atMin, at: formatIso(e.atMin, scenario.start), clock: formatClock(e.atMin, scenario.start),
        kind: a.kind, ...('service' in a ? { service: a.service } : {}),
        text: e.note ? `${describeEvent(a)} — ${e.note}` : describeEvent(a),
      };
    });
}
