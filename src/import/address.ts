/**
 * Finds the host names an environment value points at: `host:port`, URLs (with credentials,
 * several hosts), connection strings (`Server=db;…`), `${VAR:-default}` defaults, or a bare name.
 * Which of those hosts are services is for the format's reader to decide: it knows the names.
 */

export interface AddressRef {
  readonly host: string;
  /** Written as an address (URL, host:port, connection string, cluster DNS name), not just a word. */
  readonly explicit: boolean;
  /** Only used to check the target's health: `…/hc`, `HealthChecks__0__Uri`. */
  readonly healthCheck: boolean;
}

const UNRESOLVED = '\u0000';
const HOST = /^[a-z0-9][a-z0-9._-]*$/i;
const HEALTH_PATH = /^\/(hc|health|healthz|healthcheck|liveness|readiness|ready|live|status)\b/i;
const HEALTH_NAME = /health|(^|[^a-z])hc([^a-z]|$)|[a-z]HC$/i;
const CONNECTION_KEYS = new Set(['server', 'host', 'hostname', 'data source', 'address', 'addr', 'endpoint']);

/** Expands `${VAR:-default}` and `${VAR-default}`; anything else that needs the environment is unresolved. */
export function expandDefaults(value: string): string {
  return value
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, (_m, d: string) => d)
    .replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, UNRESOLVED);
}

export function addressesIn(envName: string, rawValue: string): AddressRef[] {
  const value = expandDefaults(rawValue).trim();
  const nameSaysHealth = HEALTH_NAME.test(envName);
  const found: AddressRef[] = [];
  const add = (host: string, explicit: boolean, healthPath = false) => {
    const h = host.trim().replace(/^tcp:/i, '').replace(/[,:]\d+$/, '').toLowerCase();
    if (!HOST.test(h) || isLocal(h)) return;
    found.push({ host: h, explicit, healthCheck: nameSaysHealth || healthPath });
  };
  if (value.includes(';') && value.includes('=')) {
    for (const part of value.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && CONNECTION_KEYS.has(part.slice(0, eq).trim().toLowerCase())) add(part.slice(eq + 1), true);
    }
    return found;
  }
  const urls = [...value.matchAll(/[a-z][a-z0-9+.-]*:\/\/([^/?#\s]+)([^\s]*)/gi)];
  if (urls.length > 0) {
    for (const m of urls) {
      const authority = m[1]!.slice(m[1]!.lastIndexOf('@') + 1);
      for (const h of authority.split(',')) add(h.replace(/:\d*$/, ''), true, HEALTH_PATH.test(m[2] ?? ''));
    }
    return found;
  }
  if (/^[^\s:,]+:\d{1,5}(,[^\s:,]+:\d{1,5})*$/.test(value)) {
    for (const hp of value.split(',')) add(hp.slice(0, hp.lastIndexOf(':')), true);
    return found;
  }
  if (HOST.test(value)) add(value, /\.svc(\.|$)/.test(value));
  return found;
}

function isLocal(host: string): boolean {
  return host === 'localhost' || host === '0.0.0.0' || /^\d+(\.\d+){3}$/.test(host) || host.includes(UNRESOLVED);
}
