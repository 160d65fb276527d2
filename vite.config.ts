import { defineConfig } from 'vite';

// The dashboard front end: built into dist/web, served by `altseason serve`.
export default defineConfig({
  root: 'src/web',
  base: './',
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 400 },
  logLevel: 'warn',
});
