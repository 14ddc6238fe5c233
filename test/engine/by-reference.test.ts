/**
 * Chains and cycles by reference (issue 12 item 6): a cause chain is read as its first links, its
 * length and its root; a long recovery-deadlock cycle is stored once and each member's cause
 * refers to it, while a short one is still named in full on every member's line.
 */
import { describe, expect, test } from 'vitest';
import { chainHead, explain, replay, transitionAt } from '../../src/engine/index.js';
import { graph } from './helpers.js';

const ev = (...items: string[]) => items.map((i) => `      - ${i}`).join('\n');
const id = (i: number) => `s${String(i).padStart(2, '0')}`;

describe('cause chains', () => {
  const chain = (n: number) => graph(
    [`  ${id(0)}: {}`, ...Array.from({ length: n - 1 }, (_, i) => `  ${id(i + 1)}: { dependsOn: [${id(i)}] }`)].join('\n'),
    ev(`{ at: "+10m", fail: { service: ${id(0)} } }`));

  test('the first links, the whole length and the root, agreeing with explain', () => {
    const r = replay(chain(10));
    const i = transitionAt(r, id(9), 20);
    const head = chainHead(r, i);
    const whole = explain(r, id(9), 20);
    expect(whole).toHaveLength(10);
    expect(head.links.map((j) => r.timeline[j])).toEqual(whole.slice(0, 6));
    expect(head.length).toBe(10);
    expect(r.timeline[head.root]).toBe(whole[9]);
    expect(chainHead(r, i, 100).links).toHaveLength(10);
  });
});

describe('recovery deadlock cycles', () => {
  const ring = (n: number) => replay(graph(
    ['  r: {}', ...Array.from({ length: n }, (_, i) => `  ${id(i)}: { dependsOn: [${id((i + 1) % n)}, r] }`)].join('\n'),
    ev('{ at: "+10m", fail: { service: r } }', '{ at: "+20m", recover: { service: r } }')));
  const waits = (n: number) => ring(n).timeline.filter((t) => t.cause.kind === 'deadlock');

  test('a short cycle is named in full on each member, with the record it belongs to', () => {
    const w = waits(3);
    expect(w.map((t) => t.cause.text)).toEqual(Array(3).fill('recovery deadlock: s00 → s01 → s02 → s00 each waits for the next to start'));
    expect(w.every((t) => t.cause.deadlock === 0)).toBe(true);
  });

  test('a long cycle is stored once: members name its number, size and ends', () => {
    const r = ring(40);
    expect(r.deadlocks.map((d) => d.cycle.length)).toEqual([40]);
    const w = r.timeline.filter((t) => t.cause.kind === 'deadlock');
    expect(w).toHaveLength(40);
    expect(new Set(w.map((t) => t.cause.text))).toEqual(new Set([
      'recovery deadlock 1 (40 services, listed once with the deadlocks): s00 → s01 → s02 → … → s39 → s00 each waits for the next to start',
    ]));
    expect(w.every((t) => t.cause.deadlock === 0)).toBe(true);
  });
});
