import { createCofferClient, type CofferClient, type CofferErrorBody } from '@coffer/api-client';
import { CliError } from '../errors.js';
import { nodeFetch } from '../http.js';

export type Api = CofferClient;

export const USER_AGENT = 'coffer-cli/0.1.0';

/** Fetch that turns "could not connect" into UNREACHABLE, so callers can fall back to the cache. */
const reachingFetch =
  (addr: string) =>
  async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    try {
      return await nodeFetch(input, init);
    } catch (e) {
      throw new CliError(
        'UNREACHABLE',
        `cannot reach Coffer at ${addr}`,
        'Check --addr / COFFER_ADDR and that the server is running (`npm start` locally).',
        { cause: e },
      );
    }
  };

export const makeApi = (addr: string, token?: string): Api =>
  createCofferClient({
    baseUrl: addr,
    fetch: reachingFetch(addr),
    headers: { 'user-agent': USER_AGENT },
    token: () => token,
  });

/** Unwraps an openapi-fetch result, turning an error status into a CliError that says what to do. */
export const ok = async <T>(
  p: Promise<{ data?: T; error?: unknown; response: Response }>,
  what: string,
): Promise<T> => {
  const { data, error, response } = await p;
  if (response.ok && data !== undefined) return data;
  if (response.ok) return {} as T;
  const body = (error ?? {}) as Partial<CofferErrorBody>;
  const msg = `${what}: ${body.message ?? response.statusText} (HTTP ${response.status})`;
  if (response.status >= 300 && response.status < 400)
    throw new CliError(
      'CONFIG',
      `${what}: Coffer answered a redirect (HTTP ${response.status}) to ${response.headers.get('location') ?? 'nowhere'}`,
      'Point --addr / COFFER_ADDR at the address it redirects to.',
    );
  switch (response.status) {
    case 401:
      throw new CliError('AUTH_FAILED', msg, 'Sign in again with `coffer login`, or check COFFER_TOKEN.');
    case 403:
      throw new CliError(
        'FORBIDDEN',
        msg,
        'Ask an admin of the organization or project for a role that allows it.',
      );
    case 404:
      throw new CliError(
        'NOT_FOUND',
        msg,
        'Check the names (`coffer apps list`, `coffer secrets list`) and --org/--project.',
      );
    case 409:
    case 412:
      throw new CliError(
        'CONFLICT',
        msg,
        'Someone changed it meanwhile, or it is locked: look, then try again.',
      );
    case 400:
    case 422:
      throw new CliError('USAGE', msg);
    default:
      throw new CliError('SERVER', msg, 'Try again; if it persists, the server logs have the request id.');
  }
};

/** The paging part of a list request's query. */
export interface PageQuery {
  'pagination.page_size': number;
  'pagination.next_page_token'?: string;
}

/** Follows a listing's `next_page_token` until the last page and returns every item. */
export const allPages = async <Page extends { pagination?: { next_page_token?: string } }, Item>(
  fetchPage: (query: PageQuery) => Promise<Page>,
  items: (page: Page) => readonly Item[],
  pageSize = 1000,
): Promise<Item[]> => {
  const all: Item[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage({
      'pagination.page_size': pageSize,
      ...(token ? { 'pagination.next_page_token': token } : {}),
    });
    all.push(...items(page));
    token = page.pagination?.next_page_token || undefined;
  } while (token);
  return all;
};
