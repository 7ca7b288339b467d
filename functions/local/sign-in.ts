import type { LocalConfig } from '../../shared/config.js';
import type { TrustedIssuer } from '../../shared/domain/identity/external-tokens.js';
import { normalizeMember } from '../../shared/domain/access/members.js';
import { unsafeOrgScope } from '../../shared/domain/scope.js';
import { sessionPolicyFrom, type Services, type SignInParts } from '../../shared/runtime/services.js';
import { loadDevUser, type DevUser, type DevUserResult } from './dev-oidc/dev-user.js';
import { createDevIdentityProvider, DEV_OIDC_PATH, type DevIdentityProvider } from './dev-oidc/provider.js';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';

export interface LocalSignIn {
  readonly parts?: SignInParts;
  readonly trustedIssuers: readonly TrustedIssuer[];
  readonly devProvider?: DevIdentityProvider;
  readonly devUser?: DevUserResult;
}

/**
 * People's sign-in for `npm start`: the embedded development provider by default, or the provider
 * COFFER_SIGNIN_ISSUER names (with COFFER_SIGNIN_CLIENT_ID/SECRET), or none (COFFER_DEV_OIDC=false).
 */
export const localSignIn = async (
  config: LocalConfig,
  dataDir: string,
  publicUrl: string,
): Promise<LocalSignIn> => {
  const policy = sessionPolicyFrom(config);
  const common = { policy, publicUrl, extraOrigins: config.COFFER_SIGNIN_EXTRA_ORIGINS };
  const redirect = { redirectUri: `${publicUrl}/auth/callback`, postLogoutRedirectUri: `${publicUrl}/` };
  if (config.COFFER_SIGNIN_ISSUER) {
    if (!config.COFFER_SIGNIN_CLIENT_ID || !config.COFFER_SIGNIN_CLIENT_SECRET)
      throw new Error('COFFER_SIGNIN_ISSUER needs COFFER_SIGNIN_CLIENT_ID and COFFER_SIGNIN_CLIENT_SECRET');
    if (config.COFFER_DEV_OIDC === 'true')
      throw new Error('COFFER_DEV_OIDC=true and COFFER_SIGNIN_ISSUER exclude each other');
    return {
      trustedIssuers: [],
      parts: {
        ...common,
        relyingParty: {
          issuer: config.COFFER_SIGNIN_ISSUER,
          clientId: config.COFFER_SIGNIN_CLIENT_ID,
          clientSecret: config.COFFER_SIGNIN_CLIENT_SECRET,
          scopes: config.COFFER_SIGNIN_SCOPES,
          ...redirect,
          ...(config.COFFER_SIGNIN_LOGOUT_URL ? { logoutUrl: config.COFFER_SIGNIN_LOGOUT_URL } : {}),
        },
        ...(config.COFFER_SIGNIN_CLI_CLIENT_ID ? { cliClientId: config.COFFER_SIGNIN_CLI_CLIENT_ID } : {}),
      },
    };
  }
  if (config.COFFER_DEV_OIDC === 'false') return { trustedIssuers: [] };

  const devUser = await loadDevUser(dataDir, {
    ...(config.COFFER_DEV_USER_EMAIL ? { email: config.COFFER_DEV_USER_EMAIL } : {}),
    ...(config.COFFER_DEV_USER_PASSWORD ? { password: config.COFFER_DEV_USER_PASSWORD } : {}),
  });
  const user: DevUser = devUser.user;
  const devProvider = await createDevIdentityProvider({
    publicUrl,
    dataDir,
    audience: config.COFFER_AUDIENCE,
    user: () => user,
  });
  return {
    devProvider,
    devUser,
    trustedIssuers: [devProvider.trustedIssuer],
    parts: {
      ...common,
      relyingParty: {
        issuer: devProvider.issuer,
        clientId: devProvider.webClient.clientId,
        clientSecret: devProvider.webClient.clientSecret,
        scopes: 'openid email profile',
        ...redirect,
      },
      cliClientId: devProvider.cliClientId,
    },
  };
};

/**
 * Makes the development user admin of the `default` organization, by e-mail (the provider asserts
 * it verified), so the grant survives a change of port and thus of issuer. Done when the user is
 * created or its e-mail changes, not at every start: removing the user stays removed.
 */
export const grantDevUser = async (services: Services, orgId: string, email: string) => {
  const member = normalizeMember({ id: email, type: 'USER' });
  const { org } = await services.access.getAccess({ orgId });
  if (!org) return;
  const admins = org.bindings.find((b) => b.role === 'admin');
  if (admins?.members.some((m) => m.type === 'USER' && m.id === member.id)) return;
  const bindings = admins
    ? org.bindings.map((b) => (b === admins ? { ...b, members: [...b.members, member] } : b))
    : [...org.bindings, { role: 'admin' as const, members: [member] }];
  await services.access.putPolicy({ orgId }, 'ORGANIZATION', bindings, org.etag);
  await services.access.putMembership(unsafeOrgScope(orgId), member);
};

export const isDevProviderPath = (request: Request) => {
  const path = new URL(request.url).pathname;
  return path === DEV_OIDC_PATH || path.startsWith(`${DEV_OIDC_PATH}/`);
};

/**
 * Hands the raw Node request to the development provider (a Koa app that reads and writes Node's
 * request and response itself) and tells the Hono adapter the response is already sent.
 */
export const serveDevProvider = (dev: DevIdentityProvider, env: unknown): Response => {
  const { incoming, outgoing } = env as HttpBindings;
  dev.handle(incoming, outgoing);
  return RESPONSE_ALREADY_SENT;
};
