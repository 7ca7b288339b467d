import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CofferError } from '../../../shared/domain/errors.js';
import { loginWithClientCredentials } from '../../../shared/domain/identity/client-login.js';
import {
  exchangeWorkloadToken,
  TOKEN_EXCHANGE_GRANT,
} from '../../../shared/domain/identity/token-exchange.js';
import type { AppEnv } from '../env.js';
import { presentCallerIdentity } from '../presenters/service-principals.js';
import { bearer, errors, ok } from '../route-kit.js';
import { TokenBody, TokenResponse } from '../schemas.js';
import { CallerIdentity } from '../schemas/service-principals.js';

const tags = ['Identity'];

const token = createRoute({
  operationId: 'Token',
  summary: 'Get an access token',
  method: 'post',
  path: '/oauth2/token',
  tags,
  security: [],
  description:
    'OAuth 2.0 client credentials grant (RFC 6749 §4.4). Credentials in the body or in an HTTP Basic ' +
    'Authorization header (client_secret_basic). Returns a short-lived ES256 access token.',
  request: {
    body: {
      required: true,
      content: {
        'application/x-www-form-urlencoded': { schema: TokenBody },
        'application/json': { schema: TokenBody },
      },
    },
  },
  responses: { ...ok(TokenResponse, 'an access token'), 400: errors[400], 401: errors[401] },
});
const callerIdentity = createRoute({
  operationId: 'GetCallerIdentity',
  summary: 'Who the caller is',
  description:
    'HCP: IamService_GetCallerIdentity. A workload that exchanged its token is reported as its service principal.',
  method: 'get',
  path: '/iam/2019-12-10/caller-identity',
  tags,
  security: bearer,
  responses: { ...ok(CallerIdentity, 'who the token belongs to'), 401: errors[401] },
});

/** client_secret_basic: `Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1). */
const basicCredentials = (c: Context): { id: string; secret: string } | undefined => {
  const header = c.req.header('authorization');
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) throw new CofferError('INVALID_CLIENT', 'malformed Basic credentials');
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    throw new CofferError('INVALID_CLIENT', 'malformed Basic credentials');
  }
};

const parseTokenBody = async (c: Context) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  let raw: unknown;
  if (type === 'application/x-www-form-urlencoded')
    raw = Object.fromEntries(new URLSearchParams(await c.req.text()));
  else if (type === 'application/json') {
    try {
      raw = await c.req.json();
    } catch {
      throw new CofferError('INVALID_ARGUMENT', 'request body is not valid JSON');
    }
  } else
    throw new CofferError(
      'INVALID_ARGUMENT',
      'send the token request as application/x-www-form-urlencoded or application/json',
    );
  const parsed = TokenBody.safeParse(raw);
  if (!parsed.success) {
    throw new CofferError(
      'INVALID_ARGUMENT',
      `invalid token request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
};

export const registerIdentityRoutes = (app: OpenAPIHono<AppEnv>) => {
  // Documented from the route above, but parsed by hand: it accepts either body encoding, and the
  // generated validator would require both.
  app.openAPIRegistry.registerPath(token);
  app.post('/oauth2/token', async (c) => {
    const body = await parseTokenBody(c);
    const services = c.get('services');
    c.header('cache-control', 'no-store');
    if (body.grant_type === TOKEN_EXCHANGE_GRANT) {
      const resource = body.resource ?? body.audience ?? '';
      const issued = await exchangeWorkloadToken(services, {
        subjectToken: body.subject_token,
        subjectTokenType: body.subject_token_type,
        resource,
      });
      // Only a successful exchange is the organization's event; a refused one names an
      // organization the caller has not proven anything about (functions/api/audit.ts).
      c.set('auditTarget', { orgId: issued.orgId });
      c.set('principal', issued.principal);
      return c.json(
        {
          access_token: issued.token,
          token_type: 'Bearer' as const,
          expires_in: issued.expiresIn,
          issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        },
        200,
      );
    }
    const basic = basicCredentials(c);
    const clientId = basic?.id ?? body.client_id;
    const clientSecret = basic?.secret ?? body.client_secret;
    if (!clientId || !clientSecret)
      throw new CofferError('INVALID_CLIENT', 'client_id and client_secret are required');
    // The presented client id is kept in the audit trail only as an HMAC.
    c.set('auditHashes', { client_id: clientId });
    const issued = await loginWithClientCredentials(services, clientId, clientSecret);
    c.set('auditTarget', { orgId: issued.orgId });
    c.set('principal', issued.principal);
    return c.json(
      { access_token: issued.token, token_type: 'Bearer' as const, expires_in: issued.expiresIn },
      200,
    );
  });

  app.openapi(callerIdentity, async (c) =>
    c.json(presentCallerIdentity(await c.get('services').callerIdentities.of(c.get('principal'))), 200),
  );

  app.get('/.well-known/jwks.json', async (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json(await c.get('services').tokens.jwks());
  });

  app.get('/.well-known/openid-configuration', (c) => {
    const issuer = c.get('services').tokens.issuer;
    c.header('cache-control', 'public, max-age=300');
    return c.json({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      token_endpoint: `${issuer}/oauth2/token`,
      grant_types_supported: ['client_credentials', TOKEN_EXCHANGE_GRANT],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      id_token_signing_alg_values_supported: ['ES256'],
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
    });
  });
};
