/**
 * The `replay --format json` document (docs/outputs.md#replay), stable and additive-only: the
 * documented keys first, in their documented order, then extras (`from`, `parent`, `deadlock`,
 * capacity, per-observation errors, deadlocks, async data loss, the what-if details). Chains and
 * cycles are stored once and referenced (`cause.parent`: a timeline index; `cause.deadlock`: an
 * index into `deadlocks`), so the document grows with the timeline, not with chain depth or cycle
 * length. Times are ISO in the scenario's own offset.
 */
import { formatIso } from '../model/time.js';
import type { Fidelity, Replay, WhatIfOutcome, WhatIfResult } from './types.js';

export type ReplayJson = ReturnType<typeof toReplayJson>;

export function toReplayJson(replay: Replay, fidelity: Fidelity, whatIfs?: WhatIfResult) {
  const iso = (min: number) => formatIso(min, replay.scenario.start);
  const whatIf = (w: WhatIfOutcome) => ({
    id: w.id, prevented: w.prevented, allOkAt: w.allOkMin === undefined ? null : iso(w.allOkMin),
    serviceMinutesLost: w.serviceMinutesLost,
    title: w.title, rank: w.rank, affected: w.affected, toolingUsable: w.toolingUsable, toolingDown: w.toolingDown,
    detectedAt: w.detectedAt === undefined ? null : iso(w.detectedAt),
    communicatedAt: w.communicatedAt === undefined ? null : iso(w.communicatedAt),
    ...(w.peakLoad ? { peakLoad: w.peakLoad } : {}),
    ...(w.overloadedMinutes !== undefined ? { overloadedMinutes: w.overloadedMinutes } : {}),
  });
  const observation = (m: Fidelity['observations'][number]) => ({
    at: iso(m.observedMin), service: m.service, state: m.state,
    predicted: m.predictedMin === undefined ? null : iso(m.predictedMin),
    errorMinutes: m.errorMin ?? null, input: m.input, ...(m.note !== undefined ? { note: m.note } : {}),
    ...(m.milestone !== undefined ? { milestone: m.milestone } : {}),
    ...(m.restsOn ? { restsOn: m.restsOn } : {}),
  });
  return {
    graph: replay.model.name,
    scenario: replay.scenario.id,
    start: iso(0),
    timeline: replay.timeline.map((t) => ({
      at: iso(t.atMin), service: t.service, state: t.state,
      cause: {
        kind: t.cause.kind, text: t.cause.text,
        ...(t.cause.via !== undefined ? { via: t.cause.via } : {}),
        ...(t.cause.parent !== undefined ? { parent: t.cause.parent } : {}),
        ...(t.cause.deadlock !== undefined ? { deadlock: t.cause.deadlock } : {}),
      },
      from: t.from,
      ...(t.capacity !== undefined ? { capacity: t.capacity } : {}),
    })),
    final: replay.final,
    // null: the scenario has no observed timeline, so there is nothing to be faithful to.
    fidelity: fidelity.total === 0 ? null : {
      matched: fidelity.matched, total: fidelity.total, inputs: fidelity.inputs,
      maxErrorMinutes: fidelity.maxErrorMinutes, meanErrorMinutes: fidelity.meanErrorMinutes,
      orderAgrees: fidelity.orderAgrees,
      unmatched: fidelity.unmatched.map((m) => ({ at: iso(m.observedMin), service: m.service, state: m.state })),
      observations: fidelity.observations.map(observation),
    },
    whatIfs: whatIfs ? whatIfs.outcomes.map(whatIf) : [],
    ...(whatIfs ? { baseline: whatIf(whatIfs.baseline) } : {}),
    end: iso(replay.endMin),
    deadlocks: replay.deadlocks.map((d) => ({ at: iso(d.atMin), cycle: d.cycle, members: d.members })),
    asyncLoss: replay.asyncLoss,
    detectedAt: replay.detectedAt === undefined ? null : iso(replay.detectedAt),
    communicatedAt: replay.communicatedAt === undefined ? null : iso(replay.communicatedAt),
    ...(replay.loads && Object.keys(replay.loads).length > 0 ? { loads: replay.loads } : {}),
  };
}
