import type { Context } from '../context.js';
import { CliError } from '../errors.js';
import { makeApi, ok, type Api } from '../api/client.js';
import { loadCredentials, saveCredentials, type CachedToken, type StoredCredentials } from './store.js';
import { refreshUserToken } from './oidc.js';

/** A token is reused until this close to its expiry (clock skew, a slow request). */
const EXPIRY_MARGIN_MS = 60_000;

export interface Principal {
  token: string;
  /**
   * Stable secret material of the signed-in principal (its client secret, or a seed made at login),
   * from which the offline cache key is derived where there is no OS keychain. Absent for a bare
   * COFFER_TOKEN, which changes every few minutes.
   */
  cacheSeed?: string;
  source: 'COFFER_TOKEN' | 'COFFER_CLIENT_ID' | 'login';
}

export const clientCredentialsToken = async (
  addr: string,
  clientId: string,
  secret: string,
): Promise<CachedToken> => {
  const body = await ok(
    makeApi(addr).POST('/oauth2/token', {
      body: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
    }),
    'signing in with client credentials',
  ).catch((e: unknown) => {
    if (e instanceof CliError && (e.code === 'AUTH_FAILED' || e.code === 'USAGE'))
      throw new CliError(
        'AUTH_FAILED',
        'Coffer refused the client id or secret',
        'Check them; an admin can issue a new key.',
        { cause: e },
      );
    throw e;
  });
  return { access_token: body.access_token, expires_at: Date.now() + body.expires_in * 1000 };
};

const fresh = (t?: CachedToken): t is CachedToken => !!t && t.expires_at - EXPIRY_MARGIN_MS > Date.now();

const renew = async (ctx: Context, c: StoredCredentials): Promise<CachedToken> => {
  switch (c.kind) {
    case 'client':
      return clientCredentialsToken(ctx.addr, c.client_id, c.client_secret);
    case 'user': {
      if (!c.refresh_token)
        throw new CliError('NOT_LOGGED_IN', 'your sign-in has expired', 'Run `coffer login` again.');
      const t = await refreshUserToken(c.issuer, c.client_id, c.refresh_token);
      if (t.refresh_token) c.refresh_token = t.refresh_token;
      return t.token;
    }
    case 'federated':
      throw new CliError(
        'NOT_LOGGED_IN',
        'the federated token has expired',
        `Run \`coffer login --federated-provider ${c.resource_name}\` again in this job.`,
      );
  }
};

/**
 * Who this invocation acts as, in order: COFFER_TOKEN, COFFER_CLIENT_ID + COFFER_CLIENT_SECRET, then
 * what `coffer login` stored for this address. The stored access token is reused while it is valid,
 * so most commands make no token request at all.
 */
export const principal = async (ctx: Context): Promise<Principal> => {
  const { env } = ctx;
  if (env.COFFER_TOKEN) return { token: env.COFFER_TOKEN, source: 'COFFER_TOKEN' };
  if (env.COFFER_CLIENT_ID || env.COFFER_CLIENT_SECRET) {
    if (!env.COFFER_CLIENT_ID || !env.COFFER_CLIENT_SECRET)
      throw new CliError(
        'NOT_LOGGED_IN',
        'COFFER_CLIENT_ID and COFFER_CLIENT_SECRET go together',
        'Set both, or neither.',
      );
    const t = await clientCredentialsToken(ctx.addr, env.COFFER_CLIENT_ID, env.COFFER_CLIENT_SECRET);
    return { token: t.access_token, cacheSeed: env.COFFER_CLIENT_SECRET, source: 'COFFER_CLIENT_ID' };
  }
  const stored = await loadCredentials(env, ctx.addr);
  if (!stored)
    throw new CliError(
      'NOT_LOGGED_IN',
      `not signed in to ${ctx.addr}`,
      'Run `coffer login` (or `coffer login --client-id ID` for a service principal), or set COFFER_TOKEN.',
    );
  const seed = stored.kind === 'client' ? stored.client_secret : stored.cache_seed;
  if (fresh(stored.token)) return { token: stored.token.access_token, cacheSeed: seed, source: 'login' };
  stored.token = await renew(ctx, stored);
  await saveCredentials(env, ctx.addr, stored);
  return { token: stored.token.access_token, cacheSeed: seed, source: 'login' };
};

export interface Session {
  api: Api;
  principal: Principal;
}

export const connect = async (ctx: Context): Promise<Session> => {
  const p = await principal(ctx);
  return { api: makeApi(ctx.addr, p.token), principal: p };
};
