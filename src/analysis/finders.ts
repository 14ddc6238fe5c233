/**
 * One finder per rule, in a map beside RULES (as dependency-cruiser has one matcher per rule kind):
 * each reads the analyses' tables and returns its findings, unlocated by severity. The map is typed
 * over every RuleId, so a new rule without a finder does not compile. findings.ts applies the
 * severities, fingerprints and ignores.
 */
import type { Location, Model, Service } from '../model/types.js';
import { num } from '../model/numbers.js';
import { formatClock, formatDuration } from '../model/time.js';
import { pushAll } from '../model/arrays.js';
import type { MeshHazards } from './mesh.js';
import { retryStorms } from './retry-storm.js';
import type { RuleId, Rules } from './rules.js';
import type { BlastRadius, Finding, RestartHazard, RuntimeCycle, ScalingHazard, SinglePointsOfFailure, ToolImpact, ToolingCycle } from './types.js';

export interface Tables {
  readonly blastRadius: readonly BlastRadius[];
  readonly cycles: readonly RuntimeCycle[];
  readonly deadlocks: readonly RuntimeCycle[];
  readonly toolingCycles: readonly ToolingCycle[];
  readonly spof: readonly SinglePointsOfFailure[];
  readonly scaling: readonly ScalingHazard[];
  readonly restart: readonly RestartHazard[];
  readonly mesh?: MeshHazards;
  readonly toolImpact?: readonly ToolImpact[];
}

export interface Found {
  readonly finding: Omit<Finding, 'rule' | 'severity' | 'fingerprint'>;
  /** What the fingerprint is made of (with the rule and the graph name). */
  readonly key: string;
  /** One severity level lower than the rule's (a tool only degraded). */
  readonly lower?: boolean;
}

export interface FinderInput {
  readonly model: Model;
  readonly t: Tables;
  readonly rules: Rules;
}

type Finder = (x: FinderInput) => Found[];

const LIST = 8;
const arrow = (path: readonly string[]) => path.join(' → ');
const names = (ids: readonly string[]) => ids.slice(0, LIST).join(', ') + (ids.length > LIST ? ` (+${ids.length - LIST} more)` : '');
const svc = (model: Model, id: string): Service => model.byId.get(id)!;

export const FINDERS: { readonly [R in RuleId]: Finder } = {
  'runtime-cycle': ({ model, t }) => t.cycles.map((c) => ({
    finding: {
      message: `dependency loop ${arrow(c.path)}${c.members.length > c.path.length - 1 ? ` (one of ${c.members.length} services that need each other)` : ''}`
        + `${c.deadlocks ? '; it contains a recovery deadlock' : ''}`,
      services: c.members, path: c.path, location: edgeLoc(svc(model, c.path[0]!), c.path[1]!, (type) => type !== 'soft' && type !== 'async'),
    },
    key: c.members.join(','),
  })),
  'recovery-deadlock': ({ model, t }) => t.deadlocks.map((c) => ({
    finding: {
      message: `recovery deadlock: ${arrow(c.path)} are hard dependencies of each other — once all are down none can start until the loop is broken by hand`,
      services: c.members, path: c.path, location: edgeLoc(svc(model, c.path[0]!), c.path[1]!, (type) => type === 'hard'),
    },
    key: c.members.join(','),
  })),
  'tooling-cycle': toolingCycles,
  'blast-radius': blastRadius,
  'single-point-of-failure': ({ model, t }) => t.spof.filter((s) => s.count > 0).map((s) => {
    const more = s.count - Math.min(s.services.length, LIST);
    return {
      finding: {
        message: `entrypoint "${s.entrypoint}" goes down if any one of ${s.count} service(s) fails: ${s.services.slice(0, LIST).join(', ')}${more > 0 ? ` (+${more} more)` : ''}`,
        services: [s.entrypoint, ...s.services], location: svc(model, s.entrypoint).loc,
      },
      key: s.entrypoint,
    };
  }),
  'fleet-over-limit': fleetOverLimit,
  'scaling-headroom': scalingHeadroom,
  'scale-crosses-limit': scaleCrossesLimit,
  'restart-time': ({ model, t, rules }) => t.restart.filter((r) => !(r.fullRestartHours <= rules.thresholds.maxRestartHours)).map((r) => ({
    finding: {
      message: `restarting all ${num(r.nodes)} nodes of "${r.service}" at ${num(r.perHour)}/h takes ${r.fullRestartHours} h (> ${rules.thresholds.maxRestartHours} h): a fleet-wide failure means a long outage`,
      services: [r.service], location: r.loc ?? svc(model, r.service).loc,
    },
    key: r.service,
  })),
  'request-path-mesh': requestPathMesh,
  'unchecked-state-spread': ({ model, t }) => (t.mesh?.unchecked ?? []).map((h) => ({
    finding: {
      message: `state messages in the mesh of "${h.service}" carry no checksum and a bad state spreads at ${h.spreadPerMinute}/min:`
        + (h.minutesToDown !== undefined ? ` one corrupted node takes it below serving ${Math.round(h.serving * 100)}% in ${h.minutesToDown} min (${num(h.nodes)} nodes)` : ' it spreads to every node')
        + ' — checksums would reject it',
      services: [h.service], location: h.loc ?? svc(model, h.service).loc,
    },
    key: h.service,
  })),
  'restart-scales-with-fleet': restartScalesWithFleet,
  'retry-storm': ({ model }) => retryStorms(model).map((h) => ({
    finding: {
      message: `"${h.service}" is retried without back-off by ${names(h.callers)}: at peak demand it carries ${num(Math.round(h.baseLoad))} against a capacity of ${num(Math.round(h.capacity))}, and retries add up to ${num(Math.round(h.retryLoad))} more while it fails`
        + ` — once overloaded it stays so at full capacity (load ${num(Math.round(h.stuckLoad))}, ${Math.round(h.stuckShare * 100)}% served: a metastable failure) until load is shed; give the callers back-off`,
      services: [h.service, ...h.callers], location: h.loc,
    },
    key: h.service,
  })),
};

