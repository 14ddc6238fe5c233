/**
 * Issue 18's patterns on our own small fixtures (test/import/fixtures/): addresses behind one step of
 * indirection in Kubernetes and Compose, values that name a service without addressing it, duplicate
 * keys, telemetry edges, guessed-only cycles.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { importFlat } from './helpers.js';

const FIX = relative(process.cwd(), fileURLToPath(new URL('./fixtures', import.meta.url)));
const SHOP = `${FIX}/k8s-indirect/shop.yaml`;
const COMPOSE = `${FIX}/compose-env/docker-compose.yml`;

describe('k8s: addresses behind envFrom, configMapKeyRef, $(VAR), args, probes and config files', () => {
  const r = importFlat([{ format: 'k8s', path: SHOP }]);
  const from = (id: string) => r.edges.filter((e) => e.startsWith(`${id} -> `));

  test('each indirection gives its edge', () => {
    expect(r.errors ?? []).toEqual([]);
    expect(from('web')).toEqual([
      'web -> cart (hard)', // args --cart.url=http://cart:7070
      'web -> orders (hard)', // envFrom ConfigMap endpoints: ORDERS_API_ADDR
      'web -> payment (hard)', // envFrom ConfigMap web-settings: PAYMENT_HOST=payment (bare name, address variable)
      'web -> pricing (hard)', // valueFrom.configMapKeyRef extra/PRICING_ADDR
      'web -> stock (hard)', // init container: nc -z -w 5 stock 5432
      'web -> tracing (async)', // TRACE_HOST, and $(TRACE_HOST) inside OTEL_EXPORTER_OTLP_ENDPOINT
    ]);
  });

  test('a Secret gives key names only: its values are never read', () => {
    expect(r.edges).not.toContain('web -> shipping (hard)');
  });

  test('database and user names are not addresses', () => {
    // STOCK_DB=stock and STOCK_DB_USER=stock reach web too; the stock edge comes only from the probe
    const stock = (r.doc.services.web!.dependsOn as { on: string; 'x-source': unknown }[]).find((d) => d.on === 'stock')!;
    expect(stock['x-source']).toBe(`${SHOP}:66`); // the nc line
  });

  test('config files in a mounted ConfigMap: YAML, properties and INI settings', () => {
    expect(from('collector')).toEqual([
      'collector -> orders (async)', // limits.ini [upstream] server = orders
      'collector -> stock (async)', // legacy.properties stock.url
      'collector -> tracing (async)', // relay.yaml exporters.otlp.endpoint
      'collector -> web (async)', // relay.yaml receivers.httpcheck.targets[].endpoint
    ]);
    expect(r.text).toContain('# guessed: ConfigMap collector-config relay.yaml: exporters.otlp.endpoint is host:port; the target is a telemetry backend → async');
  });

  test('an unmounted ConfigMap named after a workload counts for it, and says so', () => {
    expect(from('dashboard')).toEqual(['dashboard -> metrics (hard)']);
    expect(r.text).toContain('ConfigMap dashboard-datasources is not mounted; taken as dashboard\'s by its name');
    expect(r.warnings.join('\n')).not.toMatch(/"false"/); // useBackend: false is not a host
  });

  test('every configuration edge says why it was taken', () => {
    expect(r.text).toContain('# guessed: env PAYMENT_HOST (ConfigMap web-settings) names a host (…HOST)');
    expect(r.text).toContain('# guessed: command nc is host:port');
  });

  test('a duplicate ConfigMap key is merged and warned about, not fatal', () => {
    expect(r.warnings).toContainEqual(expect.stringMatching(/shop\.yaml:20:3: warning: duplicate key "LOG_LEVEL" \(first at line 19\); the later value is used/));
  });

  test('objects without a namespace join the one namespace the inputs name, with a warning', () => {
    expect(r.warnings).toContainEqual(expect.stringMatching(/mix objects with a namespace \(shop\) and \d+ without one; those are taken as in "shop", as `kubectl apply -n shop`/));
  });

  test('--namespace decides instead: then the envFrom ConfigMap in "shop" is not the pod\'s', () => {
    const other = importFlat([{ format: 'k8s', path: SHOP }], { namespace: 'other' });
    expect(other.edges).not.toContain('web -> orders (hard)');
    expect(other.edges).toContain('web -> payment (hard)');
    expect(other.warnings).toContainEqual(expect.stringMatching(/those are taken as in "other", as --namespace says/));
  });

  test('an unrendered Helm template is one clear error', () => {
    const helm = importFlat([{ format: 'k8s', path: `${FIX}/helm-chart-template.yaml` }]);
    expect(helm.errors).toEqual([expect.stringMatching(/helm-chart-template\.yaml:4:1: error: unrendered Helm template .*helm template/)]);
  });
});

describe('compose: .env, env_file, include, extends', () => {
  const r = importFlat([{ format: 'compose', path: COMPOSE }]);

  test('edges from every source of values', () => {
    expect(r.errors ?? []).toEqual([]);
    expect(r.edges).toEqual([
      'api -> cache (hard)', // CACHE_HOST: cache, a service of the included file
      'api -> traces (async)', // ${TRACES_ENDPOINT} from .env; jaeger image → telemetry
      'audit -> search (hard)', // in the included parts/docker-compose.yml
      'web -> api (hard)', // bare `- API_ADDR`, .env API_ADDR=${API_HOST}:8080
      'web -> audit (hard)', // AUDIT_ADDR of the extended base-web (base.yml)
      'web -> db (hard)', // depends_on of base-web, and DATABASE_URL with ${DB_HOST}
      'web -> queue (hard)', // bare `- QUEUE_URL`, quoted in .env after `export`
      'web -> search (hard)', // env_file web.env
    ]);
  });

  test('names that are not addresses make no edge: POSTGRES_DB, *_USER, OTEL_SERVICE_NAME', () => {
    expect(r.edges.filter((e) => e.startsWith('db -> '))).toEqual([]); // POSTGRES_DB=web, POSTGRES_USER=api
    expect(r.warnings.join('\n')).not.toMatch(/self-loop/); // OTEL_SERVICE_NAME: api
  });

  test('an undefined variable is never an address', () => {
    expect(r.warnings.join('\n')).not.toMatch(/dangling/); // MISSING=${NOT_DEFINED}:80
  });

  test('the image is resolved through .env before the role guess; profiles listed; host ports are entrypoint guesses', () => {
    expect(r.doc.services.db!.role).toBe('datastore');
    expect(r.doc.services.db!['x-image']).toBe('postgres:16');
    expect(r.doc.services.api!['x-profiles']).toEqual(['full']);
    expect(r.doc.services.web!.entrypoint).toBe(true);
    expect(r.doc.services.api!.entrypoint).toBeUndefined(); // "9000": a container port only
    expect(r.text).toContain('# guessed: entrypoint, publishes port 8080 on the host');
  });

  test('bare entries cite the .env line their value comes from', () => {
    expect(r.text).toContain(`# guessed: env API_ADDR is host:port (value from ${FIX}/compose-env/.env:3)`);
    const web = r.doc.services.web!.dependsOn as { on: string; 'x-source': unknown }[];
    expect(web.find((d) => d.on === 'search')!['x-source']).toBe(`${FIX}/compose-env/web.env:1`);
  });
});

describe('guessed edges only', () => {
  test('a cycle made only of guessed edges is a warning that says "guessed"', () => {
    const r = importFlat([{ format: 'compose', path: `${FIX}/compose-guessed-cycle.yml` }]);
    expect(r.edges).toEqual(['left -> right (hard)', 'right -> left (hard)']);
    expect(r.warnings).toContainEqual(expect.stringMatching(/warning: cycle made only of guessed edges: left, right/));
  });
});
