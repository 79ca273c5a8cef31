// The parents' web app (src/portal/web), built apart from the desk into out/portal-web, which the hub serves
// (src/portal/staticWeb.ts). `npx vite build -c vite.portal.config.ts`; during development,
// `npx vite -c vite.portal.config.ts` proxies /api to a hub started with `npm run portal`.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve('src/portal/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve('out/portal-web'),
    emptyOutDir: true,
    // The hub serves /assets/ with a one-year cache: every file name there carries a content hash.
    assetsDir: 'assets',
    // The hub's CSP allows scripts from 'self' only: no inline script, no data: URL for code.
    assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8420' },
  },
});
