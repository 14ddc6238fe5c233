import { describe, expect, test } from 'vitest';
import { importFlat } from '../import/helpers.js';
import { REAL } from './real.js';

const FIXTURE = `${REAL}/jaegertracing+jaeger/internal/storage/v2/elasticsearch/depstore/testdata/write_dependencies.json`;

describe('jaeger (corpus)', () => {
  test('the Elasticsearch bulk fixture: svcA calls svcB once', () => {
    // Derived by reading write_dependencies.json: one link { parent: svcA, child: svcB, callCount: 1 }
    // inside the bulk body's second NDJSON document.
    const r = importFlat([{ format: 'jaeger', path: FIXTURE }]);
    expect(r.errors ?? []).toEqual([]);
    expect(r.services).toEqual(['svca', 'svcb']);
    expect(r.edges).toEqual(['svca -> svcb (hard)']);
    expect(r.doc.services.svca!['x-name']).toBe('svcA');
    expect((r.doc.services.svca!.dependsOn as Record<string, unknown>[])[0]).toMatchObject({ 'x-calls': 1, 'x-source': `${FIXTURE}:12` });
  });
});
