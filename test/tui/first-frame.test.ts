/**
 * Time to the first frame on 10,000 services, as a user sees it: the real binary in tmux, from
 * starting the process (loading the file included) until the service list is on the screen. The
 * replay and the audit come after that frame, so it shows "computing the replay…" first. The bound
 * is generous (the machine is shared); docs/speed.md has the measured figures.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticDoc } from '../../src/bench/synthetic.js';
import { hasTmux, Term } from './tmux.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BOUND_MS = 15_000;

describe.skipIf(!hasTmux())('explore on 10,000 services in a real terminal (tmux, 120×40)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-first-frame-'));
  const file = join(dir, 'big.yaml');
  writeFileSync(file, stringify(syntheticDoc({ services: 10_000, events: 200 })));
  let term: Term | undefined;
  afterAll(() => { term?.kill(); rmSync(dir, { recursive: true, force: true }); });

  it(`draws the service list within ${BOUND_MS / 1000} s, before the replay and the audit, which follow`, async () => {
    const t0 = Date.now();
    term = Term.start(`faultline-first-${process.pid}`, `node dist/cli/main.js explore ${file}`, ROOT, 120, 40);
    const first = await term.until((s) => s.includes('services 10,000'), 'the first frame', 60_000);
    const ms = Date.now() - t0;
    expect(ms).toBeLessThan(BOUND_MS);
    expect(first).toContain('computing the replay…');
    expect(first).toMatch(/▸· svc-0000/);
    await new Promise((r) => setTimeout(r, 300)); // let ink switch the tty to raw input
    await term.type('j'); // keys typed while computing are handled once it is done
    const done = await term.until((s) => /● [\d,]+ ok/.test(s) && !s.includes('computing'), 'the replay and the audit', 120_000);
    expect(done).toMatch(/▸[●▲✖] svc-0001/);
    await term.type('q');
    await term.until((s) => s.includes('FAULTLINE_EXIT=0'), 'a clean exit');
  }, 240_000);
});
