import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { randomUUID } from 'node:crypto';
import { CofferError } from '../../shared/domain/errors.js';
import { auditRequests } from './audit.js';
import { authenticate } from './authenticate.js';
import { revealsValues } from './route-kit.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerIamRoutes } from './routes/iam.js';
import { registerServicePrincipalRoutes } from './routes/service-principals.js';
import { registerSyncRoutes } from './routes/sync.js';
import { AUTH_OPERATIONS, registerAuthRoutes } from './auth/routes.js';
import type { Services } from '../../shared/runtime/services.js';
import type { AppEnv } from './env.js';
import { errorResponse } from './errors.js';
import { publicPath, routerPath } from './paths.js';
import { registerAppRoutes } from './routes/apps.js';
import { registerIdentityRoutes } from './routes/identity.js';
import { registerResourceManagerRoutes } from './routes/resource-manager.js';
import { registerSecretRoutes } from './routes/secrets.js';
import { securityHeaders } from './security-headers.js';
import { requireUtf8Body } from './utf8-body.js';
import { registerVaultRoutes } from './vault/routes.js';

/** Largest request body accepted (API.md): 100 values of 64 KiB would not fit; a batch is ≤ 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Builds Coffer's HTTP API. The same app is served by the Lambda handler (functions/api/handler.ts)
 * and by the local process (functions/local/main.ts); only the Services passed in differ.
 */
export interface ApiOptions {
  /** The caller's address as the runtime sees it (API Gateway's sourceIp, the socket locally). */
  readonly clientIp?: (c: Context) => string;
}

export const createApi = (services: Services, opts: ApiOptions = {}) => {
  const app = new OpenAPIHono<AppEnv>({
    getPath: routerPath,
    strict: true,
    // Request validation failures become INVALID_ARGUMENT with the first problems spelled out.
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues
          .slice(0, 5)
          .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
        throw new CofferError('INVALID_ARGUMENT', `invalid ${result.target}: ${issues.join('; ')}`);
      }
    },
  });

  app.use(securityHeaders());
  app.use(async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    c.set('requestId', given && REQUEST_ID.test(given) ? given : randomUUID());
    c.set('services', services);
    c.header('x-request-id', c.get('requestId'));
    await next();
    // Handler time, so the benchmark can price Lambda duration without guessing. Set on the response
    // itself: c.header() on a finished response copies the whole response first (≈ 0.3 ms a request).
    c.res.headers.set('server-timing', `app;dur=${(performance.now() - started).toFixed(3)}`);
  });

  const operations = new Map<string, string>();
  const reveals = new Set<string>();
  app.use(auditRequests(services, { names: operations, reveals }, opts.clientIp ?? (() => 'unknown')));

  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new CofferError('BODY_TOO_LARGE', `request body exceeds ${MAX_BODY_BYTES} bytes`);
    },
  });
  // A GET or HEAD carries no body (a Request cannot hold one), and asking for it is not free: on
  // the local server it builds the full WHATWG Request, ≈ 0.3 ms of an open-all.
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.use(requireUtf8Body());

  for (const prefix of ['/secrets/*', '/2023-11-28/*', '/resource-manager/*', '/iam/*', '/audit/*'])
    app.use(prefix, authenticate);

  registerIdentityRoutes(app);
  registerResourceManagerRoutes(app);
  registerAppRoutes(app);
  registerSecretRoutes(app);
  registerIamRoutes(app);
  registerServicePrincipalRoutes(app);
  registerAuditRoutes(app);
  registerSyncRoutes(app);
  registerAuthRoutes(app);
  registerVaultRoutes(app, { names: operations, reveals });

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'coffer_session',
    description:
      'The browser session of docs/SIGN-IN.md (`__Host-coffer_session` on https), with the X-Coffer-CSRF header.',
  });
  let openapi: unknown;
  app.get('/openapi.json', (c) => {
    openapi ??= publicDocument(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        servers: [{ url: '/', description: 'this Coffer (the API is served at the root of its URL)' }],
        info: {
          title: 'Coffer API',
          version: '2023-11-28',
          description: 'HCP Vault Secrets 2023-11-28 compatible secrets API.',
        },
      }),
    );
    return c.json(openapi);
  });
  app.get('/healthz', (c) => c.json({ ok: true }));

  // Operation names for the audit trail: every documented route's operationId, by router path.
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const honoPath = def.route.path.replace(/\{([^}]+)\}/g, ':$1');
    const name = def.route.operationId ?? `${def.route.method} ${def.route.path}`;
    operations.set(`${def.route.method.toUpperCase()} ${honoPath}`, name);
    if (def.route[REVEALS_KEY] === true) reveals.add(name);
  }
  for (const [key, name] of Object.entries({ ...UNDOCUMENTED_OPERATIONS, ...AUTH_OPERATIONS }))
    operations.set(key, name);

  app.notFound((c) =>
    errorResponse(
      c,
      new CofferError('ROUTE_NOT_FOUND', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`),
      services.log,
    ),
  );
  app.onError((err, c) => errorResponse(c, err, services.log));
  return app;
};

const REVEALS_KEY = Object.keys(revealsValues)[0] as keyof typeof revealsValues;

const UNDOCUMENTED_OPERATIONS = {
  'GET /.well-known/jwks.json': 'GetJwks',
  'GET /.well-known/openid-configuration': 'GetOpenIdConfiguration',
  'GET /openapi.json': 'GetOpenApiDocument',
  'GET /healthz': 'Health',
  // Matched by a wildcard because the resource name holds slashes (routes/secrets.ts).
  'GET /2023-11-28/*': 'OpenAppSecretByResourceName',
};

/** Rewrites router-internal custom-verb paths (`/@open`) back to their public form (`:open`). */
const publicDocument = <T extends { paths?: Record<string, unknown> }>(doc: T): T => ({
  ...doc,
  paths: Object.fromEntries(Object.entries(doc.paths ?? {}).map(([p, v]) => [publicPath(p), v])),
});
