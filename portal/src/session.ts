import { api, ApiError, type Schemas } from './api/client';

/** What GET /auth/session says (docs/SIGN-IN.md), typed from the OpenAPI document. */
export type Session = Schemas['BrowserSession'];

export class SignInUnavailable extends Error {}

const failure = (what: string, r: { error?: unknown; response: Response }) => {
  const e = r.error as { message?: unknown } | undefined;
  const message = typeof e?.message === 'string' ? e.message : `HTTP ${r.response.status}`;
  return new ApiError(
    `${what}: ${message}`,
    r.response.status,
    r.response.headers.get('x-request-id') ?? undefined,
  );
};

/**
 * Who is signed in, or undefined when nobody is (401). Called without `call()`: a 401 here is the
 * ordinary signed-out state, not a session that ended in use.
 */
export const loadSession = async (): Promise<Session | undefined> => {
  const r = await api.GET('/auth/session', {});
  if (r.data) return r.data;
  if (r.response.status === 401) return undefined;
  if (r.response.status === 404)
    throw new SignInUnavailable('Sign-in is not configured on this Coffer (see docs/SIGN-IN.md).');
  throw failure('Could not read your session', r);
};

/** The sign-in flow, coming back to `returnTo` (a path on this site). A navigation, not an API call. */
export const signInUrl = (returnTo: string) => `/auth/login?return_to=${encodeURIComponent(returnTo)}`;

/**
 * Ends the session at Coffer (the cookie is refused from then on), then returns the identity
 * provider's logout page when it offers one.
 */
export const signOut = async (): Promise<string | null> => {
  const r = await api.POST('/auth/logout', {});
  if (r.data) return r.data.logout_url;
  if (r.response.status === 401) return null; // already ended
  throw failure('Signing out failed', r);
};
