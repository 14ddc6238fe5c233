/**
 * The analysis stage's public API: the CLI, the TUI, the reports and the importer import only from
 * here (test/lint/architecture.test.ts). `audit` itself is in audit.ts.
 */
export { audit, blastMembers, type AuditOptions } from './audit.js';
export { defaultRules, RULES, RULE_IDS, type Rules, type RuleId } from './rules.js';
export { loadRules, parseRules } from './rules-load.js';
export { priorities, type Priority, type PriorityKind } from './priorities.js';
export type * from './types.js';
// What the CLI needs beyond `audit` (the architecture test keeps other stages out of the internals).
export { applyBaseline, loadBaseline, makeBaseline, parseBaseline, type Baseline } from './baseline.js';
export { diffAudits } from './diff.js';
export { focusAudit } from './focus.js';
export { diffMarkdown, diffText } from './format-diff.js';
export { auditJson, findingJson, type AuditJson, type FindingJson } from './format-json.js';
export { auditSarif, type AuditSarif } from './format-sarif.js';
export { auditText, summaryLine } from './format-text.js';
export { adjacency, neighbourhood, parseDepth, type Adjacency, type Neighbourhood } from './neighbourhood.js';
export { remediations, type Remediation } from './remediate.js';
export { stronglyConnected } from './scc.js';

