/**
 * The second proof of a remediation, where the graph has scenarios: each scenario replayed with
 * the patch, against the unpatched replay over one common horizon (the what-if measures: prevented,
 * tier-weighted service-minutes lost, incident tools usable throughout).
 */
import { replay } from './simulate.js';
import { outcome } from './whatif.js';
import { patchModel } from '../model/check.js';
import type { JsonValue, Model } from '../model/types.js';

/** A remediation to replay (the audit's `Remediation` is one): a merge patch of the graph. */
export interface Remedy {
  readonly id: string;
  readonly title: string;
  readonly patch: JsonValue;
}

export interface ReplayCheck {
  readonly scenario: string;
  readonly prevented: boolean;
  readonly serviceMinutesLostBefore: number;
  readonly serviceMinutesLostAfter: number;
  readonly toolingUsableBefore: boolean;
  readonly toolingUsableAfter: boolean;
}

/** Per remediation (same order), one check per scenario the patched graph can replay. */
export function replayChecks(model: Model, rs: readonly Remedy[]): ReplayCheck[][] {
  const bases = model.scenarios.map((s) => ({ id: s.id, run: replay(model, s.id) }));
  return rs.map((r) => {
    const patched = patchModel(model, r.patch, model.services[0]?.loc ?? { file: model.file, line: 1, column: 1 }).value;
    if (!patched) return [];
    return bases.flatMap((b) => {
      let run;
      try { run = replay(patched, b.id); } catch { return []; }
      const horizon = Math.max(b.run.endMin, run.endMin);
      const before = outcome('baseline', '', b.run, horizon);
      const after = outcome(r.id, r.title, run, horizon);
      return [{
        scenario: b.id, prevented: after.prevented,
        serviceMinutesLostBefore: Math.round(before.serviceMinutesLost), serviceMinutesLostAfter: Math.round(after.serviceMinutesLost),
        toolingUsableBefore: before.toolingUsable, toolingUsableAfter: after.toolingUsable,
      }];
    });
  });
}
