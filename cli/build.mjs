/* global process, URL */
// Bundles the CLI into one file, dist/coffer.js. Only the OS keychain binding stays outside: it is a
// native addon, loaded on demand and optional at run time.
import { rename } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

/** Bundles src/main.ts to dist/coffer.js; bench/cli.ts passes another entry and output for a baseline. */
export const build = async ({
  entryPoint = here('./src/main.ts'),
  outfile = here('./dist/coffer.js'),
} = {}) => {
  const { build: esbuild } = await import('esbuild');
  const out = outfile;
  // Several test files may build at once: write aside, then rename (atomic on one file system).
  const tmp = `${out}.${process.pid}.${Date.now()}.tmp`;
  await esbuild({
    entryPoints: [entryPoint],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    external: ['@napi-rs/keyring'],
    // Bundled CommonJS dependencies call require(); give the ES module one.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    logLevel: 'warning',
  });
  await rename(tmp, out);
  return out;
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await build();
