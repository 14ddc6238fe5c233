/**
 * Turns the engine's and the audit's results into the report's data (types.ts). Nothing here
 * re-analyses the graph: it selects, orders, links (observation ↔ transition) and formats times.
 */
import type { ChainHead } from '../engine/query.js';
import { cmp } from '../model/order.js';
import { formatClock, formatIso } from '../model/time.js';
import { isTooling, worse, type Model, type ScenarioStart, type State } from '../model/types.js';
import { eventRows } from './events.js';
import { observationRows } from './observations.js';
import {
  FORMAT_VERSION, type EdgeView, type MilestoneView, type ObservationRow, type ReportData, type ReportInputs, type ScenarioRun, type ServiceView,
  type Summary, type TimelineRow, type WhatIfRow,
} from './types.js';

export function buildReportData(inputs: ReportInputs): ReportData {
  const { model, audit, run } = inputs;
  const start = run?.replay.scenario.start;
  const clock = (atMin: number) => (start ? formatClock(atMin, start) : String(atMin));
  const observations = run && start ? observationRows(run.fidelity, start) : [];
  const timeline = run && start ? timelineRows(run, start, observations) : [];
  const services = serviceViews(model, run, timeline);
  const firstDown = new Map<string, number>();
  timeline.forEach((t, i) => { if (t.state === 'down' && !firstDown.has(t.service)) firstDown.set(t.service, i); });
  const baseAllOk = run?.baseline?.allOkMin;
  return {
    formatVersion: FORMAT_VERSION,
    graph: { name: model.name, title: model.title, file: inputs.file, sources: [...model.sources] },
    scenario: run && start ? {
      id: run.replay.scenario.id, title: run.replay.scenario.title, start: formatIso(0, start),
      endMin: run.replay.endMin, endClock: clock(run.replay.endMin),
    } : null,
    summary: summary(inputs, timeline, services, clock),
    services,
    edges: edges(model, inputs),
    priorities: inputs.priorities ?? [],
    findings: audit ? [...audit.findings] : [],
    spof: audit ? audit.spof.filter((x) => x.services.length > 0) : [],
    timeline,
    events: run ? eventRows(run.replay.scenario, run.replay) : [],
    observations,
    milestones: run ? milestoneViews(run, observations, clock) : [],
    fidelity: run && run.fidelity.total > 0 ? {
      matched: run.fidelity.matched, total: run.fidelity.total, inputs: run.fidelity.inputs,
      maxErrorMinutes: run.fidelity.maxErrorMinutes, meanErrorMinutes: run.fidelity.meanErrorMinutes,
      orderAgrees: run.fidelity.orderAgrees, unmatched: run.fidelity.unmatched.length,
    } : null,
    causeChains: [...firstDown].sort(([, a], [, b]) => a - b).map(([service, transition]) => ({ service, transition })),
    deadlocks: run ? run.replay.deadlocks.map((d, i) => ({ number: i + 1, clock: clock(d.atMin), cycle: [...d.cycle] })) : [],
    blastRadius: audit ? [...audit.blastRadius] : [],
    cycles: audit ? [...audit.cycles] : [],
    toolingCycles: audit ? [...audit.toolingCycles] : [],
    baseline: run?.baseline ? {
      serviceMinutesLost: run.baseline.serviceMinutesLost,
      detectedClock: run.replay.detectedAt === undefined ? null : clock(run.replay.detectedAt),
      toldClock: run.replay.communicatedAt === undefined ? null : clock(run.replay.communicatedAt),
      allOkMin: baseAllOk ?? null, allOkClock: baseAllOk === undefined ? null : clock(baseAllOk),
    } : null,
    whatIfs: run ? whatIfRows(run, clock) : [],
  };
}

/** A row's chain: its first links; a longer chain adds its length and root (read on along `parent`). */
function chainFields(head: ChainHead, parent: number | undefined): Pick<TimelineRow, 'chain' | 'parent' | 'chainLength' | 'root'> {
  return {
    chain: [...head.links],
    ...(parent !== undefined ? { parent } : {}),
    ...(head.length > head.links.length ? { chainLength: head.length, root: head.root } : {}),
  };
}

/** The replay's detection and first status-page post, each beside its observation when there is one. */
function milestoneViews(run: ScenarioRun, observations: readonly ObservationRow[], clock: (atMin: number) => string): MilestoneView[] {
  const at = { detected: run.replay.detectedAt, communicated: run.replay.communicatedAt };
  return (['detected', 'communicated'] as const).map((m) => {
    const o = observations.find((x) => x.milestone === m);
    const p = at[m];
    return {
      milestone: m, predictedMin: p ?? null, predictedClock: p === undefined ? null : clock(p),
      ...(o ? { observedClock: o.clock, ...(o.errorMin !== undefined ? { errorMin: o.errorMin } : {}) } : {}),
    };
  });
}

