import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalCoffer } from '../functions/local/runtime.js';
import { parseLocalConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { renderClientSchema } from './render.js';

/**
 * `npm run generate:client`: starts a throwaway local Coffer, reads the OpenAPI document it serves
 * (the one generated from the same zod schemas that validate requests), and writes it and its
 * TypeScript rendering into this package.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const dataDir = await mkdtemp(join(tmpdir(), 'coffer-openapi-'));
const coffer = await startLocalCoffer(parseLocalConfig({ PORT: '0', COFFER_DATA_DIR: dataDir }), {
  log: createLogger('error'),
});
try {
  const document: unknown = await (await fetch(`${coffer.url}/openapi.json`)).json();
  await writeFile(join(here, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
  await writeFile(join(here, 'src', 'schema.ts'), await renderClientSchema(document));
  console.log('api-client: wrote openapi.json and src/schema.ts');
} finally {
  await coffer.close();
  await rm(dataDir, { recursive: true, force: true });
}
