import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { audit } from '../../src/analysis/index.js';
import { diffAudits, isEmpty } from '../../src/analysis/diff.js';
import { loadText } from '../../src/model/load.js';

const SHOP = readFileSync('graphs/example-shop.yaml', 'utf8');
/** The shop with the SSO depending on the gateway: closes edge-gateway → company-sso → edge-gateway. */
const CLOSED = SHOP.replace('      - { on: event-bus, type: async, for: login audit events }', '      - { on: event-bus, type: async, for: login audit events }\n      - { on: edge-gateway, for: token introspection }');
const auditOf = (text: string) => audit(loadText(text, 'shop.yaml').value!);
const CLI = resolve('dist/cli/main.js');
const run = (cwd: string, ...args: string[]) => spawnSync('node', [CLI, 'diff', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('audit diff', () => {
  test('a graph against itself: empty', () => {
    expect(isEmpty(diffAudits(auditOf(SHOP), auditOf(SHOP)))).toBe(true);
  });

  test('one edge that closes a cycle shows that cycle, and its findings, as added', () => {
    expect(CLOSED).not.toBe(SHOP);
    const d = diffAudits(auditOf(SHOP), auditOf(CLOSED));
    expect(d.cycles.added.map((c) => [...c.members].sort())).toEqual([['company-sso', 'edge-gateway']]);
    expect(d.cycles.removed).toEqual([]);
    expect(d.added.map((f) => f.rule)).toContain('runtime-cycle');
    expect(d.added.map((f) => f.rule)).toContain('recovery-deadlock');
    // Reversed, the same change is resolved.
    const back = diffAudits(auditOf(CLOSED), auditOf(SHOP));
    expect(back.cycles.removed.map((c) => [...c.members].sort())).toEqual([['company-sso', 'edge-gateway']]);
    expect(back.removed.map((f) => f.fingerprint).sort()).toEqual(d.added.map((f) => f.fingerprint).sort());
  });

  test('moving lines changes no fingerprint', () => {
    const moved = `# a comment that shifts every line\n\n${SHOP}`;
    expect(isEmpty(diffAudits(auditOf(SHOP), auditOf(moved)))).toBe(true);
  });

  test('CLI: BASE read through git show; exit 1 on an added error; json and markdown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-diff-'));
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
    writeFileSync(join(dir, 'shop.yaml'), SHOP);
    expect(git('init', '-q').status).toBe(0);
    git('add', 'shop.yaml');
    expect(git('commit', '-qm', 'base').status).toBe(0);
    expect(run(dir, 'HEAD:shop.yaml', 'shop.yaml').status).toBe(0);
    writeFileSync(join(dir, 'shop.yaml'), CLOSED);
    const text = run(dir, 'HEAD:shop.yaml', 'shop.yaml');
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/New runtime cycles \(1\)\n {2}(edge-gateway → company-sso → edge-gateway|company-sso → edge-gateway → company-sso)/);
    const json = JSON.parse(run(dir, 'HEAD:shop.yaml', 'shop.yaml', '--format', 'json').stdout) as { cycles: { added: unknown[] }; summary: { addedErrors: number } };
    expect(json.cycles.added).toHaveLength(1);
    expect(json.summary.addedErrors).toBeGreaterThan(0);
    expect(run(dir, 'HEAD:shop.yaml', 'shop.yaml', '--format', 'markdown').stdout).toMatch(/^### Faultline: .*\n[\s\S]*\*\*New runtime cycles\*\* \(1\)/);
    const missing = run(dir, 'nope:shop.yaml', 'shop.yaml');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^nope:shop\.yaml:1:1: error: cannot read it with git show/);
  });
});
