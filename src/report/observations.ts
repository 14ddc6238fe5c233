/**
 * The observed timeline beside the replay: each observation with its predicted time, its error and
 * whether it sits in the same order as the others (per event, so a reader sees which one is off).
 */
import type { Fidelity } from '../engine/types.js';
import { formatClock, formatIso } from '../model/time.js';
import type { ScenarioStart } from '../model/types.js';
import type { ObservationRow } from './types.js';

export function observationRows(fidelity: Fidelity, start: ScenarioStart): ObservationRow[] {
  const obs = [...fidelity.observations].sort((a, b) => a.observedMin - b.observedMin
    || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
  const scored = obs.filter((o) => o.predictedMin !== undefined && !o.input);
  return obs.map((o) => {
    const predicted = o.predictedMin;
    const inOrder = predicted === undefined || o.input ? undefined
      : scored.every((p) => (o.observedMin - p.observedMin) * (predicted - p.predictedMin!) >= 0);
    return {
      atMin: o.observedMin, at: formatIso(o.observedMin, start), clock: formatClock(o.observedMin, start),
      service: o.service, state: o.state,
      ...(o.note !== undefined ? { note: o.note } : {}),
      ...(o.restsOn ? { restsOn: [...o.restsOn] } : {}),
      ...(predicted !== undefined ? { predictedMin: predicted, predictedClock: formatClock(predicted, start) } : {}),
      ...(o.errorMin !== undefined ? { errorMin: o.errorMin } : predicted !== undefined ? { errorMin: predicted - o.observedMin } : {}),
      input: o.input,
      ...(o.milestone ? { milestone: o.milestone } : {}),
      ...(inOrder !== undefined ? { inOrder } : {}),
    };
  });
}
