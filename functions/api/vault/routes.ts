import { Hono } from 'hono';
import { CofferError } from '../../../shared/domain/errors.js';
import { authenticate } from '../authenticate.js';
import type { AppEnv } from '../env.js';
import { AUTH_OPERATIONS, PUBLIC_PATHS, registerAuthRoutes } from './auth.js';
import { vaultErrorResponse } from './errors.js';
import { KV_DATA_OPERATIONS, REVEALING_OPERATIONS, registerKvDataRoutes } from './kv-data.js';
import { KV_METADATA_OPERATIONS, registerKvMetadataRoutes } from './kv-metadata.js';
import { registerSysRoutes, SYS_OPERATIONS } from './sys.js';

const PREFIX = '/v1';

/**
 * The Vault KV v2 front door (README "Vault API"): a sub-app under /v1 with Vault's error shape,
 * over the same use cases, authentication, authorization and audit as the HCP routes. Adds its
 * routes' audit operation names to `operations`, and which of them reveal values.
 */
export const registerVaultRoutes = (
  app: Hono<AppEnv>,
  operations: { names: Map<string, string>; reveals: Set<string> },
) => {
  const v = new Hono<AppEnv>();
  v.use('*', async (c, next) => {
    if (PUBLIC_PATHS.test(new URL(c.req.url).pathname)) return next();
    return authenticate(c, next);
  });
  registerAuthRoutes(v);
  registerSysRoutes(v);
  registerKvDataRoutes(v);
  registerKvMetadataRoutes(v);
  v.all('*', (c) => {
    throw new CofferError(
      'ROUTE_NOT_FOUND',
      `no handler for route "${new URL(c.req.url).pathname.slice(4)}"`,
    );
  });
  v.onError((err, c) => vaultErrorResponse(c, err));
  app.route(PREFIX, v);

  const names = { ...AUTH_OPERATIONS, ...SYS_OPERATIONS, ...KV_DATA_OPERATIONS, ...KV_METADATA_OPERATIONS };
  for (const [key, name] of Object.entries(names)) {
    const [method, path] = key.split(' ') as [string, string];
    operations.names.set(`${method} ${PREFIX}${path}`, name);
  }
  for (const name of REVEALING_OPERATIONS) operations.reveals.add(name);
};
