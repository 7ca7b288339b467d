import { createCofferClient, type components } from '@coffer/api-client';

export type Schemas = components['schemas'];

/** An API error as the portal shows it: the server's own message, its HTTP status and request id. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly requestId: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Sent on every call: a cross-site page cannot add a custom header without a CORS preflight, which
 * Coffer never grants, so the session cookie alone is never enough (docs/SIGN-IN.md).
 */
export const CSRF_HEADERS = { 'X-Coffer-CSRF': '1' } as const;

/**
 * The one API client: same origin, the session cookie and no token in the page. Every call is typed
 * from Coffer's OpenAPI document.
 */
export const api = createCofferClient({ baseUrl: '', credentials: 'same-origin', headers: CSRF_HEADERS });

/** Listeners told when the API answers 401 (the session ended), so the shell can send the user to sign in. */
const signedOut = new Set<() => void>();
export const onSignedOut = (f: () => void) => {
  signedOut.add(f);
  return () => signedOut.delete(f);
};

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the server's message. */
export const call = async <T>(p: Promise<Result<T>>): Promise<T> => {
  let r: Result<T>;
  try {
    r = await p;
  } catch {
    throw new ApiError('Coffer could not be reached; check your connection and try again.', 0, undefined);
  }
  const { data, error, response } = r;
  if (response.ok) return (data ?? {}) as T;
  if (response.status === 401) for (const f of signedOut) f();
  const message =
    error && typeof error === 'object' && 'message' in error && typeof error.message === 'string'
      ? error.message
      : `${response.status} ${response.statusText}`;
  throw new ApiError(message, response.status, response.headers.get('x-request-id') ?? undefined);
};
