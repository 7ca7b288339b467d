import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from './bundling.js';

/**
 * Bundles one function for CDK's local bundling (`npx tsx infra/bundle-cli.ts <entry> <outdir>`):
 * esbuild's API rather than its CLI, because the build needs a plugin (zod-locales-plugin.ts).
 */
const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) {
  console.error('usage: bundle-cli <entry.ts> <output dir>');
  process.exit(2);
}
await build({ ...esbuildOptions(entry, join(outdir, 'index.mjs')), metafile: false });
