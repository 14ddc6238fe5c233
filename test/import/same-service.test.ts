/** Issue 18 item 6: the same system from several formats, under common naming differences. */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { sameByRule } from '../../src/import/same-service.js';
import { importFlat } from './helpers.js';

const DIR = relative(process.cwd(), fileURLToPath(new URL('./fixtures/two-formats', import.meta.url)));
const both = [
  { format: 'compose' as const, path: `${DIR}/docker-compose.yml` },
  { format: 'k8s' as const, path: `${DIR}/cluster.yaml` },
];

describe('the naming rule', () => {
  test.each([
    ['one-platform-api-gateway', 'api-gateway', true],
    ['catalog-mysql', 'catalog-db', true],
    ['orders-postgresql', 'orders-db', true],
    ['orders-rabbitmq', 'rabbitmq', true],
    ['cart-service', 'cart', true],
    ['valkey-cart', 'cart', false], // one word, not a store: a different service
    ['catalog-api', 'catalog-db', false],
    ['orders', 'orders', false], // equal ids need no rule
  ])('%s ~ %s: %s', (a, b, same) => {
    expect(sameByRule(a, b) !== undefined).toBe(same);
  });
});

describe('compose + k8s of one system', () => {
  test('differently named services are matched by the rule, with a warning and a comment', () => {
    const r = importFlat(both);
    expect(r.services).toEqual(['api-gateway', 'catalog', 'catalog-db']);
    expect(r.edges).toEqual(['api-gateway -> catalog (hard)', 'catalog -> catalog-db (hard)']);
    expect(r.warnings).toContainEqual(expect.stringMatching(/"catalog-mysql" \(k8s\) is taken as "catalog-db" of another input: same name "catalog", both with a store word last; --alias catalog-mysql=catalog-mysql keeps them apart/));
    expect(r.warnings).toContainEqual(expect.stringMatching(/"one-platform-api-gateway" \(k8s\) is taken as "api-gateway"/));
    expect(r.doc.services['catalog-db']!['x-name']).toBe('catalog-mysql');
    expect(r.text).toContain('# guessed: "catalog-mysql" (k8s) is "catalog-db" by the naming rule');
  });

  test('--alias NAME=NAME keeps a service apart; --alias a=b joins what the rule would not', () => {
    const apart = importFlat(both, { aliases: [['catalog-mysql', 'catalog-mysql']] });
    expect(apart.services).toEqual(['api-gateway', 'catalog', 'catalog-db', 'catalog-mysql']);
    const joined = importFlat(both, { aliases: [['catalog-mysql', 'catalog-db'], ['one-platform-api-gateway', 'api-gateway']] });
    expect(joined.services).toEqual(['api-gateway', 'catalog', 'catalog-db']);
    expect(joined.warnings.join('\n')).not.toMatch(/taken as/);
    expect(joined.text).toContain('# "catalog-mysql" (k8s) is "catalog-db" by --alias');
  });

  test('inputs that share no id are said to be side by side', () => {
    const r = importFlat([both[0]!, { format: 'jaeger', path: `${DIR}/jaeger.json` }]);
    expect(r.warnings).toContainEqual(expect.stringMatching(/the inputs share no service ids \(compose: 3 services, jaeger: 2 services\): they are side by side, not joined/));
    expect(importFlat(both).warnings.join('\n')).not.toMatch(/share no service ids/);
  });
});
