import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The interop checks need LibreOffice, Chromium and Java: `npm run test:interop`.
    exclude: [...configDefaults.exclude, 'test/interop/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
