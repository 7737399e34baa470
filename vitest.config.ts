import { defineConfig } from 'vitest/config';

/**
 * Three projects:
 * - unit: test/*.test.ts, in-process (they import from src/);
 * - cli: test/cli/, the built command `dist/bin.js` run as a process (`npm test` builds it first);
 * - interop: test/interop/, the published bundle checked with the tools people and validators use
 *   (LibreOffice, poppler, qpdf, headless Chromium with axe-core, the Nu HTML Checker). Slow and
 *   needs Debian packages: `npm test` runs unit and cli, `npm run test:interop` runs interop. Its
 *   bundle is written once, by the real CLI, to output/interop/pubblicazione/ (screenshots go next to it).
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One test file per core. Vitest's default (cores - 1) leaves a core to its own process, which
    // mostly waits: on a 2-core machine that runs the files one at a time (npm test: 30 s -> 23 s).
    maxWorkers: '100%',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/*.test.ts'] } },
      { extends: true, test: { name: 'cli', include: ['test/cli/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'interop',
          include: ['test/interop/**/*.test.ts'],
          globalSetup: ['test/interop/setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