function toolingCycles({ model, t }: FinderInput): Found[] {
  return t.toolingCycles.map((c) => {
    const tool = svc(model, c.tool);
    const kind = tool.role === 'service' ? 'incident tool' : `${tool.role} tool`;
    const buffer = c.bufferDelayMin > 0 ? ` after ${formatDuration(c.bufferDelayMin)} of buffering` : '';
    const plain = c.path.length === 2 && (tool.supports === '*' || tool.supports?.includes(c.root));
    return {
      finding: {
        message: `${kind} "${c.tool}" ${c.toolState === 'degraded' ? 'is degraded' : 'goes down'}${buffer} when "${c.root}" fails: ${arrow(c.path)}`
          + ` — ${plain ? 'it cannot be used in that service\'s own incident' : 'it fails in the very incident it is needed for'}`
          + `${(c.rootsTotal ?? 1) > 1 ? ` (${c.rootsTotal} roots share fate with this tool)` : ''}`,
        services: [c.tool, c.root], path: c.path, location: edgeLoc(tool, c.path[1] ?? c.root, (type) => type !== 'async'),
      },
      key: `${c.tool}>${c.root}`,
      lower: c.toolState === 'degraded',
    };
  });
}

function blastRadius({ model, t, rules }: FinderInput): Found[] {
  const n = model.services.length;
  const max = rules.thresholds.maxBlastShare;
  const critical = criticalImpact(t);
  const out: Found[] = [];
  for (const b of t.blastRadius) {
    const share = n > 1 ? (b.downCount + b.degradedCount) / (n - 1) : 0;
    const hits = critical.get(b.service);
    if (share <= max && !hits) continue;
    const what = [hits?.entrypoints.length ? `entrypoint(s) ${names(hits.entrypoints)}` : '', hits?.tools.length ? `incident tool(s) ${names(hits.tools)}` : '']
      .filter(Boolean).join(' and ');
    out.push({
      finding: {
        message: `failure of "${b.service}" takes down ${num(b.downCount)} and degrades ${num(b.degradedCount)} of the ${num(n - 1)} other services`
          + (share > max ? ` (${Math.round(share * 100)}% > ${Math.round(max * 100)}%)` : ` (${Math.round(share * 100)}%)`)
          + `, ${b.entrypointsHit} entrypoint(s), score ${b.score}${what ? `; it takes down ${what}` : ''}`,
        services: [b.service], location: svc(model, b.service).loc,
      },
      key: b.service,
    });
  }
  return out;
}

/** Per service: the other entrypoints it takes down (it is their SPOF) and the tools it takes down in their incidents. */
function criticalImpact(t: Tables): Map<string, { entrypoints: string[]; tools: string[] }> {
  const out = new Map<string, { entrypoints: string[]; tools: string[] }>();
  const at = (id: string) => { let e = out.get(id); if (!e) out.set(id, e = { entrypoints: [], tools: [] }); return e; };
  for (const s of t.spof) for (const id of s.services) if (id !== s.entrypoint) at(id).entrypoints.push(s.entrypoint);
  for (const x of t.toolImpact ?? []) if (x.down.length > 0) pushAll(at(x.root).tools, x.down);
  return out;
}

const overLimit = (h: ScalingHazard): boolean => h.maxNodes !== undefined && h.headroomNodes !== undefined && h.headroomNodes < 0;
const limitRule = (h: ScalingHazard): string => `${h.base} + ${h.perPeer} per peer ≤ ${num(h.limit ?? 0)}`;

