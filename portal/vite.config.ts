import { defineConfig } from 'vite';

// Where `npm run dev -w portal` forwards API calls (a `npm start` on its default port).
const API = process.env.COFFER_API_URL ?? 'http://127.0.0.1:8787';
const API_PREFIXES = [
  '/secrets',
  '/resource-manager',
  '/iam',
  '/audit',
  '/oauth2',
  '/.well-known',
  '/auth',
  '/openapi.json',
];

export default defineConfig({
  // Preact's JSX through Vite's own transformer: no Babel, no plugin (see README "Portal").
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill is dead weight for the browsers we support and would be one more script to audit.
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: { proxy: Object.fromEntries(API_PREFIXES.map((p) => [p, { target: API, changeOrigin: false }])) },
});
