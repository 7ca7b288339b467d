import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { zodEnglishOnly } from './zod-locales-plugin.js';
import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda bundle is built, in one place. The stack (through NodejsFunction, which runs
 * the esbuild CLI) and `bench/cold-start.ts` (through the esbuild API) both derive their options
 * from `BUNDLE` below, so the size and start-up time the benchmark reports are those of the code
 * that is deployed.
 */

/** Repository root: the NodejsFunction project root and the place the lock file lives. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The lock file NodejsFunction hashes and uses to find the project root. */
export const LOCK_FILE = fileURLToPath(new URL('../package-lock.json', import.meta.url));

/**
 * Entry points of the deployed functions. The stack builds one function from each, and the
 * cold-start benchmark bundles and measures each.
 */
export const ENTRIES = {
  api: fileURLToPath(new URL('../functions/api/handler.ts', import.meta.url)),
  syncWorker: fileURLToPath(new URL('../functions/sync-worker/handler.ts', import.meta.url)),
  scheduler: fileURLToPath(new URL('../functions/scheduler/handler.ts', import.meta.url)),
} as const;

/**
 * esbuild settings shared by every function.
 *
 * - `target` matches the Lambda runtime (`LAMBDA_RUNTIME` in constructs/function.ts, Node.js 24),
 *   so nothing is down-levelled.
 * - ESM output: the code base is ES modules, and ESM lets esbuild drop unused exports of the
 *   AWS SDK and Hono.
 * - `mainFields` prefers each package's ES module build for the same reason.
 * - `external` is empty on purpose: the AWS SDK is bundled rather than taken from the runtime,
 *   so the deployed code runs exactly the SDK version the tests ran, and one minified file loads
 *   faster than the runtime's hundreds of SDK files.
 * - The banner defines `require` for the CommonJS dependencies esbuild wraps (they call
 *   `require('node:crypto')` and the like, which an ES module does not have).
 * - No source map: with `--enable-source-maps` every cold start would load and parse it. Turn it
 *   on here (for both the stack and the benchmark) if minified stack traces become a problem.
 */
export const BUNDLE = {
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  external: [] as string[],
  banner:
    "import { createRequire as __cofferCreateRequire } from 'node:module'; const require = __cofferCreateRequire(import.meta.url);",
} as const;

/** The same build through esbuild's API (used by the cold-start benchmark). */
export const esbuildOptions = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: BUNDLE.target,
  format: BUNDLE.format,
  minify: BUNDLE.minify,
  sourcemap: BUNDLE.sourcemap,
  mainFields: [...BUNDLE.mainFields],
  external: [...BUNDLE.external],
  banner: { js: BUNDLE.banner },
  metafile: true,
  logLevel: 'warning',
  plugins: [zodEnglishOnly],
});

/**
 * Bundles `entry` into `outputDir/index.mjs` with `esbuildOptions`, in a child process (CDK's local
 * bundling hook is synchronous, and esbuild plugins need its asynchronous API). Never Docker.
 */
export const bundleLocally = (entry: string, outputDir: string): void => {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./bundle-cli.ts', import.meta.url)), entry, outputDir],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
};
