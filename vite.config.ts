import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API the dev server forwards to; RANCHO_API points it at another port when 3000 is taken.
const api = process.env.RANCHO_API ?? 'http://127.0.0.1:3000';

// changeOrigin stays false: the server accepts writes only when Origin matches Host (CSRF check),
// and the browser's Origin is the dev server's.
const proxy = { target: api, changeOrigin: false };

// The web app lives in src/web; the server serves the build from dist/web on the same port.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The server's CSP forbids inline scripts (script-src 'self'): keep every asset a file.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      // With the trailing slash: a bare '/api' prefix would also swallow the module /api.ts.
      '/api/': proxy,
      '/healthz': proxy,
    },
  },
});
