#!/usr/bin/env node
/* global URL */
// The published package ships dist/coffer.js (one bundled file). In a clone of the repository the
// bundle is built by `npm ci` (the workspace's prepare script); if it is missing, build it once here
// so `npx coffer` works either way.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/coffer.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  const { build } = await import('../build.mjs');
  await build();
}
await import(bundle.href);
