import { describe, expect, test } from 'vitest';
import { audit, defaultRules } from '../../src/analysis/index.js';
import { parseRules } from '../../src/analysis/rules-load.js';
import { applyBaseline, makeBaseline, parseBaseline } from '../../src/analysis/baseline.js';
import { modelOf } from './helpers.js';

const m = modelOf({
  a: { dependsOn: ['b'] },
  b: { dependsOn: ['a'] },
  f: { fleet: { nodes: 1000, restart: { perHour: 100 } } },
});

describe('rules file', () => {
  test('severity, options and ignores change the findings', () => {
    const { value: rules, errors } = parseRules([
      'faultline-rules: 1',
      'rules:',
      '  runtime-cycle: off',
      '  restart-time: { severity: info, maxHours: 20 }',
      '  recovery-deadlock: warn',
      'ignore:',
      '  - { rule: "recovery-*", path: [b, a], reason: known loop }',
    ].join('\n'), 'rules.yaml');
    expect(errors).toBeUndefined();
    expect(rules!.thresholds.maxRestartHours).toBe(20);
    expect(audit(m).findings.map((f) => f.rule)).toEqual(['recovery-deadlock', 'restart-time', 'runtime-cycle']);
    const a = audit(m, rules);
    expect(a.findings.map((f) => f.rule)).toEqual([]);
    expect(a.suppressed).toBe(1);
    const b = audit(m, parseRules('faultline-rules: 1\nrules: { restart-time: error }\nignore: [{ service: "x*" }]', 'r').value);
    expect(b.findings.find((f) => f.rule === 'restart-time')!.severity).toBe('error');
  });

  test('bad rules files: every error located, with hints', () => {
    const { value: rules, errors } = parseRules([
      'faultline-rules: 1',
      'rules:',
      '  runtime-cylce: warn',
      '  restart-time: { severity: fatal, maxHour: 3 }',
      'ignore:',
      '  - { reason: nothing to match }',
      'extra: 1',
    ].join('\n'), 'rules.yaml');
    expect(rules).toBeUndefined();
    const lines = errors!.map((e) => `${e.line}:${e.column} ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
    expect(lines).toEqual(expect.arrayContaining([
      '3:3 unknown rule "runtime-cylce" (did you mean "runtime-cycle"?)',
      '4:29 must be one of error, warn, info, off',
      '4:36 unknown key "maxHour" (did you mean "maxHours"?)',
      '6:5 an ignore needs at least one of rule, service, path, file',
      '7:1 unknown key "extra" (known: faultline-rules, rules, ignore)',
    ]));
    expect(lines).toHaveLength(5);
    expect(parseRules('rules: {}', 'r').errors![0]!.message).toBe('missing "faultline-rules"');
    expect(parseRules('a: [', 'r').errors![0]!.line).toBe(1);
  });
});

describe('baseline', () => {
  test('known findings are dropped, new ones kept; fingerprints ignore line moves', () => {
    const before = audit(m).findings;
    const baseline = parseBaseline(JSON.stringify(makeBaseline(before)), 'b.json').value!;
    const m2 = modelOf({
      z: { dependsOn: ['y'] }, y: { dependsOn: ['z'] },
      a: { dependsOn: ['b'] }, b: { dependsOn: ['a'] },
      f: { fleet: { nodes: 1000, restart: { perHour: 50 } } },
    });
    const { kept, known } = applyBaseline(audit(m2).findings, baseline);
    expect(known).toBe(3);
    expect(kept.map((f) => [f.rule, f.services.join()])).toEqual([['recovery-deadlock', 'y,z'], ['runtime-cycle', 'y,z']]);
    expect(applyBaseline(audit(m2, defaultRules).findings, { 'faultline-baseline': 1, findings: [] }).kept).toHaveLength(5);
  });
  test('bad baselines say why', () => {
    expect(parseBaseline('{', 'b.json').errors).toEqual([expect.objectContaining({ file: 'b.json', line: 1, column: 1, severity: 'error', message: expect.stringMatching(/^not JSON/) })]);
    expect(parseBaseline('{"findings": []}', 'b.json').errors![0]!.message).toMatch(/not a faultline baseline/);
  });
});
