import { createRequire } from 'node:module';
import type { Plugin } from 'esbuild';

/**
 * zod's classic API re-exports every error-message locale (`z.locales`), 260 kB of the API bundle
 * that Coffer never uses (its messages are English and its own). esbuild cannot drop them because
 * `@hono/zod-openapi` uses the whole `z` namespace object. This plugin answers zod's import of its
 * locale index with a module that exports English only, which is also what zod configures by default.
 */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(build) {
    const en = createRequire(import.meta.url).resolve('zod/v4/locales/en.js');
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-locales-en', namespace: 'coffer-zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'coffer-zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(en)};`,
      loader: 'js',
      resolveDir: '/',
    }));
  },
};
