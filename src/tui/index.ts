/**
 * What the CLI uses of the terminal UI. Nothing here loads ink or react: `launch.tsx` (which does)
 * is imported with `import()` only when stdout is a terminal.
 */
export { exploreData, type ExploreData } from './data.js';
export { createCleanup, type Cleanup } from './cleanup.js';
export { plainSummary } from './summary.js';
