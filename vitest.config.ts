import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // The third-party corpus (../shared/realinputs) is not part of a clone: `npm run test:corpus`.
    exclude: ['test/corpus/**', '**/node_modules/**'],
    globalSetup: ['test/setup/missing-tools.ts', 'test/setup/temp-root.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Component tests render ink as a terminal would; ink switches to CI mode (final frame only)
    // when CI is set, as it is on the CI machine.
    env: { CI: '0', CONTINUOUS_INTEGRATION: '0' },
  },
});
