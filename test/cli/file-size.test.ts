/** --max-file-size: the size limit a user can raise, and the bigger heap a big file gets. */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseByteSize, MAX_STRING_BYTES } from '../../src/cli/global-flags.js';
import { HEAP_RAISED, raisedHeapMb, type HeapFacts } from '../../src/cli/heap.js';
import { graphBytes } from '../../src/cli/inputs.js';
import { MAX_FILE_BYTES } from '../../src/model/load.js';

const MAIN = resolve('dist/cli/main.js');
const SHOP = resolve('graphs/example-shop.yaml');
const INPUTS = pathToFileURL(resolve('dist/cli/inputs.js')).href;
const cli = (args: string[], input = '') => spawnSync('node', [MAIN, ...args], { input, encoding: 'utf8' });

describe('--max-file-size', () => {
  test('sizes with and without units; nonsense and sizes no string can hold are refused', () => {
    expect(parseByteSize('1000')).toBe(1000);
    expect(parseByteSize('300MB')).toBe(300e6);
    expect(parseByteSize('1.5GB')).toBeUndefined(); // over what one string can hold
    expect(parseByteSize('0.5 GB')).toBe(5e8);
    expect(parseByteSize('256MiB')).toBe(256 * 2 ** 20);
    expect(parseByteSize('512MiB')).toBeUndefined(); // 24 bytes over
    expect(parseByteSize('64kib')).toBe(65536);
    for (const bad of ['', 'MB', '-5', '1e9', '2XB', '0', '3 G B']) expect(parseByteSize(bad)).toBeUndefined();
    expect(parseByteSize(String(MAX_STRING_BYTES))).toBe(MAX_STRING_BYTES);
  });

  test('a file over the limit is a located error that names the option; raising the limit reads it', () => {
    const small = cli(['validate', SHOP, '--max-file-size', '1KB']);
    expect(small.status).toBe(2);
    expect(small.stderr).toMatch(/example-shop\.yaml:1:1: error: file is \d+ bytes, over the 1000-byte limit \(raise the limit with --max-file-size/);
    expect(cli(['validate', SHOP, '--max-file-size=1MB']).status).toBe(0);
    const stdin = cli(['validate', '-', '--max-file-size', '100'], 'x'.repeat(200));
    expect(stdin.stderr).toMatch(/<stdin>:1:1: error: input is over the 100-byte limit/);
  });

  test('after any command, and a bad size is a usage error', () => {
    const r = cli(['audit', SHOP, '--max-file-size', 'lots']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--max-file-size takes a size such as 300MB');
    expect(cli(['replay', SHOP, '--max-file-size', '10MB']).status).toBe(0);
    expect(cli(['--help']).stdout).toContain('--max-file-size SIZE');
  });
});

describe('heap for big files', () => {
  const facts = (over: Partial<HeapFacts>): HeapFacts => ({
    argv: ['audit', 'g.json'], env: {}, heapLimit: 4e9, totalMemory: 24e9, sizeOf: () => 1000, ...over,
  });

  test('a graph file over the default limit runs again with three quarters of memory', () => {
    expect(raisedHeapMb(facts({}))).toBeUndefined();
    expect(raisedHeapMb(facts({ sizeOf: (p) => (p === 'g.json' ? MAX_FILE_BYTES + 1 : 0) }))).toBe(Math.floor(18e9 / 2 ** 20));
    // never twice, never for options, never when the heap is already that big
    expect(raisedHeapMb(facts({ sizeOf: () => 1e9, env: { [HEAP_RAISED]: '1' } }))).toBeUndefined();
    expect(raisedHeapMb(facts({ argv: ['audit', '--format'], sizeOf: (p) => (p.startsWith('-') ? 1e9 : 0) }))).toBeUndefined();
    expect(raisedHeapMb(facts({ sizeOf: () => 1e9, heapLimit: 20e9 }))).toBeUndefined();
  });

  test('the size that counts: a file, the largest graph in a directory, a redirected standard input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-bytes-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.yaml'), 'x'.repeat(10));
    writeFileSync(join(dir, 'sub', 'b.json'), 'x'.repeat(30));
    writeFileSync(join(dir, 'notes.txt'), 'x'.repeat(99));
    expect(graphBytes(join(dir, 'a.yaml'))).toBe(10);
    expect(graphBytes(dir)).toBe(30);
    expect(graphBytes(join(dir, 'missing.yaml'))).toBe(0);
    expect(raisedHeapMb(facts({ argv: ['audit', '-'], sizeOf: (p) => (p === '-' ? MAX_FILE_BYTES + 1 : 0) }))).toBeGreaterThan(0);
    const input = openSync(join(dir, 'sub', 'b.json'), 'r');
    try {
      const child = spawnSync('node', ['--input-type=module', '-e', `import { graphBytes } from '${INPUTS}'; console.log(graphBytes('-'))`], { encoding: 'utf8', stdio: [input, 'pipe', 'pipe'] });
      expect(child.stdout.trim()).toBe('30');
    } finally {
      closeSync(input);
    }
    const piped = spawnSync('node', ['--input-type=module', '-e', `import { graphBytes } from '${INPUTS}'; console.log(graphBytes('-'))`], { encoding: 'utf8', input: 'x'.repeat(50) });
    expect(piped.stdout.trim()).toBe('0');
  });

  test('the re-run process reads what the first could not hold, with the same output and exit code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-heap-'));
    const big = join(dir, 'big.yaml');
    // A valid graph padded with a comment past the default limit.
    writeFileSync(big, `${spawnSync('cat', [SHOP], { encoding: 'utf8' }).stdout}\n#${'x'.repeat(MAX_FILE_BYTES)}\n`);
    // A 60 MB heap cannot hold the 64 MB text: only the re-run process can read it.
    const r = spawnSync('node', ['--max-old-space-size=60', MAIN, 'validate', big, '--max-file-size', '100MB'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/big\.yaml: ok \(\d+ services/);
    expect(r.status).toBe(0);
    // The same through a directory holding it, and through standard input redirected from it.
    const viaDir = spawnSync('node', ['--max-old-space-size=60', MAIN, 'validate', dir, '--max-file-size', '100MB'], { encoding: 'utf8' });
    expect([viaDir.status, viaDir.stderr]).toEqual([0, '']);
    const input = openSync(big, 'r');
    try {
      const viaStdin = spawnSync('node', ['--max-old-space-size=60', MAIN, 'validate', '-', '--max-file-size', '100MB'], { encoding: 'utf8', stdio: [input, 'pipe', 'pipe'] });
      expect([viaStdin.status, viaStdin.stderr, viaStdin.stdout]).toEqual([0, '', expect.stringMatching(/<stdin>: ok/)]);
    } finally {
      closeSync(input);
    }
    const bad = cli(['audit', big, '--max-file-size', '100MB', '--format', 'nonsense']);
    expect(bad.status).toBe(2);
  });
});
