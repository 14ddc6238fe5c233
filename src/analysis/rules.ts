/**
 * The audit's rules: every rule id with its meaning and default severity, the thresholds, and
 * ignores. A rules file (rules-load.ts) overrides any of them; `defaultRules` is what runs without one.
 */
import type { Severity } from './types.js';

export const RULES = {
  'runtime-cycle': {
    severity: 'warn',
    description: 'Services that need each other to run (a loop of hard or buffered dependencies; anyOf alternatives count).',
  },
  'recovery-deadlock': {
    severity: 'error',
    description: 'A loop of hard dependencies: once all are down, none can start before the others — recovery needs a manual break.',
  },
  'tooling-cycle': {
    severity: 'error',
    description: 'An incident tool (monitoring, alerting, status page, deploy, chat, access, or `supports`) fails in the very incident it is needed for. One level lower when the tool is only degraded.',
  },
  'blast-radius': {
    severity: 'warn',
    description: 'A single service whose failure hits more than `maxShare` of the other services, or takes down an entrypoint or an incident tool (in an incident the tool is needed for).',
  },
  'single-point-of-failure': {
    severity: 'warn',
    description: 'Services whose single failure takes an entrypoint down (anyOf redundancy respected).',
  },
  'fleet-over-limit': {
    severity: 'error',
    description: 'A fleet already larger than the largest size its per-peer resource limit allows.',
  },
  'scaling-headroom': {
    severity: 'warn',
    description: 'A fleet within `minPercent` of the size at which per-peer usage passes a per-node limit.',
  },
  'scale-crosses-limit': {
    severity: 'error',
    description: 'A scenario scale event takes a fleet past the largest size its per-node limit allows.',
  },
  'restart-time': {
    severity: 'warn',
    description: 'Restarting the whole fleet at its safe rate takes longer than `maxHours`.',
  },
  'request-path-mesh': {
    severity: 'warn',
    description: 'Entrypoints wait (hard edges) on a fleet whose nodes all talk to each other (full mesh, no cells): one fault in the mesh reaches every node, and them.',
  },
  'unchecked-state-spread': {
    severity: 'error',
    description: 'A mesh spreads a bad state from node to node (`spreadPerMinute`) and its state messages carry no checksum: one corrupted message takes the whole fleet down.',
  },
  'retry-storm': {
    severity: 'warn',
    description: 'Callers retry a capacity fleet without backing off, so much that once overloaded it stays overloaded at full capacity (a metastable failure) until load is shed: L0 > K, or (L0 + R)/2 > K and (L0 + R)² ≥ 4RK at peak demand.',
  },
  'restart-scales-with-fleet': {
    severity: 'warn',
    description: 'A fleet a full mesh can take down whole (its own, or one it waits on) is restored one node at a time: recovery takes nodes / perHour, longer than `minHours`, and grows with the fleet.',
  },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES).sort() as RuleId[];

export interface Thresholds {
  /** blast-radius: share (0–1) of the other services a single failure may hit. */
  readonly maxBlastShare: number;
  /** scaling-headroom: minimum headroom in per cent of the current fleet. */
  readonly minHeadroomPercent: number;
  /** restart-time: maximum hours for a full-fleet restart. */
  readonly maxRestartHours: number;
  /** tooling-cycle: roots listed per tool (the nearest ones). */
  readonly maxRootsPerTool: number;
  /** restart-scales-with-fleet: hours of one-at-a-time restore from which it is reported. */
  readonly minRebuildHours: number;
}

export interface Ignore {
  /** Rule id; `*` wildcards allowed. */
  readonly rule?: string;
  /** Matches when any service of the finding matches this id glob. */
  readonly service?: string;
  /** Matches when the finding's path contains these id globs consecutively. */
  readonly path?: readonly string[];
  /** Graph file glob. */
  readonly file?: string;
  readonly reason?: string;
}

export interface Rules {
  readonly severity: Readonly<Record<RuleId, Severity | 'off'>>;
  readonly thresholds: Thresholds;
  readonly ignore: readonly Ignore[];
}

export const defaultRules: Rules = {
  severity: Object.fromEntries(RULE_IDS.map((id) => [id, RULES[id].severity])) as Record<RuleId, Severity>,
  thresholds: { maxBlastShare: 0.5, minHeadroomPercent: 25, maxRestartHours: 4, maxRootsPerTool: 10, minRebuildHours: 1 },
  ignore: [],
};

/** Option names in the rules file → threshold, per rule. */
export const RULE_OPTIONS: Partial<Record<RuleId, Record<string, keyof Thresholds>>> = {
  'blast-radius': { maxShare: 'maxBlastShare' },
  'scaling-headroom': { minPercent: 'minHeadroomPercent' },
  'restart-time': { maxHours: 'maxRestartHours' },
  'tooling-cycle': { maxRoots: 'maxRootsPerTool' },
  'restart-scales-with-fleet': { minHours: 'minRebuildHours' },
};

export function globMatch(glob: string, text: string): boolean {
  const re = new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(text);
}
