/** `--merge` on the repository's own k8s fixture: hand edits survive a re-import (see test/corpus for the real manifests). */
import { diagnosticsOf } from '../../src/model/diagnostic.js';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { runImport } from '../../src/import/index.js';

const SHOP = 'test/fixtures/import/k8s/shop.yaml';
const input = [{ format: 'k8s' as const, path: SHOP }];

/** The first import, then the hand edits a team would make. */
function handEdited(): string {
  return runImport(input).value!.text
    .replace('  cart:\n', '  # hand: the cart is critical\n  cart:\n    tier: 0\n')
    .replace(/(- on: redis-cart\n\s+type: )hard/, '$1soft # hand: cache only')
    .replace('services:\n', 'services:\n  assistant:\n    title: Deployed from another repository\n')
    .replace(/(  catalog:\n)/, '$1    team: catalog-team\n')
    .replace(/(      - on: cart\n        type: hard\n        x-source: [^\n]*:18\n)/,
      `$1      - on: redis-cart\n        type: hard\n        x-source: ${SHOP}:999\n      - on: reviews-db\n        for: written by hand\n`)
    + 'scenarios:\n  cart-down:\n    title: The cart fails\n    start: 2024-01-01T00:00:00Z\n    events:\n      - { at: "00:10", fail: { service: cart } }\n';
}

describe('--merge', () => {
  const base = handEdited();
  const r = runImport(input, { merge: { file: 'shop.yaml', text: base } });
  const doc = parse(r.value!.text) as { services: Record<string, Record<string, unknown>>; scenarios: Record<string, unknown> };

  test('the result is valid and keeps tier, type, team, comments and scenarios', () => {
    expect(diagnosticsOf(r).filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.services.cart!.tier).toBe(0);
    expect(r.value?.text).toContain('# hand: the cart is critical\n  cart:');
    expect(r.value?.text).toContain('type: soft # hand: cache only');
    expect(doc.services.catalog!.team).toBe('catalog-team');
    expect(Object.keys(doc.scenarios)).toEqual(['cart-down']);
  });

  test('a service added by hand makes a dangling reference an edge', () => {
    const frontend = (doc.services.frontend!.dependsOn as { on: string }[]).map((d) => d.on);
    expect(frontend).toContain('assistant');
    expect(diagnosticsOf(r).map((d) => d.message).join('\n')).not.toMatch(/dangling reference: frontend/);
  });

  test('an imported edge the import no longer sees is listed and kept; a hand-written one is not listed', () => {
    const vanished = diagnosticsOf(r).filter((d) => /no longer seen/.test(d.message));
    expect(vanished.map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([
      expect.stringMatching(/^shop\.yaml:\d+: edge frontend → redis-cart is no longer seen by the import; kept/),
    ]);
    const frontend = (doc.services.frontend!.dependsOn as { on: string }[]).map((d) => d.on);
    expect(frontend).toContain('redis-cart');
    expect(frontend).toContain('reviews-db');
  });

  test('merging again changes nothing (the merge is idempotent)', () => {
    const again = runImport(input, { merge: { file: 'shop.yaml', text: r.value!.text } });
    expect(again.value?.text).toBe(r.value?.text);
  });

  test('services and edges new to the base are added', () => {
    const small = 'faultline: 1\nname: shop\nservices:\n  frontend:\n    tier: 1\n';
    const m = runImport(input, { merge: { file: 'small.yaml', text: small } });
    const d = parse(m.value!.text) as { services: Record<string, Record<string, unknown>> };
    expect(Object.keys(d.services)).toHaveLength(6);
    expect(d.services.frontend!.tier).toBe(1);
    expect((d.services.frontend!.dependsOn as unknown[]).length).toBe(2);
  });

  test('a base that is not YAML is a located error', () => {
    const m = runImport(input, { merge: { file: 'bad.yaml', text: 'services: [\n' } });
    expect(m.value?.text).toBeUndefined();
    expect(diagnosticsOf(m).find((d) => d.severity === 'error')).toMatchObject({ file: 'bad.yaml' });
  });
});
