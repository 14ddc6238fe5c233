/**
 * SARIF 2.1.0 for GitHub code scanning: one run, every rule with its descriptions and default
 * level, every result on its YAML line, and a stable partial fingerprint per finding.
 */
import { RULES, RULE_IDS } from './rules.js';
import type { Finding, Severity } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warn: 'warning', info: 'note' };

export type AuditSarif = ReturnType<typeof auditSarif>;

export function auditSarif(findings: readonly Finding[], version: string) {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'faultline',
          version,
          semanticVersion: version,
          rules: RULE_IDS.map((id) => ({
            id,
            name: id.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase()),
            shortDescription: { text: RULES[id].description.split(/(?<=\.)\s/)[0]! },
            fullDescription: { text: RULES[id].description },
            help: { text: `${RULES[id].description} Configure it in a rules file: rules: { ${id}: error|warn|info|off }.` },
            defaultConfiguration: { level: LEVEL[RULES[id].severity] },
          })),
        },
      },
      columnKind: 'unicodeCodePoints',
      results: findings.map((f) => ({
        ruleId: f.rule,
        ruleIndex: RULE_IDS.indexOf(f.rule as (typeof RULE_IDS)[number]),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: fileUri(f.location.file) },
            region: { startLine: f.location.line, startColumn: f.location.column },
          },
        }],
        ...(f.fingerprint ? { partialFingerprints: { 'faultline/v1': f.fingerprint } } : {}),
        properties: { services: f.services, ...(f.path ? { path: f.path } : {}) },
      })),
    }],
  };
}

/** Relative paths stay relative (code scanning resolves them against the repository root). */
function fileUri(file: string): string {
  const p = file.replace(/\\/g, '/');
  return p.startsWith('/') ? `file://${encodeURI(p)}` : encodeURI(p);
}
