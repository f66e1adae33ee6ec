import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'matcher',
    include: ['test/**/*.test.ts'],
  },
});
