/**
 * Role guesses from a container image or a catalog type. Only the two roles an image states
 * plainly: stores and brokers. Anything else stays a `service`; every guess is commented.
 */
import type { Role } from '../model/types.js';

const DATASTORE = /(^|[/_-])(redis|valkey|mongo|mongodb|mysql|mariadb|postgres|postgresql|postgis|memcached|cassandra|scylla|elasticsearch|opensearch|couchdb|couchbase|mssql|etcd|minio|cockroach(db)?|clickhouse|influxdb|neo4j|sqlserver)([/:@_-]|$)/i;
const QUEUE = /(^|[/_-])(rabbitmq|kafka|nats|nats-streaming|activemq|artemis|pulsar|redpanda|nsq)([/:@_-]|$)/i;

export interface RoleGuess {
  readonly role: Role;
  readonly note: string;
}

export function roleFromImage(image: string | undefined): RoleGuess | undefined {
  if (!image) return undefined;
  const name = image.replace(/@sha256:.*$/, '');
  if (QUEUE.test(name)) return { role: 'queue', note: `guessed: role queue from image ${name}` };
  if (DATASTORE.test(name)) return { role: 'datastore', note: `guessed: role datastore from image ${name}` };
  return undefined;
}

/** Backstage Resource types (`database`, `s3-bucket`, `kafka-topic`…). */
export function roleFromResourceType(type: string | undefined): RoleGuess | undefined {
  if (!type) return undefined;
  if (/queue|topic|stream|broker/i.test(type)) return { role: 'queue', note: `guessed: role queue from resource type ${type}` };
  if (/database|db|bucket|storage|cache|table|store/i.test(type)) return { role: 'datastore', note: `guessed: role datastore from resource type ${type}` };
  return undefined;
}

/**
 * Telemetry backends: collectors, tracing, metrics and log stores. Calls to them are fire-and-forget
 * exports (or dashboards reading them), so edges to them default to `async`, guessed.
 */
const TELEMETRY_IMAGE = /(^|[/_-])(opentelemetry-collector[a-z-]*|otel-?collector[a-z-]*|otelcol[a-z-]*|jaeger[a-z-]*|zipkin|tempo|loki|promtail|prometheus|grafana|alertmanager|pushgateway|fluentd|fluent-bit|logstash|datadog-agent|splunk-otel-collector|signoz[a-z-]*|victoria-metrics|thanos|statsd|graphite)([/:@_-]|$)/i;
/** Variables that configure telemetry export: `OTEL_EXPORTER_OTLP_ENDPOINT`, `FLAGD_OTEL_COLLECTOR_URI`. */
const TELEMETRY_NAME = /(^|[^a-z])(otel|otlp|opentelemetry|jaeger|zipkin|tracing|tracer|traces|telemetry|collector|statsd|prometheus|loki|fluentd|logstash|syslog|datadog|dd_agent)([^a-z]|$)/i;

export function telemetryImage(image: string | undefined): boolean {
  return image !== undefined && TELEMETRY_IMAGE.test(image.replace(/@sha256:.*$/, ''));
}

export function telemetryName(name: string): boolean {
  return TELEMETRY_NAME.test(name);
}
