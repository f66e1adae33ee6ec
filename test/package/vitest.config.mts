import { defineConfig } from 'vitest/config';

// Packs the library and installs it into a project outside the workspace with plain npm.
// Slow (npm installs, a native build of nodejieba), so it runs as its own step: pnpm test:package.
export default defineConfig({
  test: {
    name: 'package',
    include: ['test/package/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