function timelineRows(run: ScenarioRun, start: ScenarioStart, observations: ReturnType<typeof observationRows>): TimelineRow[] {
  const matchedAt = new Map<string, number>();
  observations.forEach((o, i) => {
    if (o.predictedMin !== undefined) matchedAt.set(`${o.service}\u0000${o.state}\u0000${o.predictedMin}`, i);
  });
  return run.replay.timeline.map((t, i) => {
    const key = `${t.service}\u0000${t.state}\u0000${t.atMin}`;
    const observation = matchedAt.get(key);
    if (observation !== undefined) matchedAt.delete(key);
    const c = t.cause;
    return {
      atMin: t.atMin, at: formatIso(t.atMin, start), clock: formatClock(t.atMin, start),
      service: t.service, from: t.from, state: t.state,
      cause: { kind: c.kind, text: c.text, ...(c.via !== undefined ? { via: c.via } : {}) },
      ...chainFields(run.chains[i] ?? { links: [i], length: 1, root: i }, c.parent),
      ...(observation !== undefined ? { observation } : {}),
    };
  });
}

function serviceViews(model: Model, run: ScenarioRun | undefined, timeline: readonly TimelineRow[]): ServiceView[] {
  const own = new Map<string, number[]>();
  timeline.forEach((t, i) => own.set(t.service, [...(own.get(t.service) ?? []), i]));
  return model.services.map((s) => {
    const mine = own.get(s.id) ?? [];
    const worst = mine.reduce<State>((w, i) => worse(w, timeline[i]!.state), 'ok');
    return {
      id: s.id, title: s.title, role: s.role, tier: s.tier,
      ...(s.team !== undefined ? { team: s.team } : {}),
      ...systemOf(model, s.id),
      ...(s.description !== undefined ? { description: s.description } : {}),
      entrypoint: s.entrypoint, tooling: isTooling(s),
      ...(s.fleet ? { fleetNodes: s.fleet.nodes } : {}),
      worst, final: run?.replay.final[s.id] ?? 'ok', transitions: mine,
    };
  });
}

/** `x-system: NAME` on a service (a documented extension key): the system it belongs to, for grouping. */
function systemOf(model: Model, id: string): { system?: string } {
  const raw = (model.doc.services as Record<string, unknown> | undefined)?.[id];
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)['x-system'] : undefined;
  return typeof value === 'string' && value !== '' ? { system: value } : {};
}

function edges(model: Model, inputs: ReportInputs): EdgeView[] {
  const onToolPath = new Set<string>();
  for (const c of inputs.audit?.toolingCycles ?? []) {
    for (let i = 0; i + 1 < c.path.length; i++) onToolPath.add(`${c.path[i]}\u0000${c.path[i + 1]}`);
  }
  const out: EdgeView[] = [];
  for (const s of model.services) {
    for (const d of s.dependsOn) {
      for (const to of d.targets) {
        out.push({
          from: s.id, to, type: d.type,
          ...(d.anyOf ? { anyOf: d.targets.length } : {}),
          ...(d.for !== undefined ? { for: d.for } : {}),
          toolingCycle: onToolPath.has(`${s.id}\u0000${to}`),
        });
      }
    }
  }
  return out.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.type, b.type));
}

function summary(inputs: ReportInputs, timeline: readonly TimelineRow[], services: readonly ServiceView[], clock: (m: number) => string): Summary {
  const first = timeline.findIndex((t) => t.state !== 'ok');
  const firstRow = timeline[first];
  const rootRow = firstRow ? timeline[firstRow.chain[firstRow.chain.length - 1] ?? first] : undefined;
  const allOk = services.every((s) => s.final === 'ok');
  const lastAt = timeline.length > 0 ? timeline[timeline.length - 1]!.atMin : undefined;
  const count = (sev: string) => (inputs.audit?.findings ?? []).filter((f) => f.severity === sev).length;
  const byId = (ids: string[]) => ids.sort();
  return {
    ...(rootRow ? { rootCause: { service: rootRow.service, clock: rootRow.clock, text: rootRow.cause.text } } : {}),
    ...(firstRow ? { firstImpact: { service: firstRow.service, state: firstRow.state, clock: firstRow.clock, atMin: firstRow.atMin } } : {}),
    timeToAllOkMin: firstRow && allOk && lastAt !== undefined ? lastAt - firstRow.atMin : null,
    allOkClock: firstRow && allOk && lastAt !== undefined ? clock(lastAt) : null,
    servicesHit: byId(services.filter((s) => s.worst !== 'ok').map((s) => s.id)),
    servicesDown: byId(services.filter((s) => s.worst === 'down').map((s) => s.id)),
    findings: { error: count('error'), warn: count('warn'), info: count('info') },
  };
}

function whatIfRows(run: ScenarioRun, clock: (m: number) => string): WhatIfRow[] {
  return [...run.whatIfs]
    .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1))
    .map((w) => ({
      rank: w.rank, id: w.id, title: w.title, prevented: w.prevented, affected: [...w.affected].sort(),
      allOkMin: w.allOkMin ?? null, allOkClock: w.allOkMin === undefined ? null : clock(w.allOkMin),
      serviceMinutesLost: w.serviceMinutesLost, toolingUsable: w.toolingUsable,
      detectedClock: w.detectedAt === undefined ? null : clock(w.detectedAt),
      toldClock: w.communicatedAt === undefined ? null : clock(w.communicatedAt),
    }));
}

