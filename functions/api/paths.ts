import { getPath as honoGetPath } from 'hono/utils/url';

/**
 * HCP-style custom methods (`secrets:open`, `apps/{name}:purge`, `secret/kv:batch`) put a colon in
 * the last path segment, which Hono's router cannot match next to a parameter. The router therefore
 * sees them as an extra segment, `/@open`; the OpenAPI document is rewritten back to the public form.
 */
export const CUSTOM_VERBS = ['open', 'purge', 'batch', 'plan', 'sync'] as const;
type Verb = (typeof CUSTOM_VERBS)[number];

const VERB_SUFFIX = new RegExp(`:(${CUSTOM_VERBS.join('|')})$`);
const INTERNAL_VERB = new RegExp(`/@(${CUSTOM_VERBS.join('|')})(?=$|/)`, 'g');

export const withVerb = (path: string, verb: Verb) => `${path}/@${verb}`;

/**
 * Router path for a request: `/x:open` → `/x/@open`; a literal `/@` in a request never matches.
 * A Vault list (`LIST /v1/p`, or `GET /v1/p?list=true` as Go clients send it) routes as
 * `/v1/@list/p`, so listing and reading the same path are distinct routes (and audit operations).
 */
export const routerPath = (req: Request): string => {
  const path = honoGetPath(req);
  if (path.includes('/@')) return '/~invalid';
  if (path.startsWith('/v1/') && isVaultList(req)) return `/v1/@list${path.slice(3)}`;
  return path.replace(VERB_SUFFIX, '/@$1');
};

const LIST_QUERY = /[?&]list=(true|1)(&|$)/;
const isVaultList = (req: Request) =>
  req.method === 'LIST' || (req.method === 'GET' && LIST_QUERY.test(req.url));

export const publicPath = (internal: string) => internal.replace(INTERNAL_VERB, ':$1');

export const SECRETS_PREFIX = '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}';
