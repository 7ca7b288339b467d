import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { JWK } from 'jose';
import Provider from 'oidc-provider';
import type { TrustedIssuer } from '../../../shared/domain/identity/external-tokens.js';
import { passwordMatches, type DevUser } from './dev-user.js';
import { loginPage, logoutPage, messagePage } from './pages.js';

/** Where the provider is mounted on Coffer's own server; its issuer is `{public URL}/dev-oidc`. */
export const DEV_OIDC_PATH = '/dev-oidc';
/** The portal's confidential client (Coffer's BFF). Its secret is random per process. */
export const WEB_CLIENT_ID = 'coffer-web';
/** The CLI's public client: PKCE, loopback redirect on any port (RFC 8252), or the device flow. */
export const CLI_CLIENT_ID = 'coffer-cli';
/** The scope that makes an access token a JWT for Coffer's API (audience COFFER_AUDIENCE). */
export const API_SCOPE = 'coffer';

export interface DevIdentityProvider {
  readonly issuer: string;
  readonly webClient: { clientId: string; clientSecret: string };
  readonly cliClientId: string;
  /** Trust for access tokens the provider issues to the CLI (bearer callers). */
  readonly trustedIssuer: TrustedIssuer;
  /** Serves a request under /dev-oidc; false when the path is not the provider's. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

const signingKey = async (dataDir: string): Promise<JWK & { kid: string }> => {
  const file = join(dataDir, 'dev-oidc-key.json');
  const stored = await readFile(file, 'utf8').then(
    (t) => JSON.parse(t) as JWK & { kid: string },
    () => undefined,
  );
  if (stored) return stored;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = {
    ...(privateKey.export({ format: 'jwk' }) as JWK),
    kid: `dev-${randomBytes(6).toString('hex')}`,
    alg: 'ES256',
    use: 'sig',
  };
  await writeFile(file, JSON.stringify(jwk) + '\n', { mode: 0o600 });
  return jwk;
};

const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16_384) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

const send = (res: ServerResponse, status: number, html: string) => {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
  res.end(html);
};

/**
 * The development OpenID Connect provider of `npm start` (the `oidc-provider` package), with one
 * user. Lives only under functions/local/: the Lambda bundle never imports it.
 */
export const createDevIdentityProvider = async (opts: {
  publicUrl: string;
  dataDir: string;
  audience: string;
  user: () => DevUser;
}): Promise<DevIdentityProvider> => {
  const base = opts.publicUrl.replace(/\/$/, '');
  const issuer = `${base}${DEV_OIDC_PATH}`;
  const webSecret = randomBytes(32).toString('base64url');
  const account = (id: string) => {
    const u = opts.user();
    return id === u.subject
      ? {
          accountId: id,
          claims: () => ({ sub: id, email: u.email, email_verified: true, name: u.email }),
        }
      : undefined;
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        client_secret: webSecret,
        redirect_uris: [`${base}/auth/callback`],
        post_logout_redirect_uris: [`${base}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
      {
        client_id: CLI_CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/callback', 'http://[::1]/callback'],
        grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
        response_types: ['code'],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [await signingKey(opts.dataDir)] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Explicit lifetimes (seconds); oidc-provider warns about its defaults otherwise.
    ttl: {
      AccessToken: 900,
      AuthorizationCode: 60,
      DeviceCode: 600,
      Grant: 14 * 86_400,
      IdToken: 3600,
      Interaction: 3600,
      RefreshToken: 14 * 86_400,
      Session: 14 * 86_400,
    },
    findAccount: (_ctx: unknown, id: string) => account(id),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile', 'offline_access', API_SCOPE],
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `${DEV_OIDC_PATH}/interaction/${interaction.uid}`,
    },
    // First-party clients: no consent screen, the grant is made on the spot.
    loadExistingGrant: async (ctx: {
      oidc: {
        client: { clientId: string };
        session: { accountId: string; grantIdFor(clientId: string): string | undefined };
        result?: { consent?: { grantId?: string } };
        resourceServers?: Record<string, unknown>;
      };
    }) => {
      const existing =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return provider.Grant.find(existing);
      const grant = new provider.Grant({
        accountId: ctx.oidc.session.accountId,
        clientId: ctx.oidc.client.clientId,
      });
      grant.addOIDCScope(`openid email profile offline_access ${API_SCOPE}`);
      for (const resource of Object.keys(ctx.oidc.resourceServers ?? {}))
        grant.addResourceScope(resource, API_SCOPE);
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: false },
      deviceFlow: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: { body: string }, form: string) => {
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx: { body: string }) => {
          ctx.body = messagePage('Signed out', 'You are signed out of the local development provider.');
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => `${base}/`,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: API_SCOPE,
          audience: opts.audience,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 900,
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
    extraTokenClaims: (_ctx: unknown, token: unknown) => {
      const u = opts.user();
      return (token as { accountId?: string }).accountId === u.subject
        ? { email: u.email, email_verified: true }
        : {};
    },
    renderError: (ctx: { type: string; body: string }, out: { error?: string }) => {
      ctx.type = 'html';
      ctx.body = messagePage('Sign-in error', `The request was refused (${out.error ?? 'error'}).`);
    },
  });
  const callback = provider.callback();
  const interaction = new RegExp(`^${DEV_OIDC_PATH}/interaction/([A-Za-z0-9_-]+)(/login|/abort)?$`);

  const interact = async (req: IncomingMessage, res: ServerResponse, uid: string, action?: string) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid)
      return send(res, 400, messagePage('Sign-in error', 'This sign-in page has expired.'));
    const action_ = `${DEV_OIDC_PATH}/interaction/${uid}/login`;
    if (action === '/abort') {
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'sign-in cancelled' },
        { mergeWithLastSubmission: false },
      );
    }
    if (action === '/login' && req.method === 'POST') {
      const form = await readForm(req);
      const u = opts.user();
      const email = (form.get('email') ?? '').trim().toLowerCase();
      const ok = (await passwordMatches(form.get('password') ?? '', u.passwordHash)) && email === u.email;
      if (!ok) return send(res, 401, loginPage(action_, { email, error: 'Wrong e-mail or password.' }));
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: u.subject } },
        { mergeWithLastSubmission: false },
      );
    }
    if (details.prompt.name === 'login') return send(res, 200, loginPage(action_, {}));
    // Any other prompt (consent) is granted by loadExistingGrant. Finishing names that grant as the
    // consent given: a native client (the CLI's loopback PKCE flow) needs a consent result on every
    // authorization, and without one the provider would ask again in an endless loop.
    return provider.interactionFinished(
      req,
      res,
      details.grantId ? { consent: { grantId: details.grantId } } : {},
      { mergeWithLastSubmission: true },
    );
  };

  return {
    issuer,
    webClient: { clientId: WEB_CLIENT_ID, clientSecret: webSecret },
    cliClientId: CLI_CLIENT_ID,
    trustedIssuer: { issuer, audience: opts.audience },
    handle: (req, res) => {
      const url = req.url ?? '/';
      if (
        url !== DEV_OIDC_PATH &&
        !url.startsWith(`${DEV_OIDC_PATH}/`) &&
        !url.startsWith(`${DEV_OIDC_PATH}?`)
      )
        return false;
      const path = url.split('?')[0] as string;
      const m = interaction.exec(path);
      if (m) {
        interact(req, res, m[1] as string, m[2]).catch(() => {
          if (!res.headersSent)
            send(res, 400, messagePage('Sign-in error', 'This sign-in could not continue; start again.'));
        });
        return true;
      }
      // Mounted under a path: oidc-provider reads the mount point from originalUrl (as under Express).
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
      req.url = url.slice(DEV_OIDC_PATH.length) || '/';
      callback(req, res);
      return true;
    },
  };
};
