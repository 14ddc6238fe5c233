import { describe, expect, test } from 'vitest';

describe('backstage: refs and problems, inline', () => {
  test('refs with namespace and kind defaults; dangling refs and Locations outside the tree are warnings', async () => {
    const { readBackstage } = await import('../../src/import/backstage.js');
    const { combine } = await import('../../src/import/combine.js');
    const text = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: Checkout UI, namespace: shop }
spec:
  owner: group:shop/payments
  dependsOn: [component:cart, resource:default/orders-db, resource:missing]
  consumesApis: [pay-api]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: cart, namespace: shop }
spec: { providesApis: [pay-api] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: orders-db }
spec: { type: database }
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: elsewhere }
spec: { targets: [../../outside.yaml, https://example.com/catalog.yaml] }
`;
    const reading = readBackstage([{ file: 'dir/catalog-info.yaml', text }], ['/nonexistent-root'], () => ({ file: 'x', line: 1, column: 1, severity: 'error', message: 'no' }));
    const g = combine([reading]);
    expect(g.services.map((s) => s.id)).toEqual(['cart', 'checkout-ui', 'orders-db']);
    expect(g.services.find((s) => s.id === 'checkout-ui')!.x['x-name']).toBe('Checkout UI');
    expect(g.services.find((s) => s.id === 'checkout-ui')!.team).toBe('shop/payments');
    expect(g.edges.map((e) => `${e.from} -> ${e.targets.join('|')}`)).toEqual(['checkout-ui -> cart', 'checkout-ui -> orders-db']);
    const cart = g.edges[0]!;
    expect(cart.sources.map((s) => s.line)).toEqual([7, 8]); // dependsOn and consumesApis merged
    const messages = [...reading.diagnostics, ...g.diagnostics].map((d) => d.message);
    expect(messages).toContainEqual(expect.stringMatching(/dangling reference: checkout-ui names "missing"/));
    expect(messages).toContainEqual(expect.stringMatching(/outside\.yaml is outside the given tree; not followed/));
    expect(messages).toContainEqual(expect.stringMatching(/https:\/\/example\.com\/catalog\.yaml is a URL; not followed/));
  });
});
