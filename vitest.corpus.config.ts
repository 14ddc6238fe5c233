/** `npm run test:corpus`: tests over the third-party inputs in ../shared/realinputs (test/corpus/). */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.{ts,tsx}'],
    globalSetup: ['test/setup/temp-root.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { CI: '0', CONTINUOUS_INTEGRATION: '0' },
  },
});
