/**
 * The one place the reports call the engine and the audit. Everything else in report/ is a pure
 * function of what this returns, so formats never recompute an analysis their own way.
 */
import { audit, priorities } from '../analysis/index.js';
import { chainHead, fidelity, replay, whatIfs } from '../engine/index.js';
import type { Model } from '../model/types.js';

import type { ReportInputs, ScenarioRun } from './types.js';

/** Runs the audit and, when the graph has a scenario, the replay, its fidelity and its what-ifs. */
export function gatherInputs(model: Model, file: string, scenarioId?: string): ReportInputs {
  const scenario = scenarioId === undefined ? model.scenarios[0] : model.scenarios.find((s) => s.id === scenarioId);
  const a = audit(model);
  const result: ReportInputs = { model, file, audit: a, priorities: priorities(a, model) };
  if (!scenario) return result;
  return { ...result, run: scenarioRun(model, scenario.id) };
}

function scenarioRun(model: Model, scenarioId: string): ScenarioRun {
  const r = replay(model, scenarioId);
  const ranked = whatIfs(model, scenarioId, undefined, r);
  return {
    replay: r,
    fidelity: fidelity(r),
    chains: r.timeline.map((_, i) => chainHead(r, i)),
    baseline: {
      serviceMinutesLost: ranked.baseline.serviceMinutesLost,
      ...(ranked.baseline.allOkMin !== undefined ? { allOkMin: ranked.baseline.allOkMin } : {}),
    },
    whatIfs: ranked.outcomes,
  };
}
