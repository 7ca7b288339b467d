import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError } from '../errors.js';
import { nodeFetch } from '../http.js';
import type { CachedToken } from './store.js';

/** How long a person has to finish signing in in the browser. */
const LOGIN_TIMEOUT_MS = 5 * 60_000;

export interface OidcMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  device_authorization_endpoint?: string;
  scopes_supported?: string[];
}

/**
 * The scope Coffer's own providers need for an access token meant for Coffer's API (a JWT with its
 * audience, docs/SIGN-IN.md); asked for only where the issuer lists it, so other providers are not
 * sent a scope they would refuse.
 */
export const COFFER_SCOPE = 'coffer';

/** `--scope` when given, else OpenID + e-mail + a refresh token, plus `coffer` where offered. */
export const scopeFor = (m: OidcMetadata, requested?: string): string =>
  requested ??
  [
    'openid',
    'email',
    'offline_access',
    ...(m.scopes_supported?.includes(COFFER_SCOPE) ? [COFFER_SCOPE] : []),
  ].join(' ');

export interface UserTokens {
  token: CachedToken;
  refresh_token?: string;
}

const b64url = (b: Buffer) => b.toString('base64url');

export const discover = async (issuer: string): Promise<OidcMetadata> => {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await nodeFetch(url);
  } catch (e) {
    throw new CliError('UNREACHABLE', `cannot reach the sign-in provider at ${issuer}`, 'Check --issuer.', {
      cause: e,
    });
  }
  if (!res.ok)
    throw new CliError(
      'CONFIG',
      `${url} answered HTTP ${res.status}`,
      'Check --issuer: it must be an OpenID Connect issuer.',
    );
  const m = (await res.json()) as Partial<OidcMetadata>;
  if (!m.authorization_endpoint || !m.token_endpoint)
    throw new CliError('CONFIG', `${issuer} has no authorization or token endpoint`);
  return m as OidcMetadata;
};

/** Coffer accepts the provider's JWT access token, or its ID token where the access token is opaque. */
const tokensFrom = (body: Record<string, unknown>): UserTokens => {
  const access = typeof body.access_token === 'string' ? body.access_token : undefined;
  const id = typeof body.id_token === 'string' ? body.id_token : undefined;
  const jwt = access && access.split('.').length === 3 ? access : id;
  if (!jwt)
    throw new CliError('AUTH_FAILED', 'the sign-in provider returned no JWT access token or ID token');
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 300;
  return {
    token: { access_token: jwt, expires_at: Date.now() + expiresIn * 1000 },
    ...(typeof body.refresh_token === 'string' ? { refresh_token: body.refresh_token } : {}),
  };
};

const postForm = async (url: string, form: Record<string, string>): Promise<Record<string, unknown>> => {
  const res = await nodeFetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok && !(typeof body.error === 'string'))
    throw new CliError('AUTH_FAILED', `the sign-in provider answered HTTP ${res.status}`);
  return body;
};

export const refreshUserToken = async (
  issuer: string,
  clientId: string,
  refreshToken: string,
): Promise<UserTokens> => {
  const m = await discover(issuer);
  const body = await postForm(m.token_endpoint, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: clientId,
  });
  if (body.error)
    throw new CliError('NOT_LOGGED_IN', 'your sign-in has expired', 'Run `coffer login` again.');
  return tokensFrom(body);
};

export interface PkceLoginOptions {
  issuer: string;
  clientId: string;
  /** Default: scopeFor(the issuer's metadata). */
  scope?: string;
  /** Shows the URL to open (and opens a browser where it can). */
  show(url: string): void;
  /** Paste-the-code fallback: asks for the address the browser ended on. */
  paste?: (prompt: string) => Promise<string>;
}

/**
 * Authorization code with PKCE (RFC 7636) over a loopback redirect (RFC 8252): a one-shot HTTP server
 * on 127.0.0.1 with a random port receives the code; state is checked; the verifier never leaves
 * this process until the token request. With `paste`, the user copies the address the browser
 * ended on instead (an SSH session, where the browser's loopback is another machine).
 */
