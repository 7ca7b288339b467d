import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { membersOf } from '../../../shared/domain/access/members.js';
import { CofferError } from '../../../shared/domain/errors.js';
import {
  resumeSession,
  type SessionDeps,
  type SessionRecord,
} from '../../../shared/domain/identity/sessions.js';
import type { Principal } from '../../../shared/domain/principal.js';
import type { Services, SignIn } from '../../../shared/runtime/services.js';
import type { AppEnv } from '../env.js';

/** Header every request authenticated by the session cookie must carry (docs/SIGN-IN.md). */
export const CSRF_HEADER = 'X-Coffer-CSRF';

/**
 * Cookie names. On https the `__Host-` prefix makes the browser refuse the cookie unless it is
 * Secure, host-only and Path=/, so a sibling subdomain cannot plant or overwrite it. On plain-http
 * loopback (local development only) a prefixed or Secure cookie would be dropped by browsers that
 * do not treat http://127.0.0.1 as secure (Safari), so the names lose the prefix there.
 */
export const cookieNames = (signIn: SignIn) =>
  isHttps(signIn)
    ? { session: '__Host-coffer_session', login: '__Host-coffer_login' }
    : { session: 'coffer_session', login: 'coffer_login' };

const isHttps = (signIn: SignIn) => new URL(signIn.publicUrl).protocol === 'https:';

/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure on https; a browser-session cookie. */
export const setSessionCookie = (c: Context<AppEnv>, signIn: SignIn, value: string) =>
  setCookie(c, cookieNames(signIn).session, value, {
    httpOnly: true,
    secure: isHttps(signIn),
    sameSite: 'Strict',
    path: '/',
  });

export const clearSessionCookie = (c: Context<AppEnv>, signIn: SignIn) =>
  deleteCookie(c, cookieNames(signIn).session, {
    path: '/',
    secure: isHttps(signIn),
    httpOnly: true,
    sameSite: 'Strict',
  });

/**
 * The login cookie links /auth/login to /auth/callback. It is SameSite=Lax because the callback is
 * a top-level navigation from the identity provider's site, which would not carry a Strict cookie.
 */
export const setLoginCookie = (c: Context<AppEnv>, signIn: SignIn, value: string, maxAge: number) =>
  setCookie(c, cookieNames(signIn).login, value, {
    httpOnly: true,
    secure: isHttps(signIn),
    sameSite: 'Lax',
    path: '/',
    maxAge,
  });

export const takeLoginCookie = (c: Context<AppEnv>, signIn: SignIn): string | undefined => {
  const name = cookieNames(signIn).login;
  const value = getCookie(c, name);
  if (value !== undefined)
    deleteCookie(c, name, { path: '/', secure: isHttps(signIn), httpOnly: true, sameSite: 'Lax' });
  return value;
};

export const sessionCookie = (c: Context<AppEnv>, signIn: SignIn): string | undefined =>
  getCookie(c, cookieNames(signIn).session);

/**
 * Cross-site request forgery defence for cookie-authenticated requests: the custom header cannot be
 * sent cross-origin without a CORS preflight, which Coffer never grants; and when the browser says
 * where the request came from (Origin, Sec-Fetch-Site) it must be Coffer's own origin.
 */
export const checkCsrf = (c: Context<AppEnv>, signIn: SignIn): void => {
  if (c.req.header(CSRF_HEADER) !== '1')
    throw new CofferError('CSRF_CHECK_FAILED', `a session request must carry the header ${CSRF_HEADER}: 1`);
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    if (!signIn.allowedOrigins.includes(origin))
      throw new CofferError(
        'CSRF_CHECK_FAILED',
        'the request comes from an origin that may not use this session',
      );
    return;
  }
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin')
    throw new CofferError('CSRF_CHECK_FAILED', 'the request comes from another site');
};

export const sessionDeps = (services: Services, signIn: SignIn): SessionDeps => ({
  sessions: signIn.sessions,
  clock: services.clock,
  organizationsOf: (p: Principal) => services.access.listOrganizationsOf(membersOf(p)),
});

/** The live session of a cookie-authenticated request (CSRF checked first), or undefined if no cookie. */
export const requestSession = async (c: Context<AppEnv>): Promise<SessionRecord | undefined> => {
  const signIn = c.get('services').signIn;
  if (!signIn) return undefined;
  const value = sessionCookie(c, signIn);
  if (value === undefined) return undefined;
  checkCsrf(c, signIn);
  return resumeSession(sessionDeps(c.get('services'), signIn), signIn.policy, value);
};
