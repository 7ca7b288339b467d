import type { Context, Hono } from 'hono';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { CofferError } from '../../../shared/domain/errors.js';
import { loginWithClientCredentials } from '../../../shared/domain/identity/client-login.js';
import { exchangeWorkloadToken } from '../../../shared/domain/identity/token-exchange.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { requestToken } from '../authenticate.js';
import type { AppEnv } from '../env.js';
import { vaultJson } from './envelope.js';
import { jsonBody } from './kv-paths.js';

/**
 * Vault logins that return Coffer tokens. Any auth mount name works (node-vault `mount_point`,
 * hvac `path`): the body decides. approle: `role_id` = a service principal key's client id,
 * `secret_id` = its secret (the client-credentials use case). jwt/kubernetes: `role` = a workload
 * identity provider's resource name, `jwt` = the workload's token (the token-exchange use case).
 * A stale X-Vault-Token sent along (node-vault and hvac do) is ignored: these routes do not
 * authenticate.
 */
const LoginBody = z.union([
  z.object({ role_id: z.string().min(1).max(256), secret_id: z.string().min(1).max(1024) }),
  z.object({ role: z.string().min(1).max(512), jwt: z.string().min(1).max(16_384) }),
]);

const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

const authBlock = (token: string, expiresIn: number, principal: Principal) => ({
  client_token: token,
  accessor: '',
  policies: ['default'],
  token_policies: ['default'],
  metadata: { principal_id: principal.id, principal_name: principal.name, principal_type: principal.type },
  // Coffer tokens are not renewable: clients log in again before lease_duration ends.
  lease_duration: expiresIn,
  renewable: false,
  entity_id: principal.id,
  token_type: 'service',
  orphan: true,
  mfa_requirement: null,
  num_uses: 0,
});

const login = async (c: Context<AppEnv>) => {
  const body = await jsonBody(c, LoginBody).catch(() => {
    throw new CofferError(
      'INVALID_ARGUMENT',
      'send {"role_id","secret_id"} (approle) or {"role","jwt"} (jwt, kubernetes)',
    );
  });
  const services = c.get('services');
  c.header('cache-control', 'no-store');
  if ('role_id' in body) {
    // The presented client id is kept in the audit trail only as an HMAC.
    c.set('auditHashes', { client_id: body.role_id });
    const issued = await loginWithClientCredentials(services, body.role_id, body.secret_id);
    // Only a successful login is the organization's event (functions/api/audit.ts).
    c.set('auditTarget', { orgId: issued.orgId });
    c.set('principal', issued.principal);
    return vaultJson(c, {
      auth: authBlock(issued.token, issued.expiresIn, issued.principal),
      mountType: 'approle',
    });
  }
  const issued = await exchangeWorkloadToken(services, {
    subjectToken: body.jwt,
    subjectTokenType: JWT_TYPE,
    resource: body.role,
  });
  c.set('auditTarget', { orgId: issued.orgId });
  c.set('principal', issued.principal);
  return vaultJson(c, {
    auth: authBlock(issued.token, issued.expiresIn, issued.principal),
    mountType: 'jwt',
  });
};

/** What ESO, hvac and Vault Agent read from lookup-self (VAULT_API.md §3): types exact. */
const lookupSelf = (c: Context<AppEnv>) => {
  const token = requestToken(c) as string; // authenticated: present and verified
  const claims = decodeJwt(token);
  const iat = claims.iat ?? 0;
  const exp = claims.exp ?? iat;
  const now = Math.floor(c.get('services').clock.now().getTime() / 1000);
  const p = c.get('principal');
  return vaultJson(c, {
    data: {
      accessor: '',
      creation_time: iat,
      creation_ttl: exp - iat,
      display_name: p.name,
      entity_id: p.id,
      expire_time: new Date(exp * 1000).toISOString(),
      explicit_max_ttl: 0,
      id: token,
      issue_time: new Date(iat * 1000).toISOString(),
      meta: { principal_id: p.id, principal_name: p.name, principal_type: p.type },
      num_uses: 0,
      orphan: true,
      path: 'auth/token/lookup-self',
      policies: ['default'],
      renewable: false,
      ttl: Math.max(0, exp - now),
      type: 'service',
    },
    mountType: 'token',
  });
};

export const registerAuthRoutes = (v: Hono<AppEnv>) => {
  v.on(['POST', 'PUT'], '/auth/:mount/login', login);
  v.get('/auth/token/lookup-self', lookupSelf);
};

export const AUTH_OPERATIONS = {
  'POST /auth/:mount/login': 'VaultLogin',
  'PUT /auth/:mount/login': 'VaultLogin',
  'GET /auth/token/lookup-self': 'VaultLookupSelf',
};

/** Paths that need no token. */
export const PUBLIC_PATHS = /^\/v1\/(auth\/[^/]+\/login\/?|sys\/seal-status)$/;
