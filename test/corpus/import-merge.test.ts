import { describe, expect, test } from 'vitest';
import { diagnosticsOf } from '../../src/model/diagnostic.js';
import { parse } from 'yaml';
import { runImport } from '../../src/import/index.js';
import { REAL } from './real.js';

const SHOP = `${REAL}/GoogleCloudPlatform+microservices-demo/release/kubernetes-manifests.yaml`;
const input = [{ format: 'k8s' as const, path: SHOP }];

/** The first import, then the hand edits a team would make. */
function handEdited(): string {
  const first = runImport(input).value!.text;
  return first
    .replace('  cartservice:\n', '  # hand: the cart is critical\n  cartservice:\n    tier: 0\n')
    .replace(/(- on: redis-cart\n\s+type: )hard/, '$1soft # hand: cache only')
    .replace('services:\n', 'services:\n  shoppingassistantservice:\n    title: Deployed from another repository\n')
    .replace(/(  emailservice:\n)/, '$1    team: messaging\n')
    .replace(/(      - on: cartservice\n        type: hard\n        x-source: [^\n]*:657\n)/,
      `$1      - on: adservice\n        type: hard\n        x-source: ${SHOP}:999\n      - on: redis-cart\n        for: written by hand\n`)
    + 'scenarios:\n  cart-down:\n    title: The cart fails\n    start: 2024-01-01T00:00:00Z\n    events:\n      - { at: "00:10", fail: { service: cartservice } }\n';
}

describe('--merge', () => {
  const base = handEdited();
  const r = runImport(input, { merge: { file: 'shop.yaml', text: base } });
  const doc = parse(r.value!.text) as { services: Record<string, Record<string, unknown>>; scenarios: Record<string, unknown> };

  test('the result is valid and keeps tier, type, team, comments and scenarios', () => {
    expect(diagnosticsOf(r).filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.services.cartservice!.tier).toBe(0);
    expect(r.value?.text).toContain('# hand: the cart is critical\n  cartservice:');
    expect(r.value?.text).toContain('type: soft # hand: cache only');
    expect(doc.services.emailservice!.team).toBe('messaging');
    expect(Object.keys(doc.scenarios)).toEqual(['cart-down']);
  });

  test('a service added by hand makes a dangling reference an edge', () => {
    const frontend = (doc.services.frontend!.dependsOn as { on: string }[]).map((d) => d.on);
    expect(frontend).toContain('shoppingassistantservice');
    expect(diagnosticsOf(r).map((d) => d.message).join('\n')).not.toMatch(/dangling/);
  });

  test('an imported edge the import no longer sees is listed and kept; a hand-written one is not listed', () => {
    const vanished = diagnosticsOf(r).filter((d) => /no longer seen/.test(d.message));
    expect(vanished.map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([
      expect.stringMatching(/^shop\.yaml:\d+: edge checkoutservice → adservice is no longer seen by the import; kept/),
    ]);
    const checkout = (doc.services.checkoutservice!.dependsOn as { on: string }[]).map((d) => d.on);
    expect(checkout).toContain('adservice');
    expect(checkout).toContain('redis-cart');
  });

  test('merging again changes nothing (the merge is idempotent)', () => {
    const again = runImport(input, { merge: { file: 'shop.yaml', text: r.value!.text } });
    expect(again.value?.text).toBe(r.value?.text);
  });

  test('services and edges new to the base are added', () => {
    const small = 'faultline: 1\nname: shop\nservices:\n  frontend:\n    tier: 1\n';
    const m = runImport(input, { merge: { file: 'small.yaml', text: small } });
    const d = parse(m.value!.text) as { services: Record<string, Record<string, unknown>> };
    expect(Object.keys(d.services)).toHaveLength(12);
    expect(d.services.frontend!.tier).toBe(1);
    expect((d.services.frontend!.dependsOn as unknown[]).length).toBe(7);
  });

  test('a base that is not YAML is a located error', () => {
    const m = runImport(input, { merge: { file: 'bad.yaml', text: 'services: [\n' } });
    expect(m.value?.text).toBeUndefined();
    expect(diagnosticsOf(m).find((d) => d.severity === 'error')).toMatchObject({ file: 'bad.yaml' });
  });
});
