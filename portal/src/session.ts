import { api, call, setCsrfToken } from './api/client';

export interface Session {
  readonly name: string;
  readonly type: string;
  readonly id: string;
}

/** Who is signed in, or undefined when the API says nobody (401). Other failures are thrown. */
export const loadSession = async (): Promise<Session | undefined> => {
  const r = await fetch('/auth/session', {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (r.status === 401 || r.status === 404) {
    setCsrfToken(undefined);
    if (r.status === 401) return undefined;
  } else if (r.ok) {
    const body = (await r.json()) as { csrf_token?: string };
    setCsrfToken(body.csrf_token);
  }
  try {
    const { principal } = await call(api.GET('/iam/2019-12-10/caller-identity'));
    return { name: principal.name, type: principal.type, id: principal.id };
  } catch (e) {
    if ((e as { status?: number }).status === 401) return undefined;
    throw e;
  }
};

/** Sends the browser to the sign-in flow, coming back to where the user was. */
export const signInUrl = (returnTo: string) => `/auth/login?return_to=${encodeURIComponent(returnTo)}`;

/** Ends the session on the server (the cookie is revoked, not only forgotten). */
export const signOut = async (csrf?: string) => {
  await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: csrf ? { 'x-csrf-token': csrf } : {},
  });
};
