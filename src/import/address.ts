/**
 * Finds the host names a configuration value points at, and says why each one is an address.
 * A value is an address by its shape — a URL (with credentials, several hosts, several listeners),
 * `host:port`, a connection string (`Server=db;…`, `host=db user=…`), a cluster DNS name — or, for a
 * bare word, only when the variable's name says address (`*_HOST`, `*_ADDR`, `*_URL`, `*_ENDPOINT`…):
 * `POSTGRES_DB=orders` or `OTEL_SERVICE_NAME=cart` name a service without calling it.
 * Which of those hosts are services is for the format's reader to decide: it knows the names.
 */

export interface AddressRef {
  readonly host: string;
  /** Written as an address (by its shape or its variable's name), not just a word that equals a name. */
  readonly explicit: boolean;
  /** Only used to check the target's health: `…/hc`, `HealthChecks__0__Uri`. */
  readonly healthCheck: boolean;
  /** Why this is an address, for the `# guessed:` comment: `is a URL`, `names a host (…_HOST)`. */
  readonly why: string;
}

/** Marks text that needed a variable nobody defined: such a host is never an address. */
export const UNRESOLVED = '\u0000';
const HOST = /^[a-z0-9][a-z0-9._-]*$/i;
const HEALTH_PATH = /^\/(hc|health|healthz|healthcheck|liveness|readiness|ready|live|status)\b/i;
const HEALTH_NAME = /health|(^|[^a-z])hc([^a-z]|$)|[a-z]HC$/i;
const CONNECTION_KEYS = new Set(['server', 'host', 'hostname', 'data source', 'address', 'addr', 'endpoint']);
/** The last word of a variable (or config key) name that makes a bare value an address. */
const ADDRESS_WORDS = new Set([
  'host', 'hostname', 'hosts', 'addr', 'address', 'addresses', 'url', 'urls', 'uri', 'endpoint', 'endpoints',
  'server', 'servers', 'broker', 'brokers', 'dsn', 'connection', 'upstream', 'backend', 'target', 'targets',
]);
const NOT_A_HOST = /^(true|false|yes|no|on|off|null|none|nil|enabled|disabled)$/i;
const SCHEME_SPLIT = /,(?=\s*[a-z][a-z0-9+.-]*:\/\/)/i;

/** Expands `${VAR:-default}` and `${VAR-default}`; anything else that needs the environment is unresolved. */
export function expandDefaults(value: string): string {
  return value
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, (_m, d: string) => d)
    .replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, UNRESOLVED);
}

/** The word of a name that decides: `SPRING_RABBITMQ_HOST` → `host`, `EventBusConnection` → `connection`. */
export function lastWord(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
  return words[words.length - 1] ?? '';
}

export function nameSaysAddress(name: string): boolean {
  return ADDRESS_WORDS.has(lastWord(name));
}

export function addressesIn(envName: string, rawValue: string): AddressRef[] {
  // `X=${EVENTBUS_HOST:-queue}`: the inner variable's name judges the default too
  const inner = /^\$\{([A-Za-z_][A-Za-z0-9_]*):?-[^}]*\}$/.exec(rawValue.trim())?.[1];
  if (inner !== undefined && !nameSaysAddress(envName) && nameSaysAddress(inner)) return addressesIn(inner, rawValue);
  const value = expandDefaults(rawValue).trim();
  const nameSaysHealth = HEALTH_NAME.test(envName);
  const found: AddressRef[] = [];
  const add = (host: string, why: string, healthPath = false) => {
    const h = host.trim().replace(/^tcp:/i, '').replace(/[,:]\d+$/, '').toLowerCase();
    if (!HOST.test(h) || isLocal(h) || found.some((f) => f.host === h)) return;
    found.push({ host: h, explicit: true, healthCheck: nameSaysHealth || healthPath, why });
  };
  if (value.includes(';') && value.includes('=')) {
    for (const part of value.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && CONNECTION_KEYS.has(part.slice(0, eq).trim().toLowerCase())) add(part.slice(eq + 1), 'is a connection string');
    }
    return found;
  }
  const libpq = /(?:^|\s)host=(\S+)/i.exec(value);
  if (libpq && /\s\w+=/.test(value)) {
    add(libpq[1]!, 'is a connection string');
    return found;
  }
  const urls = value.split(SCHEME_SPLIT).flatMap((v) => [...v.matchAll(/[a-z][a-z0-9+.-]*:\/\/([^/?#\s]+)([^\s]*)/gi)]);
  if (urls.length > 0) {
    for (const m of urls) {
      const authority = m[1]!.slice(m[1]!.lastIndexOf('@') + 1);
      for (const h of authority.split(',')) add(h.replace(/:\d*$/, ''), 'is a URL', HEALTH_PATH.test(m[2] ?? ''));
    }
    return found;
  }
  if (/^[^\s:,]+:\d{1,5}(,[^\s:,]+:\d{1,5})*$/.test(value)) {
    for (const hp of value.split(',')) add(hp.slice(0, hp.lastIndexOf(':')), 'is host:port');
    return found;
  }
  if (HOST.test(value) && /\.svc(\.|$)/.test(value)) add(value, 'is a cluster DNS name');
  else if (HOST.test(value) && /[a-z]/i.test(value) && !NOT_A_HOST.test(value) && nameSaysAddress(envName)) {
    add(value, `names a host (…${lastWord(envName).toUpperCase()})`);
  }
  return found;
}

function isLocal(host: string): boolean {
  return host === 'localhost' || host === '0.0.0.0' || /^\d+(\.\d+){3}$/.test(host) || host.includes(UNRESOLVED);
}
