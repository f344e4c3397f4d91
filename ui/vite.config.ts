import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The built UI is served by `kader serve` (and loaded by the desktop window) under a strict CSP:
// no inline scripts or styles, so CSS goes to files and no module preload polyfill is inlined.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    // The vision's editor (TipTap, ProseMirror, Yjs: ~540 kB, ~170 kB gzipped) is one chunk,
    // loaded only when the Vision view opens; the main bundle stays as it was.
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev` talks to a local `kader serve` (or the preview stub) on port 7700. The server
    // answers only to its own addresses (`Host`), hence `changeOrigin`; the page's origin is
    // allowed with `--allow-origin`.
    proxy: {
      '/api/events': { target: 'ws://127.0.0.1:7700', ws: true, changeOrigin: true },
      '/api/session/events': { target: 'ws://127.0.0.1:7700', ws: true, changeOrigin: true },
      '/session/join': { target: 'http://127.0.0.1:7700', changeOrigin: true },
      '/yjs': { target: 'ws://127.0.0.1:7700', ws: true, changeOrigin: true },
      '/api': { target: 'http://127.0.0.1:7700', changeOrigin: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
