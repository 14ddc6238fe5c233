import { describe, expect, test } from 'vitest';
import { importFlat } from '../import/helpers.js';
import { REAL } from './real.js';

const EX = `${REAL}/backstage+backstage/packages/catalog-model/examples`;

describe('backstage: the catalog-model examples, reached through a Location', () => {
  // Derived by reading all-components.yaml (a Location listing 13 component files) and those files:
  // wayback-search consumesApis wayback-archive, which component wayback-archive provides; the
  // ingestion and storage components are subcomponentOf wayback-archive. No file of this version
  // has dependsOn.
  const r = importFlat([{ format: 'backstage', path: `${EX}/all-components.yaml` }]);

  test('the Location targets are followed', () => {
    expect(r.errors ?? []).toEqual([]);
    expect(r.services).toEqual([
      'artist-lookup', 'petstore', 'playback-order', 'playback-sdk', 'podcast-api', 'queue-proxy', 'searcher',
      'shuffle-api', 'wayback-archive', 'wayback-archive-ingestion', 'wayback-archive-storage', 'wayback-search', 'www-artist',
    ]);
  });

  test('consumer → provider of the API; subcomponents are soft, commented guesses', () => {
    expect(r.edges).toEqual([
      'wayback-archive -> wayback-archive-ingestion (soft)',
      'wayback-archive -> wayback-archive-storage (soft)',
      'wayback-search -> wayback-archive (hard)',
    ]);
    expect(r.text).toContain('# guessed: subcomponentOf — the parent is degraded, not down, when a part fails');
  });

  test('owner → team (kind prefix dropped), lifecycle/tags/type kept as x- fields', () => {
    expect(r.doc.services.searcher).toMatchObject({ team: 'guest', 'x-lifecycle': 'production', 'x-tags': ['go'], 'x-type': 'service', 'x-kind': 'Component' });
    expect(r.doc.services['www-artist']!.entrypoint).toBe(true);
  });
});

describe('backstage: whole trees, several versions and repositories combined', () => {
  // The fork variant of artist-lookup adds dependsOn: ['resource:artists-db']; the demo's
  // catalog-info.yaml is two documents: a Component consuming demo-graphql, and that API (no
  // provider anywhere, so it stands in for itself). Systems give x-system; app-config.yaml and
  // AiResource entities are not services.
  const r = importFlat([
    { format: 'backstage', path: `${REAL}/backstage+backstage` },
    { format: 'backstage', path: `${REAL}/backstage+demo` },
  ]);

  test('services and edges', () => {
    expect(r.errors ?? []).toEqual([]);
    expect(r.services).toEqual([
      'artist-lookup', 'artists-db', 'backstage-demo', 'demo-graphql', 'petstore', 'playback-order', 'playback-sdk',
      'podcast-api', 'queue-proxy', 'searcher', 'shuffle-api', 'wayback-archive', 'wayback-archive-ingestion',
      'wayback-archive-storage', 'wayback-search', 'www-artist',
    ]);
    expect(r.edges).toEqual([
      'artist-lookup -> artists-db (hard)',
      'backstage-demo -> demo-graphql (hard)',
      'wayback-archive -> wayback-archive-ingestion (soft)',
      'wayback-archive -> wayback-archive-storage (soft)',
      'wayback-search -> wayback-archive (hard)',
    ]);
  });

  test('both sides of a relation (consumesApis and apiConsumedBy) are one edge with two sources', () => {
    const dep = (r.doc.services['backstage-demo']!.dependsOn as Record<string, unknown>[])[0]!;
    expect(dep['x-source']).toEqual([`${REAL}/backstage+demo/catalog-info.yaml:15`, `${REAL}/backstage+demo/catalog-info.yaml:27`]);
    expect(r.warnings).toEqual([]);
  });

  test('resource roles, systems and the stand-in API are marked', () => {
    expect(r.doc.services['artists-db']).toMatchObject({ role: 'datastore', 'x-system': 'artist-engagement-portal', 'x-kind': 'Resource' });
    expect(r.doc.services['demo-graphql']!['x-kind']).toBe('API');
    expect(r.text).toContain('# guessed: no component in the inputs provides this API; it stands in for its provider\n  demo-graphql:');
    expect(r.doc.services['backstage-demo']!.team).toBe('backstage/maintainers');
  });
});
