import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Nest's dependency injection reads constructor types from decorator metadata.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration files each start a whole platform; on two cores they are faster one after another.
    fileParallelism: false,
  },
});
