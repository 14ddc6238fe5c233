import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { audit } from '../../src/analysis/index.js';
import { buildIndex } from '../../src/analysis/graph.js';
import { minCut } from '../../src/analysis/min-cut.js';
import { priorities } from '../../src/analysis/priorities.js';
import { remediations } from '../../src/analysis/remediate.js';
import { replayChecks } from '../../src/engine/index.js';
import { defaultRules } from '../../src/analysis/rules.js';
import { prng } from '../../src/bench/synthetic.js';
import { mergePatch } from '../../src/model/patch.js';
import { loadFile, loadText } from '../../src/model/load.js';
import { insertWhatIfs } from '../../src/model/whatif-insert.js';
import type { JsonObject, Model } from '../../src/model/types.js';
import { modelOf, randomDoc } from './helpers.js';

const load = (file: string): Model => loadFile(file).value!;
const shop = load('graphs/example-shop.yaml');
const kinesis = load('graphs/aws-kinesis-2020.yaml');

describe('fix-first priorities', () => {
  test('example shop: the first problem is the SSO taking down its four incident tools', () => {
    const a = audit(shop);
    const [first] = priorities(a, shop);
    expect(first!.subject).toBe('company-sso');
    expect(first!.kind).toBe('tooling');
    expect(first!.summary).toMatch(/^company-sso: when it fails, 4 of 7 incident tools fail with it \(deploy-bot, incident-chat, staff-vpn, status-site\) and 7 of 27 other services; single point of failure for 2 of 3 entrypoints/);
    // Every tooling-cycle finding rooted at the SSO is grouped under it.
    const mine = first!.findings.map((i) => a.findings[i]!);
    expect(mine.filter((f) => f.rule === 'tooling-cycle').map((f) => f.services[0]).sort()).toEqual(['deploy-bot', 'incident-chat', 'staff-vpn', 'status-site']);
  });

  test('the score follows the documented formula', () => {
    const a = audit(shop);
    const p = priorities(a, shop).find((x) => x.subject === 'company-sso')!;
    const blast = a.blastRadius.find((b) => b.service === 'company-sso')!.score;
    expect(p.score).toBe(16 * 4 + blast + 8 * 2);
  });

  test('every finding of a problem is about its subject; ranks are 1…n by score', () => {
    const a = audit(kinesis);
    const ps = priorities(a, kinesis);
    ps.forEach((p, i) => {
      expect(p.rank).toBe(i + 1);
      if (i > 0) expect(p.score).toBeLessThanOrEqual(ps[i - 1]!.score);
      if (p.kind !== 'cycle') for (const f of p.findings) expect(a.findings[f]!.services).toContain(p.subject);
    });
  });
});

describe('fewer false alarms', () => {
  const m = modelOf({
    sso: { role: 'auth' },
    prometheus: { role: 'monitoring', dependsOn: ['alertmanager'] },
    alertmanager: { role: 'alerting', dependsOn: ['pager'] },
    pager: { role: 'alerting' },
    slack: { role: 'chat' },
    status: { role: 'status-page', dependsOn: ['sso', 'slack'] },
    app: { entrypoint: true, tier: 0, dependsOn: [{ on: 'db', type: 'soft' }, 'lb'] },
    lb: { role: 'network', tier: 3 },
    db: { role: 'datastore' },
  });
  const a = audit(m);
  test('the notification pipeline is quiet; a status page behind the SSO (or chat) is loud', () => {
    expect(a.toolingCycles.map((t) => `${t.tool}>${t.root}`).sort()).toEqual(['status>slack', 'status>sso']);
  });
  test('SPOFs are warnings, listed in full', () => {
    const f = a.findings.find((x) => x.rule === 'single-point-of-failure')!;
    expect(f.severity).toBe('warn');
    expect(f.services).toEqual(['app', 'lb']);
  });
  test('blast radius fires on a service that takes down an entrypoint or an incident tool, whatever its share', () => {
    const fired = a.findings.filter((x) => x.rule === 'blast-radius').map((x) => x.services[0]).sort();
    expect(fired).toEqual(['lb', 'slack', 'sso']);
  });
});

describe('minimum cut', () => {
  test('two paths that meet: one entry deeper beats two at the tool', () => {
    const m = modelOf({ t: { role: 'deploy', dependsOn: ['a', 'b'] }, a: { dependsOn: ['x'] }, b: { dependsOn: ['x'] }, x: { dependsOn: ['r'] }, r: {} });
    const ix = buildIndex(m);
    const cut = minCut(ix, ix.pos.get('t')!, [ix.pos.get('r')!]);
    expect(cut.map((c) => `${ix.ids[ix.clauseOwner[c]!]}→${ix.ids[ix.targets[ix.targetStart[c]!]!]}`)).toEqual(['x→r']);
  });
  test('equal cuts: the one nearest the tool', () => {
    const m = modelOf({ t: { role: 'deploy', dependsOn: ['a'] }, a: { dependsOn: ['r'] }, r: {} });
    const ix = buildIndex(m);
    expect(minCut(ix, ix.pos.get('t')!, [ix.pos.get('r')!]).map((c) => ix.ids[ix.clauseOwner[c]!])).toEqual(['t']);
  });
});

