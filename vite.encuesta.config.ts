import { defineConfig } from 'vite';

// The public survey page is its own tiny build (no React, no Mantine): it must load fast on a
// cheap phone over a slow rural connection. Served by the app at /e/{token}.
export default defineConfig({
  root: 'src/encuesta',
  base: '/e/',
  build: { outDir: '../../dist/encuesta', emptyOutDir: true, assetsInlineLimit: 0 },
});
