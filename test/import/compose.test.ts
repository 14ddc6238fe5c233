import { describe, expect, test } from 'vitest';


describe('compose: edge cases written inline', () => {
  test('links, required:false, aliases, duplicated env var, undefined depends_on target', async () => {
    const { readCompose } = await import('../../src/import/compose.js');
    const { combine } = await import('../../src/import/combine.js');
    const reading = readCompose([{ file: 'c.yml', text: `
services:
  web:
    links: ["api:backend"]
    depends_on:
      cache: { condition: service_started, required: false }
      ghost: { condition: service_started }
    environment:
      - DB_URL=postgres://u:p@pg-main:5432/app
      - DB_URL=postgres://u:p@pg-main:5432/app
      - QUEUE_ADDR=nothere:5672
  api: { image: example/api }
  cache: { image: "redis:7" }
  db:
    image: postgres:16
    networks: { back: { aliases: [pg-main] } }
` }]);
    const g = combine([reading]);
    expect(g.edges.map((e) => `${e.from} -> ${e.targets.join('|')} (${e.type})`)).toEqual([
      'web -> api (hard)', 'web -> cache (soft)', 'web -> db (hard)',
    ]);
    const messages = g.diagnostics.map((d) => `${d.line}: ${d.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^7: dangling reference: web names "ghost" \(depends_on\)/));
    expect(messages).toContainEqual(expect.stringMatching(/^10: duplicate: env DB_URL states web → db again \(first at line 9\)/));
    expect(messages).toContainEqual(expect.stringMatching(/^11: dangling reference: web names "nothere" \(env QUEUE_ADDR\)/));
  });
});
