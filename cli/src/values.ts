import { allPages, ok, type Api } from './api/client.js';
import { resolveScope } from './api/scope.js';
import { connect } from './auth/session.js';
import { loadCredentials } from './auth/store.js';
import type { Context } from './context.js';
import { formatAge } from './duration.js';
import { CliError } from './errors.js';
import type { NamedValue } from './formats/types.js';
import { cacheKey, readCache, writeCache, type CacheIdentity } from './offline-cache.js';

export interface FetchOptions {
  /** Use the offline copy without trying Coffer. */
  offline: boolean;
  /** Refuse an offline copy older than this (ms). */
  maxStaleMs: number;
}

export const PAGE_SIZE = 1000;

/** Every secret of an app with its value, following pages. */
export const openAll = async (api: Api, org: string, project: string, app: string): Promise<NamedValue[]> => {
  const secrets = await allPages(
    (query) =>
      ok(
        api.GET(
          '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps/{app_name}/secrets:open',
          { params: { path: { organization_id: org, project_id: project, app_name: app }, query } },
        ),
        `opening the secrets of app ${app}`,
      ),
    (page) => page.secrets,
    PAGE_SIZE,
  );
  return secrets.map((s) => ({ name: s.name, value: s.static_version.value }));
};

/**
 * Stable material for the cache key without any network call: the client secret in the environment,
 * or what `coffer login` stored for this address.
 */
const offlineSeed = async (ctx: Context): Promise<string | undefined> => {
  if (ctx.env.COFFER_TOKEN) return undefined;
  if (ctx.env.COFFER_CLIENT_SECRET) return ctx.env.COFFER_CLIENT_SECRET;
  const c = await loadCredentials(ctx.env, ctx.addr).catch(() => undefined);
  if (!c) return undefined;
  return c.kind === 'client' ? c.client_secret : c.cache_seed;
};

/** The cache is keyed by the names as the user gave them, so it can be found with no request. */
const identity = (ctx: Context, app: string): CacheIdentity => ({
  addr: ctx.addr,
  org: ctx.org ?? '',
  project: ctx.project ?? '',
  app,
});

const canFallBack = (e: unknown) => e instanceof CliError && e.code === 'UNREACHABLE';

/**
 * The values of each app, from Coffer (then kept in the offline cache), or from the offline cache
 * when Coffer cannot be reached or --offline says so, within --max-stale, with a warning on stderr.
 */
export const fetchAppValues = async (
  ctx: Context,
  apps: string[],
  opts: FetchOptions,
): Promise<Map<string, NamedValue[]>> => {
  let reason: CliError | undefined;
  if (!opts.offline) {
    try {
      const { api, principal } = await connect(ctx);
      const { org, project } = await resolveScope(ctx, api);
      const lists = await Promise.all(apps.map((a) => openAll(api, org, project, a)));
      const result = new Map(apps.map((a, i) => [a, lists[i] as NamedValue[]]));
      const key = await cacheKey(ctx.env, principal.cacheSeed).catch(() => undefined);
      if (key) {
        await Promise.all(
          apps.map((a) => writeCache(ctx.env, key, identity(ctx, a), result.get(a) ?? [])),
        ).catch((e: unknown) => ctx.warn(`could not update the offline cache: ${(e as Error).message}`));
      }
      return result;
    } catch (e) {
      if (!canFallBack(e)) throw e;
      reason = e as CliError;
    }
  }
  const key = await cacheKey(ctx.env, await offlineSeed(ctx)).catch(() => undefined);
  const result = new Map<string, NamedValue[]>();
  for (const app of apps) {
    const cached = key ? await readCache(ctx.env, key, identity(ctx, app)) : undefined;
    if (!cached)
      throw new CliError(
        'CACHE_MISS',
        `${reason ? `${reason.message}, and there` : 'there'} is no offline copy of app ${app}`,
        reason?.hint ?? 'Run the command once while Coffer is reachable (as the same principal).',
        { cause: reason },
      );
    const age = Date.now() - cached.fetchedAt.getTime();
    if (age > opts.maxStaleMs)
      throw new CliError(
        'CACHE_STALE',
        `${reason ? `${reason.message}, and the` : 'the'} offline copy of app ${app} is ${formatAge(age)} old, older than --max-stale ${formatAge(opts.maxStaleMs)}`,
        'Reach Coffer again, or accept an older copy with --max-stale (e.g. --max-stale 7d).',
        { cause: reason },
      );
    ctx.warn(
      `${reason ? `${reason.message}; using` : '--offline: using'} the offline copy of app ${app} from ${formatAge(age)} ago (${cached.fetchedAt.toISOString()})`,
    );
    result.set(app, cached.secrets);
  }
  return result;
};
