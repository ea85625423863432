import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per CPU less one: a single worker on two cores. Most slow files
    // wait on real time (the emulator's servers, leases, polls) rather than compute, so four side
    // by side finish sooner without starving each other.
    maxWorkers: 4,
    reporters: ['default', './test/support/count-reporter.ts'],
  },
});
