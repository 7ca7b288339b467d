import { createCofferClient, type components } from '@coffer/api-client';
import type { Middleware } from 'openapi-fetch';

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

let csrfToken: string | undefined;
/** The session's CSRF token (from the session endpoint); sent on every state-changing call. */
export const setCsrfToken = (token: string | undefined) => {
  csrfToken = token;
};
export const CSRF_HEADER = 'x-csrf-token';

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD')
      request.headers.set(CSRF_HEADER, csrfToken);
    return request;
  },
};

/**
 * The one API client: same origin, the session cookie and no token in the page. Every call is typed
 * from Coffer's OpenAPI document.
 */
export const api = createCofferClient({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

/** Listeners told when the API answers 401 (the session ended), so the shell can show sign-in. */
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
