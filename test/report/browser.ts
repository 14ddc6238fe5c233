/** Headless Chromium for the HTML report tests: the same launcher the bench uses (src/bench/chromium.ts). */
export { CHROMIUM, hasChromium, launch } from '../../src/bench/chromium.js';
