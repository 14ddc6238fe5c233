/**
 * When several formats describe one system, the same service is often named a little differently
 * (`one-platform-edge-proxy` in the catalog, `edge-proxy` in the cluster; `catalog-db` in Compose,
 * `catalog-mysql` in Kubernetes). The rule, applied only to an id that no earlier input has, and only
 * when exactly one earlier id fits:
 * 1. one id ends with the other after a dash, and the shorter has two words or more
 *    (`…-edge-proxy`), or is a store or broker (`orders-rabbitmq` → `rabbitmq`);
 * 2. both are the same stem with a store word last (`catalog-db`, `catalog-mysql`);
 * 3. equal after dropping a generic suffix (`-service`, `-svc`, `-app`, `-server`).
 * `--alias a=b` states it outright and wins; `--alias a=a` keeps `a` apart.
 */

const STORE_WORDS = new Set([
  'db', 'database', 'mysql', 'mariadb', 'postgres', 'postgresql', 'pg', 'mongo', 'mongodb', 'redis', 'valkey',
  'cassandra', 'memcached', 'cache', 'store', 'sql', 'mssql', 'elasticsearch', 'opensearch',
]);
const BROKER_WORDS = new Set(['rabbitmq', 'kafka', 'nats', 'activemq', 'pulsar', 'redpanda']);
const GENERIC = /-(service|svc|app|server|deployment)$/;

/** Why `id` is `other` by the rule, or undefined. */
export function sameByRule(id: string, other: string): string | undefined {
  if (id === other) return undefined;
  const [short, long] = id.length < other.length ? [id, other] : [other, id];
  if (long.endsWith(`-${short}`) && (short.includes('-') || STORE_WORDS.has(short) || BROKER_WORDS.has(short))) {
    return `"${long}" ends with "${short}"`;
  }
  const stem = (s: string) => s.slice(0, s.lastIndexOf('-'));
  const last = (s: string) => s.slice(s.lastIndexOf('-') + 1);
  if (id.includes('-') && other.includes('-') && stem(id) === stem(other) && STORE_WORDS.has(last(id)) && STORE_WORDS.has(last(other))) {
    return `same name "${stem(id)}", both with a store word last`;
  }
  if (id.replace(GENERIC, '') === other.replace(GENERIC, '')) return 'equal without a generic suffix';
  return undefined;
}

/** The one earlier id `id` is by the rule, with the reason; undefined when none or several fit. */
export function matchEarlier(id: string, earlier: Iterable<string>, taken: ReadonlySet<string>): { id: string; why: string } | undefined {
  const fits: { id: string; why: string }[] = [];
  for (const other of earlier) {
    if (taken.has(other)) continue;
    const why = sameByRule(id, other);
    if (why) fits.push({ id: other, why });
  }
  return fits.length === 1 ? fits[0] : undefined;
}