function fleetOverLimit({ model, t }: FinderInput): Found[] {
  return t.scaling.filter(overLimit).map((h) => ({
    finding: {
      message: h.maxNodes === 0
        ? `"${h.service}" is over its ${h.resource} limit at any size: every node is at ${num(h.usage ?? 0)} > ${num(h.limit ?? 0)} (${limitRule(h)}), so the fleet is down from the start`
        : `"${h.service}" has ${num(h.nodes)} nodes, over the largest fleet of ${num(h.maxNodes!)} that keeps ${h.resource} within its limit (${limitRule(h)}): every node is at ${num(h.usage ?? 0)}`,
      services: [h.service], location: h.loc ?? svc(model, h.service).loc,
    },
    key: `${h.service}/${h.resource}`,
  }));
}

/** A fleet already over its limit is fleet-over-limit's, never also this rule's. */
function scalingHeadroom({ model, t, rules }: FinderInput): Found[] {
  const min = rules.thresholds.minHeadroomPercent;
  return t.scaling.filter((h) => !overLimit(h) && h.headroomPercent !== undefined && h.headroomPercent < min).map((h) => ({
    finding: {
      message: `"${h.service}" ${h.resource} headroom is ${num(h.headroomNodes!)} nodes (${h.headroomPercent}% < ${min}%):`
        + ` ${limitRule(h)} allows at most ${num(h.maxNodes!)} nodes, the fleet has ${num(h.nodes)}`,
      services: [h.service], location: h.loc ?? svc(model, h.service).loc,
    },
    key: `${h.service}/${h.resource}`,
  }));
}

function scaleCrossesLimit({ model, t }: FinderInput): Found[] {
  return t.scaling.flatMap((h) => {
    if (!h.crossedBy) return [];
    const sc = model.scenarios.find((s) => s.id === h.crossedBy!.scenario)!;
    return [{
      finding: {
        message: `scenario "${sc.id}" at ${formatClock(h.crossedBy.atMin, sc.start)} scales "${h.service}" from ${num(h.crossedBy.fromNodes ?? h.nodes)} to ${num(h.crossedBy.toNodes)} nodes,`
          + ` past the largest fleet of ${num(h.maxNodes!)} that keeps ${h.resource} within ${num(h.limit ?? 0)} per node`
          + ` (peers connect gradually, so nodes fail some time after the addition)`,
        services: [h.service], location: h.crossedBy.loc ?? h.loc ?? svc(model, h.service).loc,
      },
      key: `${h.service}/${h.resource}/${sc.id}`,
    }];
  });
}

function requestPathMesh({ model, t }: FinderInput): Found[] {
  return (t.mesh?.requestPath ?? []).map((h) => {
    const others = h.entrypoints.filter((e) => e !== h.service);
    const self = others.length < h.entrypoints.length;
    return {
      finding: {
        message: `${self ? `requests to "${h.service}" are handled on` : `"${h.service}" is`} a full mesh of ${num(h.nodes)} nodes without cells`
          + `${others.length > 0 ? `, ${others.length} entrypoint(s) wait on it over hard edges (${arrow(h.path)}): ${names(others)}` : ''}`
          + ' — one fault that spreads through the mesh reaches every node, and every one of them',
        services: [h.service, ...h.entrypoints], path: h.path, location: h.loc ?? svc(model, h.service).loc,
      },
      key: h.service,
    };
  });
}

/** restart-time already reports the long ones; this rule is about the exposure and the growth. */
function restartScalesWithFleet({ model, t, rules }: FinderInput): Found[] {
  const th = rules.thresholds;
  const longRestart = new Set(t.restart.filter((r) => rules.severity['restart-time'] !== 'off' && r.fullRestartHours > th.maxRestartHours).map((r) => r.service));
  return (t.mesh?.rebuild ?? []).filter((h) => !(h.hours <= th.minRebuildHours) && !longRestart.has(h.service)).map((h) => ({
    finding: {
      message: `"${h.service}" can fail whole (${h.via ? `it waits on full-mesh "${h.via}"` : 'its nodes form one full mesh'}) and is restored one node at a time:`
        + ` ${num(h.nodes)} nodes at ${num(h.perHour)}/h take ${h.hours} h (> ${th.minRebuildHours} h), 1 h more for every ${num(h.perHour)} nodes it grows`,
      services: h.via ? [h.service, h.via] : [h.service], location: h.loc ?? svc(model, h.service).loc,
    },
    key: h.service,
  }));
}

/** The dependency entry of `from` that names `to` (first one accepted), else the service itself. */
function edgeLoc(from: Service, to: string, accept: (type: string, anyOf: boolean) => boolean): Location {
  const d = from.dependsOn.find((x) => x.targets.includes(to) && accept(x.type, x.anyOf))
    ?? from.dependsOn.find((x) => x.targets.includes(to));
  return d?.loc ?? from.loc;
}
