/**
 * Hand-written replay data for component tests: the UI is tested against known states and causes,
 * independent of how the engine computes them.
 */
import { fileURLToPath } from 'node:url';
import { audit, priorities } from '../../src/analysis/index.js';
import { neighbourhood } from '../../src/analysis/neighbourhood.js';
import type { Transition, WhatIfOutcome } from '../../src/engine/types.js';
import { loadFile } from '../../src/model/load.js';
import type { Model, State } from '../../src/model/types.js';
import type { ExploreData, Link, ReplayView } from '../../src/tui/data.js';

export const FIXTURE = fileURLToPath(new URL('./fixtures/shop.yaml', import.meta.url));

export function shopModel(): Model {
  const { value: model, errors } = loadFile(FIXTURE);
  if (!model) throw new Error(errors.map((e) => e.message).join('\n'));
  return model;
}

const t = (atMin: number, service: string, from: State, state: State, text: string, parent?: number): Transition =>
  ({ atMin, service, from, state, cause: { kind: parent === undefined ? 'event' : 'edge', text, ...(parent === undefined ? {} : { parent }) } });

/** db dies at 09:10 taking api and web down; cache-a degrades at 09:20; all back at 10:00. */
const BASELINE: Transition[] = [
  t(10, 'db', 'ok', 'down', 'scenario: fail db'),
  t(10, 'api', 'ok', 'down', 'hard dependency db is down', 0),
  t(10, 'web', 'ok', 'down', 'hard dependency api is down', 1),
  t(20, 'cache-a', 'ok', 'degraded', 'scenario: fail cache-a'),
  t(60, 'db', 'down', 'ok', 'scenario: recover db'),
  t(60, 'api', 'down', 'ok', 'db is ok again', 4),
  t(60, 'web', 'down', 'ok', 'api is ok again', 5),
];
/** Under the what-if only db fails. */
const PATCHED: Transition[] = [t(10, 'db', 'ok', 'down', 'scenario: fail db'), t(60, 'db', 'down', 'ok', 'scenario: recover db')];

function fakeView(model: Model, timeline: Transition[]): ReplayView {
  const scenario = model.scenarios[0]!;
  const ids = model.services.map((s) => s.id).sort();
  const final = Object.fromEntries(ids.map((id): [string, State] => [id, 'ok']));
  return {
    model,
    replay: { model, scenario, timeline, final, deadlocks: [], endMin: 60, asyncLoss: [], serviceIds: ids, fleets: {} },
    audit: audit(model),
    priorities: priorities(audit(model), model),
    fidelity: {
      matched: 1, total: 1, inputs: 0, maxErrorMinutes: 2, meanErrorMinutes: 2, orderAgrees: true, unmatched: [],
      observations: [{ service: 'web', state: 'down', observedMin: 12, predictedMin: 10, errorMin: -2, input: false, note: 'pages fail', loc: { file: FIXTURE, line: 1, column: 1 } }],
    },
    eventTimes: [0, 10, 20, 60],
    endMin: 60,
    statesAt(atMin) {
      const m = new Map<string, State>(model.services.map((s) => [s.id, 'ok']));
      for (const x of timeline) if (x.atMin <= atMin) m.set(x.service, x.state);
      return m;
    },
    explain(service, atMin) {
      const chain: Link[] = [];
      let i = timeline.findLastIndex((x) => x.service === service && x.atMin <= atMin);
      if (i < 0 || timeline[i]!.state === 'ok') return [];
      while (i >= 0) {
        const x = timeline[i]!;
        chain.push({ atMin: x.atMin, service: x.service, state: x.state, kind: x.cause.kind, text: x.cause.text });
        i = x.cause.parent ?? -1;
      }
      return chain;
    },
    capacityAt: () => undefined,
    fleetAt: () => undefined,
    has: () => true,
    computeNext: () => undefined,
    changesOf: (service) => [...new Set(timeline.filter((x) => x.service === service).map((x) => x.atMin))],
  };
}

const OUTCOME: WhatIfOutcome = {
  id: 'no-auth-on-pager', title: 'Pager without auth', prevented: false, affected: ['db'], allOkMin: 60,
  serviceMinutesLost: 400, toolingUsable: true, toolingDown: [], rank: 1,
};

export function fakeData(): ExploreData {
  const model = shopModel();
  const base = fakeView(model, BASELINE);
  const patched = fakeView(model, PATCHED);
  return {
    model,
    scenario: model.scenarios[0]!,
    whatIfs: [OUTCOME],
    dependents: new Map(model.services.map((s) => [s.id, model.services.filter((u) => u.dependsOn.some((d) => d.targets.includes(s.id)))])),
    view: (whatIf) => (whatIf ? patched : base),
    near: (id, depth) => neighbourhood(model, id, depth),
  };
}
