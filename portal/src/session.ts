import { CSRF_HEADERS } from './api/client';

/** What GET /auth/session says (docs/SIGN-IN.md); only what the portal shows. */
export interface Session {
  readonly user: { readonly id: string; readonly name: string; readonly email: string | null };
  readonly organizations: readonly {
    readonly id: string;
    readonly name: string;
    readonly projects: readonly { readonly id: string; readonly name: string }[];
  }[];
}

/** Sign-in is not part of the OpenAPI document (it is the browser's own layer), so these two calls are plain fetches. */
const auth = (path: string, init: RequestInit = {}) =>
  fetch(path, {
    ...init,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...CSRF_HEADERS },
  });

export class SignInUnavailable extends Error {}

/** Who is signed in, or undefined when nobody is (401). */
export const loadSession = async (): Promise<Session | undefined> => {
  const r = await auth('/auth/session');
  if (r.status === 401) return undefined;
  if (r.status === 404)
    throw new SignInUnavailable('Sign-in is not configured on this Coffer (see docs/SIGN-IN.md).');
  if (!r.ok) throw new Error(`Could not read your session (HTTP ${r.status}).`);
  return (await r.json()) as Session;
};

/** The sign-in flow, coming back to `returnTo` (a path on this site). */
export const signInUrl = (returnTo: string) => `/auth/login?return_to=${encodeURIComponent(returnTo)}`;

/**
 * Ends the session at Coffer (the cookie is refused from then on), then at the identity provider
 * when it offers a logout page.
 */
export const signOut = async (): Promise<string | null> => {
  const r = await auth('/auth/logout', { method: 'POST' });
  if (!r.ok && r.status !== 401) throw new Error(`Signing out failed (HTTP ${r.status}).`);
  const body = r.ok ? ((await r.json()) as { logout_url?: string | null }) : {};
  return body.logout_url ?? null;
};
