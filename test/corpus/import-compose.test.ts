import { describe, expect, test } from 'vitest';
import { hard, importFlat } from '../import/helpers.js';
import { REAL } from './real.js';

const DSB = `${REAL}/delimitrou+DeathStarBench`;
const ESHOP = `${REAL}/dotnet-architecture+eShopOnContainers/src`;

describe('compose: DeathStarBench socialNetwork (map-form depends_on with condition:)', () => {
  // Derived by reading docker-compose.yml: 27 services; each *-service depends_on jaeger-agent, and
  // six of them also on their own *-mongodb. No links, no address env values (jaeger-agent's
  // COLLECTOR_ZIPKIN_HTTP_PORT=9411 is a port, not an address). jaeger-agent runs a jaegertracing
  // image: a telemetry backend, so the edges to it are async (guessed).
  const r = importFlat([{ format: 'compose', path: `${DSB}/socialNetwork/docker-compose.yml` }]);

  test('services and edges', () => {
    expect(r.errors ?? []).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.services).toHaveLength(27);
    const withStore = ['media', 'post-storage', 'social-graph', 'url-shorten', 'user', 'user-timeline'];
    const onlyAgent = ['compose-post-service', 'home-timeline-service', 'media-frontend', 'nginx-thrift', 'text-service', 'unique-id-service', 'user-mention-service'];
    const agent = (s: string) => `${s} -> jaeger-agent (async)`;
    const expected = [
      ...onlyAgent.map(agent),
      ...withStore.flatMap((p) => [agent(`${p}-service`), ...hard(`${p}-service`, `${p}-mongodb`)]),
    ].sort();
    expect([...r.edges].sort()).toEqual(expected);
  });

  test('edge sources point at the map keys; stores are guessed datastores', () => {
    const social = r.doc.services['social-graph-service']!.dependsOn as Record<string, unknown>[];
    expect(social.map((d) => d['x-source'])).toEqual([
      `${DSB}/socialNetwork/docker-compose.yml:9`, `${DSB}/socialNetwork/docker-compose.yml:11`, // the jaeger-agent: and social-graph-mongodb: keys
    ]);
    expect(r.doc.services['social-graph-mongodb']!.role).toBe('datastore');
    expect(r.doc.services['user-memcached']!.role).toBe('datastore');
    expect(r.doc.services['jaeger-agent']!.role).toBeUndefined();
  });
});

describe('compose: DeathStarBench hotelReservation (list-form depends_on)', () => {
  test('edges', () => {
    // Derived by reading docker-compose.yml: the depends_on lists of the ten Go services.
    const r = importFlat([{ format: 'compose', path: `${DSB}/hotelReservation/docker-compose.yml` }]);
    expect(r.edges).toEqual([
      ...hard('attractions', 'consul', 'mongodb-attractions'),
      ...hard('frontend', 'consul'),
      ...hard('geo', 'consul', 'mongodb-geo'),
      ...hard('profile', 'consul', 'memcached-profile', 'mongodb-profile'),
      ...hard('rate', 'consul', 'memcached-rate', 'mongodb-rate'),
      ...hard('recommendation', 'consul', 'mongodb-recommendation'),
      ...hard('reservation', 'consul', 'memcached-reserve', 'mongodb-reservation'),
      ...hard('review', 'consul', 'memcached-review', 'mongodb-review'),
      ...hard('search', 'consul'),
      ...hard('user', 'consul', 'mongodb-user'),
    ]);
  });
});

describe('compose: eShopOnContainers base + override, read together', () => {
  // Derived by reading both files: depends_on in docker-compose.yml, address env values in
  // docker-compose.override.yml (URLs, `${VAR:-rabbitmq}` defaults, `Server=sqldata;…` connection
  // strings, `…/hc` health-check URLs).
  const r = importFlat([
    { format: 'compose', path: `${ESHOP}/docker-compose.yml` },
    { format: 'compose', path: `${ESHOP}/docker-compose.override.yml` },
  ]);

  test('services of both files are one set', () => {
    expect(r.errors ?? []).toEqual([]);
    expect(r.services).toHaveLength(21);
  });

  test('env addresses add edges; defaults of ${VAR:-x} and connection strings are followed', () => {
    // basket-api: depends_on basketdata, identity-api, rabbitmq; also ConnectionString=${…:-basketdata},
    // identityUrl=http://identity-api, EventBusConnection=${…:-rabbitmq} — the same three, merged.
    expect(r.edges.filter((e) => e.startsWith('basket-api '))).toEqual(hard('basket-api', 'basketdata', 'identity-api', 'rabbitmq'));
    const basket = r.doc.services['basket-api']!.dependsOn as Record<string, unknown>[];
    // identity-api: `- identity-api` (docker-compose.yml line 35) and identityUrl (override line 66)
    expect(basket[1]!['x-source']).toEqual([`${ESHOP}/docker-compose.override.yml:66`, `${ESHOP}/docker-compose.yml:35`]);
    // webhooks-api: only sqldata in depends_on; IdentityUrl and EventBusConnection add two
    expect(r.edges.filter((e) => e.startsWith('webhooks-api '))).toEqual(hard('webhooks-api', 'identity-api', 'rabbitmq', 'sqldata'));
  });

  test('health-check-only URLs are soft, with a comment; a real use of the same target stays hard', () => {
    expect(r.edges).toContain('webmvc -> identity-api (soft)'); // IdentityUrlHC=http://identity-api/hc only
    expect(r.edges).toContain('webshoppingagg -> payment-api (soft)'); // PaymentUrlHC
    expect(r.edges).toContain('webshoppingagg -> catalog-api (hard)'); // urls__catalog + CatalogUrlHC
    expect(r.edges.filter((e) => e.startsWith('webstatus '))).toHaveLength(11);
    expect(r.text).toContain('# guessed: env IdentityUrlHC is a URL; a health-check address only → soft');
  });

  test('a service addressing itself is a self-loop warning, not an edge', () => {
    expect(r.warnings).toContainEqual(expect.stringMatching(/docker-compose\.override\.yml:309:9: warning: self-loop: webhooks-client calls itself \(env SelfUrl\)/));
    expect(r.edges.filter((e) => e.startsWith('webhooks-client '))).toEqual(hard('webhooks-client', 'webhooks-api'));
  });

  test('unresolvable ${VAR} hosts and 0.0.0.0 are not references', () => {
    expect(r.warnings.filter((w) => /dangling/.test(w))).toEqual([]);
  });
});
