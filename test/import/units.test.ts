import { describe, expect, test } from 'vitest';
import { addressesIn, expandDefaults } from '../../src/import/address.js';
import { isServiceId, normaliseId } from '../../src/import/ids.js';
import { parseRef } from '../../src/import/backstage.js';
import { parseYamlDocs } from '../../src/import/located.js';
import { readCompose } from '../../src/import/compose.js';
import { combine } from '../../src/import/combine.js';

describe('addresses in env values', () => {
  const hosts = (name: string, value: string) => addressesIn(name, value).map((a) => `${a.host}${a.explicit ? '' : '?'}${a.healthCheck ? ' hc' : ''}`);
  test.each([
    ['X_ADDR', 'cart:7070', ['cart']],
    ['X', 'http://user:pw@api:8080/v1', ['api']],
    ['X', 'mongodb://a:1,b:2/db', ['a', 'b']],
    ['X', 'kafka-0:9092,kafka-1:9092', ['kafka-0', 'kafka-1']],
    ['X', 'Server=tcp:sql,1433;Database=x', ['sql']],
    ['X', '${DB:-Server=sqldata;Database=y}', ['sqldata']],
    ['X', '${ESHOP_EXTERNAL_DNS_NAME_OR_IP}:5105', []],
    ['X', 'http://0.0.0.0:80', []],
    ['X', 'http://localhost:80', []],
    ['X', '10.0.0.1:80', []],
    ['X', 'rabbitmq', []], // a bare word is an address only when the name says so
    ['SPRING_RABBITMQ_HOST', 'rabbitmq', ['rabbitmq']],
    ['EventBusConnection', 'rabbitmq', ['rabbitmq']],
    ['POSTGRES_DB', 'orders', []],
    ['OTEL_SERVICE_NAME', 'cart', []],
    ['useBackend', 'false', []],
    ['KAFKA_LISTENERS', 'PLAINTEXT://kafka:9092,CONTROLLER://kafka-ctl:9093', ['kafka', 'kafka-ctl']],
    ['DB', 'host=pg user=app password=x dbname=app', ['pg']],
    ['X', 'zipkin.tracing.svc.cluster.local', ['zipkin.tracing.svc.cluster.local']],
    ['X', '-Xms64m -Xmx128m', []],
    ['CatalogUrlHC', 'http://catalog-api/hc', ['catalog-api hc']],
    ['X', 'http://catalog-api/healthz', ['catalog-api hc']],
  ])('%s=%s', (name, value, expected) => {
    expect(hosts(name, value)).toEqual(expected);
  });
  test('defaults expand, other variables do not', () => {
    expect(expandDefaults('${A:-x}-${B-y}')).toBe('x-y');
    expect(expandDefaults('$HOME/${C}')).not.toMatch(/HOME|C/);
  });
});

describe('ids', () => {
  test.each([
    ['Catalog API', 'catalog-api'], ['reviews_v2', 'reviews_v2'], ['__proto__', 'proto'], ['svcA', 'svca'],
    ['..', 'service'], ['\u001b[31mred', '31mred'], ['Ünïcode Svc', 'unicode-svc'],
  ])('%j → %s', (name, id) => {
    expect(normaliseId(name)).toBe(id);
    expect(isServiceId(normaliseId(name))).toBe(true);
  });
  test('entity refs take the relation default kind and the entity namespace', () => {
    expect(parseRef('artists-db', 'component', 'default')).toBe('component:default/artists-db');
    expect(parseRef('resource:artists-db', 'component', 'shop')).toBe('resource:shop/artists-db');
    expect(parseRef('API:Other/Pay', 'api', 'shop')).toBe('api:other/pay');
  });
});

describe('hostile input', () => {
  test('an alias bomb parses without blowing up (aliases are shared)', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    const r = parseYamlDocs(bomb, 'bomb.yaml');
    expect(r.diagnostics).toEqual([]);
  });

  test('__proto__ as a service name is a plain key, and the id is normalised', () => {
    const reading = readCompose([{ file: 'c.yml', text: 'services:\n  __proto__: { image: x, depends_on: [constructor] }\n  constructor: { image: y }\n' }]);
    const g = combine([reading]);
    expect(g.services.map((s) => s.id)).toEqual(['constructor', 'proto']);
    expect(g.edges.map((e) => `${e.from} -> ${e.targets[0]}`)).toEqual(['proto -> constructor']);
    expect(({} as Record<string, unknown>).image).toBeUndefined();
  });

  test('merge keys (<<) apply, explicit keys win', () => {
    const reading = readCompose([{ file: 'c.yml', text: 'x-base: &base\n  depends_on: [db]\n  image: base\nservices:\n  web:\n    <<: *base\n    image: web\n  db: { image: "postgres:16" }\n' }]);
    const g = combine([reading]);
    expect(g.edges.map((e) => `${e.from} -> ${e.targets[0]}`)).toEqual(['web -> db']);
    expect(g.services.find((s) => s.id === 'web')!.x['x-image']).toBe('web');
  });
});

describe('compose variables', async () => {
  const { interpolate, parseEnvFile } = await import('../../src/import/compose-env.js');
  const vars = parseEnvFile('A=one\nexport B="two ${A}"\nC=\'${A}\'\nD=x # comment\nE=\n', '.env');
  test('env files: export, quotes, interpolation in double quotes only, inline comments', () => {
    expect([...vars].map(([k, v]) => `${k}=${v.value}@${v.loc.line}`)).toEqual(['A=one@1', 'B=two one@2', 'C=${A}@3', 'D=x@4', 'E=@5']);
  });
  test.each([
    ['${A}', 'one'], ['$A-x', 'one-x'], ['${Z:-dflt}', 'dflt'], ['${E:-dflt}', 'dflt'], ['${E-dflt}', ''],
    ['${A:+alt}', 'alt'], ['${Z:+alt}', ''], ['$$A', '$A'], ['${Z:-${A}}', 'one'],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text, vars)).toBe(expected);
  });
  test('an undefined variable stays unresolved', () => {
    expect(interpolate('${Z}:80', vars)).toMatch(/^\u0000:80$/);
    expect(interpolate('${Z:?required}', vars)).toBe('\u0000');
  });
});

describe('command lines', async () => {
  const { commandValues } = await import('../../src/import/command-line.js');
  test('flags, probes, bare addresses', () => {
    expect(commandValues(['--a.url=http://x:1', '--peer', 'y:2', 'sh -c "until nc -zv -w 3 db 5432; do sleep 1; done"', 'z:9', '--port', '80'])
      .map((v) => `${v.name}=${v.value}@${v.item}`)).toEqual(['a.url=http://x:1@0', 'peer=y:2@1', 'c=until@3', 'nc=db:5432@3', 'w=3@3', 'arg=z:9@4', 'port=80@5']);
  });
});

describe('config files in text', async () => {
  const { settingsIn } = await import('../../src/import/config-file.js');
  test('YAML leaves with their lines; key = value lines otherwise', () => {
    expect(settingsIn('a:\n  b:\n    - endpoint: x:1\n', 'f', 10).map((s) => `${s.path}|${s.key}=${s.value}@${s.loc.line}`)).toEqual(['a.b.endpoint|endpoint=x:1@12']);
    expect(settingsIn('# c\n[up]\nserver = db\n', 'f', 5).map((s) => `${s.path}=${s.value}@${s.loc.line}`)).toEqual(['up.server=db@7']);
  });
});
