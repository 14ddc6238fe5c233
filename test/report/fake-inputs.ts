/**
 * Hand-written engine and audit results for the small-shop fixture, so the renderers can be tested
 * on exact, known data (escaping, linking, ordering) independently of the engine's tuning.
 */
import { resolve } from 'node:path';
import type { Audit } from '../../src/analysis/types.js';
import type { Replay, Transition } from '../../src/engine/types.js';
import { loadFile } from '../../src/model/load.js';
import type { Model, State } from '../../src/model/types.js';
import { chainHead } from '../../src/engine/index.js';
import type { ReportInputs } from '../../src/report/types.js';

export const FIXTURE = 'test/report/fixtures/small-shop.yaml';

export function fixtureModel(file = FIXTURE): Model {
  const r = loadFile(resolve(file));
  if (!r.value) throw new Error(`fixture ${file} invalid: ${JSON.stringify(r.errors)}`);
  return { ...r.value, file };
}

function t(atMin: number, service: string, from: State, state: State, kind: Transition['cause']['kind'], text: string, parent?: number, via?: string): Transition {
  return { atMin, service, from, state, cause: { kind, text, ...(via ? { via } : {}), ...(parent !== undefined ? { parent } : {}) } };
}

export function fakeInputs(model = fixtureModel()): ReportInputs {
  const scenario = model.scenarios[0]!;
  const timeline: Transition[] = [
    t(15, 'api', 'ok', 'down', 'limit', 'threads 1,039 > limit 1,024 on every node (140 nodes, 139 peers)'),
    t(15, 'web', 'ok', 'down', 'edge', 'hard dependency api is down', 0, 'api'),
    t(45, 'metrics', 'ok', 'down', 'edge', 'buffer to api full after 30m', 0, 'api'),
    t(45, 'pager', 'ok', 'down', 'edge', 'hard dependency metrics is down', 2, 'metrics'),
    t(120, 'api', 'down', 'degraded', 'restart', '50 of 100 nodes restarted', 0),
    t(120, 'web', 'down', 'degraded', 'edge', 'hard dependency api is degraded', 4, 'api'),
    t(180, 'api', 'degraded', 'ok', 'restart', 'all nodes healthy'),
    t(180, 'metrics', 'down', 'ok', 'recovered', 'api ok'),
    t(180, 'pager', 'down', 'ok', 'recovered', 'metrics ok'),
    t(180, 'web', 'degraded', 'ok', 'recovered', 'api ok'),
  ];
  const final = Object.fromEntries(model.services.map((s): [string, State] => [s.id, 'ok']));
  const replay: Replay = { model, scenario, timeline, final, deadlocks: [], endMin: 180, asyncLoss: [], serviceIds: model.services.map((s) => s.id).sort(), fleets: {} };
  const loc = scenario.observed[0]!.loc;
  const observations = [
    { service: 'api', state: 'down' as State, observedMin: 20, predictedMin: 15, errorMin: -5, input: false, note: 'errors | 500s <everywhere>', loc },
    { service: 'metrics', state: 'down' as State, observedMin: 50, predictedMin: 45, errorMin: -5, input: false, loc },
    { service: 'api', state: 'ok' as State, observedMin: 180, input: false, loc },
  ];
  const audit: Audit = {
    file: model.file,
    findings: [
      { rule: 'tooling-cycle', severity: 'error', message: 'pager needs metrics → api: it fails in the incidents it is needed for', services: ['pager', 'api'], path: ['pager', 'metrics', 'api'], location: loc },
      { rule: 'scaling-headroom', severity: 'warn', message: 'api: threads fit 125 nodes | 25% headroom', services: ['api'], location: loc },
    ],
    blastRadius: [
      { service: 'api', downCount: 3, degradedCount: 0, down: ['metrics', 'pager', 'web'], degraded: [], score: 12, entrypointsHit: 1, timeToImpactMin: 0 },
      { service: 'db', downCount: 4, degradedCount: 0, score: 11, entrypointsHit: 1, timeToImpactMin: 0 },
      { service: 'cache-a', downCount: 0, degradedCount: 0, score: 0, entrypointsHit: 0 },
    ],
    cycles: [],
    toolingCycles: [{ tool: 'pager', root: 'api', path: ['pager', 'metrics', 'api'], bufferDelayMin: 30 }],
    spof: [], scaling: [], restart: [],
  };
  return {
    model, file: model.file, audit,
    run: {
      replay,
      fidelity: { matched: 2, total: 3, inputs: 0, maxErrorMinutes: 5, meanErrorMinutes: 5, orderAgrees: true, unmatched: [observations[2]!], observations },
      chains: timeline.map((_, i) => chainHead(replay, i)),
      baseline: { serviceMinutesLost: 1234.5, allOkMin: 180 },
      whatIfs: [
        { id: 'pager-independent', title: 'Pager without metrics', prevented: false, affected: ['api', 'metrics', 'web'], allOkMin: 180, serviceMinutesLost: 1000, toolingUsable: true, toolingDown: ['metrics'], rank: 2 },
        { id: 'raise-limit', title: 'Raise the thread limit', prevented: true, affected: [], serviceMinutesLost: 0, toolingUsable: true, toolingDown: [], rank: 1 },
      ],
    },
  };
}
