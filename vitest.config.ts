import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PDF and EPUB builds of every fixture take a few seconds on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks'
  }
})