export const loginWithPkce = async (o: PkceLoginOptions): Promise<UserTokens> => {
  const m = await discover(o.issuer);
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const state = b64url(randomBytes(16));
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const url = new URL(m.authorization_endpoint);
  const scope = scopeFor(m, o.scope);
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: o.clientId,
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    // OpenID Connect Core 11: a refresh token (offline_access) is only granted with prompt=consent.
    ...(scope.split(' ').includes('offline_access') ? { prompt: 'consent' } : {}),
  }))
    url.searchParams.set(k, v);
  try {
    const fromParams = (p: URLSearchParams): string => {
      if (p.get('state') !== state)
        throw new CliError(
          'AUTH_FAILED',
          'the sign-in answer does not match this login (state)',
          'Start `coffer login` again.',
        );
      // RFC 9207: an answer naming another issuer is a mix-up attack or a misconfiguration.
      const iss = p.get('iss');
      if (iss !== null && iss !== m.issuer)
        throw new CliError('AUTH_FAILED', `the sign-in answer comes from another issuer (${iss})`);
      const err = p.get('error');
      if (err)
        throw new CliError(
          'AUTH_FAILED',
          `the sign-in provider refused: ${err} ${p.get('error_description') ?? ''}`.trim(),
        );
      const code = p.get('code');
      if (!code) throw new CliError('AUTH_FAILED', 'the sign-in answer has no code');
      return code;
    };
    const viaLoopback = new Promise<string>((resolve, reject) => {
      server.on('request', (req, res) => {
        const u = new URL(req.url ?? '/', redirectUri);
        if (u.pathname !== '/callback') return void res.writeHead(404).end();
        try {
          const code = fromParams(u.searchParams);
          res
            .writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
            .end('Signed in to Coffer. You can close this tab.\n');
          resolve(code);
        } catch (e) {
          res
            .writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
            .end('Sign-in failed; see the terminal.\n');
          reject(e as Error);
        }
      });
    });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new CliError('AUTH_FAILED', 'sign-in timed out', 'Run `coffer login` again.')),
        LOGIN_TIMEOUT_MS,
      ).unref(),
    );
    o.show(url.toString());
    const pasted = o.paste
      ? o
          .paste('After signing in, paste the address your browser ended on (or just the code): ')
          .then((s) => {
            const t = s.trim();
            return t.includes('?') ? fromParams(new URL(t).searchParams) : t;
          })
      : new Promise<never>(() => undefined);
    const code = await Promise.race([viaLoopback, pasted, timeout]);
    const body = await postForm(m.token_endpoint, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: o.clientId,
      code_verifier: verifier,
    });
    if (body.error)
      throw new CliError('AUTH_FAILED', `the sign-in provider refused the code: ${String(body.error)}`);
    return tokensFrom(body);
  } finally {
    server.close();
    server.closeAllConnections();
  }
};

/** OAuth 2.0 device authorization grant (RFC 8628), where the provider offers it. */
export const loginWithDeviceCode = async (o: {
  issuer: string;
  clientId: string;
  scope?: string;
  show(text: string): void;
}): Promise<UserTokens> => {
  const m = await discover(o.issuer);
  if (!m.device_authorization_endpoint)
    throw new CliError(
      'USAGE',
      `${o.issuer} does not offer the device flow`,
      'Use `coffer login` without --device, or --paste.',
    );
  const start = await postForm(m.device_authorization_endpoint, {
    client_id: o.clientId,
    scope: scopeFor(m, o.scope),
  });
  if (start.error) throw new CliError('AUTH_FAILED', `device sign-in refused: ${String(start.error)}`);
  const uri = String(start.verification_uri_complete ?? start.verification_uri);
  o.show(`Open ${uri} and enter the code ${String(start.user_code)}`);
  let interval = (typeof start.interval === 'number' ? start.interval : 5) * 1000;
  const deadline =
    Date.now() + (typeof start.expires_in === 'number' ? start.expires_in * 1000 : LOGIN_TIMEOUT_MS);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, interval));
    const body = await postForm(m.token_endpoint, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: String(start.device_code),
      client_id: o.clientId,
    });
    if (!body.error) return tokensFrom(body);
    if (body.error === 'slow_down') interval += 5000;
    else if (body.error !== 'authorization_pending')
      throw new CliError(
        'AUTH_FAILED',
        `device sign-in failed: ${String(body.error)}`,
        'Run `coffer login --device` again.',
      );
  }
  throw new CliError('AUTH_FAILED', 'device sign-in timed out', 'Run `coffer login --device` again.');
};
