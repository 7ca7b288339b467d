import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** A client whose paths, parameters, bodies and answers are checked against Coffer's OpenAPI document. */
export type CofferClient = Client<paths>;

/** Coffer's error body: a gRPC status code, a message for people, and details. */
export type CofferErrorBody = components['schemas']['Error'];

export interface CofferClientOptions {
  /** Where Coffer is served, e.g. `http://127.0.0.1:8787` (no trailing slash needed). */
  readonly baseUrl: string;
  /**
   * The bearer token for each request, asked for per request so a caller can refresh it. Leave it
   * out in the browser: the portal authenticates with its session cookie instead.
   */
  readonly token?: () => string | undefined | Promise<string | undefined>;
  /** Headers sent with every request (the portal's CSRF header, a user agent). */
  readonly headers?: Readonly<Record<string, string>>;
  /** `fetch` to use (tests, proxies); the global one by default. */
  readonly fetch?: typeof globalThis.fetch;
  /** Cookie policy in the browser; `same-origin` by default. */
  readonly credentials?: 'omit' | 'same-origin' | 'include';
}

/** Creates a typed client. Every call resolves to `{ data }` or `{ error }` with the HTTP `response`. */
export const createCofferClient = (opts: CofferClientOptions): CofferClient => {
  const client = createClient<paths>({
    baseUrl: opts.baseUrl.replace(/\/+$/, ''),
    headers: { ...opts.headers },
    credentials: opts.credentials ?? 'same-origin',
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const token = opts.token;
  if (token) {
    client.use({
      async onRequest({ request }) {
        const value = await token();
        if (value) request.headers.set('authorization', `Bearer ${value}`);
        return request;
      },
    });
  }
  return client;
};
