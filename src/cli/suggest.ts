/**
 * `audit --suggest` and `--write-whatifs SCENARIO`: the remediation search's text, and the
 * verified remediations written into a scenario's what-ifs (atomically: a temporary file renamed
 * over the original, after the result was re-loaded and checked).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Remediation } from '../analysis/remediate.js';
import { replayChecks, type ReplayCheck } from '../engine/index.js';
import type { Model } from '../model/types.js';
import type { Finding } from '../analysis/types.js';
import { formatDiagnostic } from '../model/diagnostic.js';
import { loadText } from '../model/load.js';
import { sanitize } from '../model/sanitize.js';
import { insertWhatIfs } from '../model/whatif-insert.js';
import { pushAll } from '../model/arrays.js';

export type Checked = Remediation & { readonly replay?: readonly ReplayCheck[] };

/** Where the graph has scenarios, each remediation also replayed (`replay` in the JSON). */
export function withReplays(model: Model, rs: readonly Remediation[]): Checked[] {
  if (model.scenarios.length === 0) return [...rs];
  const checks = replayChecks(model, rs);
  return rs.map((r, i) => ({ ...r, replay: checks[i]! }));
}

export function suggestionsText(rs: readonly Checked[], findings: readonly Finding[]): string {
  if (rs.length === 0) return 'No suggested change removes a finding (every candidate was re-audited).\n';
  const rule = new Map(findings.map((f) => [f.fingerprint!, f.rule]));
  const out = [`Suggested changes (${rs.length}), each verified by re-auditing the patched graph:`];
  rs.forEach((r, i) => {
    const rules = [...new Set(r.removes.map((f) => rule.get(f) ?? '?'))].sort().join(', ');
    pushAll(out, [`  ${i + 1}. ${sanitize(r.id)} (for problem #${r.problem}, ${r.cost} change${r.cost === 1 ? '' : 's'}): ${sanitize(r.title)}`, `     removes ${r.removes.length} finding(s) (${rules})${r.adds.length ? `, adds ${r.adds.length} warning(s)` : ''}; fix-first score ${r.scoreBefore} → ${r.scoreAfter}`, ...(r.replay ?? []).map((c) => `     replay ${sanitize(c.scenario)}: ${c.prevented ? 'prevented; ' : ''}${c.serviceMinutesLostBefore} → ${c.serviceMinutesLostAfter} tier-weighted service-minutes lost; incident tools usable throughout: ${c.toolingUsableBefore ? 'yes' : 'no'} → ${c.toolingUsableAfter ? 'yes' : 'no'}`), `     patch: ${sanitize(JSON.stringify(r.patch))}`]);
  });
  return out.join('\n') + '\n';
}

/** Returns an error message, or undefined when written. */
export function writeWhatIfs(file: string, scenario: string, rs: readonly Remediation[]): { error?: string; added: readonly string[] } {
  const text = readFileSync(file, 'utf8');
  const result = insertWhatIfs(text, scenario, rs.map((r) => ({ id: r.id, title: r.title, patch: r.patch })));
  if ('error' in result) return { error: result.error, added: [] };
  const check = loadText(result.text, file);
  if (!check.value) return { error: `the file would not load after the change: ${check.errors.map((d) => formatDiagnostic(d)).join('; ')}`, added: [] };
  if (result.added.length > 0) {
    const tmp = `${file}.faultline-tmp`;
    writeFileSync(tmp, result.text);
    renameSync(tmp, file);
  }
  return { added: result.added };
}