describe('remediation search', () => {
  test('Kinesis: the top remediation for the status-page cycle changes the posting tool\'s dependency on Cognito', () => {
    const rs = remediations(kinesis, defaultRules);
    const a = audit(kinesis);
    const statusCycles = new Set(a.findings.filter((f) => f.rule === 'tooling-cycle' && f.services[0] === 'shd-posting-tool').map((f) => f.fingerprint));
    const top = rs.find((r) => r.removes.some((f) => statusCycles.has(f)))!;
    const services = (top.patch.services ?? {}) as JsonObject;
    const before = (kinesis.doc.services as JsonObject)['shd-posting-tool'] as JsonObject;
    const after = services['shd-posting-tool'] as JsonObject;
    expect(after).toBeDefined();
    // Only the Cognito entry changed, and it no longer passes a failure on as before.
    expect((after.dependsOn as JsonObject[]).length).toBe((before.dependsOn as JsonObject[]).length);
    expect(after.dependsOn).not.toEqual(before.dependsOn);
    expect(JSON.stringify(after.dependsOn)).toContain('cognito');
    for (const f of statusCycles) expect(top.removes).toContain(f);
    // The second proof: replayed, the incident tools stay usable through the thread-limit outage.
    const [check] = replayChecks(kinesis, [top])[0]!;
    expect(check).toMatchObject({ scenario: 'thread-limit', toolingUsableBefore: false, toolingUsableAfter: true });
    expect(check!.serviceMinutesLostAfter).toBeLessThan(check!.serviceMinutesLostBefore);
  });

  test('property: on random graphs, every suggested patch applied and re-audited removes exactly the findings it claims', () => {
    const rand = prng(15);
    const roles = ['service', 'service', 'service', 'datastore', 'auth', 'monitoring', 'alerting', 'status-page', 'deploy', 'chat', 'access'];
    let checked = 0;
    for (let g = 0; g < 15; g++) {
      const services = randomDoc(8 + Math.floor(rand() * 10), rand);
      for (const s of Object.values(services)) {
        s.role = roles[Math.floor(rand() * roles.length)]!;
        if (rand() < 0.15) s.fleet = { nodes: 100 + Math.floor(rand() * 900), mesh: { peers: 'all' }, perNode: { conns: { perPeer: 1, limit: 1000 } }, restart: { perHour: 50 } };
      }
      const m = modelOf(services);
      const before = new Set(audit(m).findings.map((f) => f.fingerprint!));
      for (const r of remediations(m, defaultRules)) {
        const patched = modelOf((mergePatch(m.doc, r.patch) as JsonObject).services as Record<string, JsonObject>);
        const after = new Set(audit(patched).findings.map((f) => f.fingerprint!));
        expect([...before].filter((f) => !after.has(f)).sort()).toEqual(r.removes);
        expect([...after].filter((f) => !before.has(f)).sort()).toEqual(r.adds);
        expect(r.removes.length).toBeGreaterThan(0);
        expect(r.scoreAfter).toBeLessThanOrEqual(r.scoreBefore);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });
});

describe('write what-ifs', () => {
  const items = [{ id: 'w-one', title: 'One', patch: { title: 'Patched', 'x-note': { nested: ['a', 'b'] } } }];

  for (const [file, scenario] of [['graphs/aws-kinesis-2020.yaml', 'thread-limit'], ['graphs/example-shop.yaml', 'sso-outage']] as const) {
    test(`${file}: every original byte kept, the what-ifs load, a second run changes nothing`, () => {
      const text = readFileSync(file, 'utf8');
      const r = insertWhatIfs(text, scenario, items);
      if ('error' in r) throw new Error(r.error);
      expect(r.added).toEqual(['w-one']);
      // One contiguous insertion: the original is the new text with it cut out.
      let p = 0;
      while (p < text.length && text[p] === r.text[p]) p++;
      const inserted = r.text.slice(p, p + r.text.length - text.length);
      expect(r.text.slice(0, p) + r.text.slice(p + inserted.length)).toBe(text);
      expect(inserted).toContain('w-one:');
      const m = loadText(r.text, file).value!;
      expect(m.scenarios.find((s) => s.id === scenario)!.whatIfs.find((w) => w.id === 'w-one')!.patch).toEqual(items[0]!.patch);
      const again = insertWhatIfs(r.text, scenario, items);
      expect(again).toMatchObject({ text: r.text, added: [], kept: ['w-one'] });
    });
  }

  test('an unknown scenario is an error and changes nothing', () => {
    expect(insertWhatIfs(readFileSync('graphs/example-shop.yaml', 'utf8'), 'nope', items)).toEqual({ error: 'no scenario "nope" in this file' });
  });

  test('audit --write-whatifs, then replay --what-ifs ranks them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-whatifs-'));
    const file = join(dir, 'shop.yaml');
    copyFileSync('graphs/example-shop.yaml', file);
    const run = (...args: string[]) => spawnSync('node', ['dist/cli/main.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const w = run('audit', file, '--write-whatifs', 'sso-outage', '--format', 'json');
    expect(w.stderr).toMatch(/added \d+ what-if\(s\) to scenario sso-outage/);
    const ids = (JSON.parse(w.stdout) as { remediations: { id: string }[] }).remediations.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(3);
    const r = run('replay', file, '--what-ifs');
    expect(r.status).toBe(0);
    for (const id of ids) expect(r.stdout).toContain(id);
    expect(run('audit', file, '--write-whatifs', 'missing').status).toBe(2);
  });
});
