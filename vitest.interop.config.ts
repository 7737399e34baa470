import { defineConfig } from 'vitest/config';

/**
 * `npm run test:interop`: the published bundle checked with the tools people and validators use
 * (LibreOffice, poppler, qpdf, headless Chromium with axe-core, the Nu HTML Checker). Slow and
 * needs Debian packages, so it is not part of `npm test`. The bundle is written once, by the
 * real CLI, to output/interop/pubblicazione/ (screenshots go next to it).
 */
export default defineConfig({
  test: {
    include: ['test/interop/**/*.test.ts'],
    globalSetup: ['test/interop/setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
