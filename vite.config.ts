import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { contentSecurityPolicy, pgDataTemplate, pgliteVersion } from './src/worker/vite-plugins.ts';

export default defineConfig({
  plugins: [svelte(), pgDataTemplate(), contentSecurityPolicy()],
  define: {
    __PGLITE_VERSION__: JSON.stringify(pgliteVersion()),
  },
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // PGlite's WebAssembly and data files are large by nature; they load in the worker.
    chunkSizeWarningLimit: 4096,
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
