/**
 * Vercel project environment variables through the REST API with plain `fetch`.
 *
 * Why not `@vercel/sdk`: its list call has no paging parameters (we follow `pagination.next` with
 * `until`); it validates every response against exact zod enums, so a new variable type or target
 * on Vercel's side would fail a write that succeeded; we need the error body of a refused create
 * (`ENV_ALREADY_EXISTS`) and our own Retry-After handling, shared with the GCP and Azure clients;
 * and it is 50 MB installed, for four endpoints, in a Lambda bundle that is already at its limit.
 *
 * **Scope.** A sync owns variables of one project for a set of targets, on no git branch. `list()`
 * reports the variables whose targets overlap the sync's (those are the ones a write could
 * collide with), one entry per key.
 *
 * **Names.** Identity: Vercel keys take `[A-Za-z_][A-Za-z0-9_]*`, as Coffer names do. The names
 * Vercel reserves for its function runtime (AWS_EXECUTION_ENV, TZ, NOW_REGION, ... per
 * vercel.com/docs/environment-variables/reserved-environment-variables) are refused.
 *
 * **Writes.** A create POSTs without `upsert`, because `upsert=true` silently takes over a variable
 * someone else created: an existing key answers 400 `ENV_ALREADY_EXISTS`, reported as `CONFLICT`.
 * An update PATCHes the one variable of that key in scope by id (ids from the last `list()`, else
 * looked up); if it has gone, it is created again; if several match, Coffer will not guess which is
 * its own (`CONFLICT`). A delete removes that variable by id; a missing one is not an error.
 *
 * Error codes: RATE_LIMITED (429; Retry-After or X-RateLimit-Reset), UNAVAILABLE, UNAUTHORIZED
 * (bad or missing token), FORBIDDEN (other team), NOT_FOUND (project), CONFLICT, VALIDATION (400),
 * VALUE_TOO_LARGE (over 64 KB), UNEXPECTED.
 */
import type { Destination, DestinationEntry, NameMapping } from '../../domain/sync/destination.js';
import type { VercelConnection, VercelTarget } from './config.js';
import { destinationError, isRecord, stringField, withoutValue } from './errors.js';
import type { HttpResponse } from './http.js';
import { HttpClient } from './http.js';
import { mapped, notACofferName, refused } from './names.js';
import type { DestinationOptions } from './options.js';
import { baseUrl, retryPolicy } from './options.js';

const DEFAULT_BASE_URL = 'https://api.vercel.com';
/** Vercel's cap on all of a deployment's variables together; one value cannot be larger. */
const MAX_VALUE_BYTES = 64 * 1024;

/** Reserved by Vercel's function runtimes (the AWS_* credentials and region names are allowed). */
const RESERVED = new Set([
  'AWS_SECRET_KEY',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'NOW_REGION',
  'TZ',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

interface EnvVar {
  id: string;
  key: string;
  updatedAt?: number;
}

export class VercelDestination implements Destination {
  readonly kind = 'vercel' as const;
  private readonly http: HttpClient;
  private readonly base: string;
  /** key → ids of the in-scope variables, from the last list (kept up to date by our own writes). */
  private ids = new Map<string, string[]>();

  constructor(
    private readonly connection: VercelConnection,
    private readonly target: VercelTarget,
    options: DestinationOptions = {},
  ) {
    this.base = baseUrl(connection.base_url ?? DEFAULT_BASE_URL, 'Vercel base_url', options);
    this.http = new HttpClient({
      provider: 'vercel',
      policy: retryPolicy(options),
      fetch: options.fetch ?? fetch,
      vendorError: (body) => {
        const error = isRecord(body) ? body.error : undefined;
        return { code: stringField(error, 'code'), message: stringField(error, 'message') };
      },
      retryAfter: rateLimitReset,
    });
  }

  mapName(secretName: string): NameMapping {
    const invalid = notACofferName(secretName);
    if (invalid) return invalid;
    if (RESERVED.has(secretName.toUpperCase())) return refused(`Vercel reserves ${secretName.toUpperCase()}`);
    return mapped(secretName);
  }

  async list(): Promise<DestinationEntry[]> {
    const envs = await this.fetchAll();
    const byKey = new Map<string, DestinationEntry>();
    const ids = new Map<string, string[]>();
    for (const env of envs) {
      ids.set(env.key, [...(ids.get(env.key) ?? []), env.id]);
      const seen = byKey.get(env.key);
      const updatedAt = env.updatedAt === undefined ? undefined : new Date(env.updatedAt).toISOString();
      if (!seen || (updatedAt !== undefined && (seen.updatedAt ?? '') < updatedAt)) {
        byKey.set(env.key, { name: env.key, ...(updatedAt !== undefined ? { updatedAt } : {}) });
      }
    }
    this.ids = ids;
    return [...byKey.values()];
  }

  async put(name: string, value: string, exists: boolean): Promise<void> {
    try {
      if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) {
        throw destinationError('VALUE_TOO_LARGE', `vercel: ${name} is over Vercel's 64 KB limit`);
      }
      if (!exists) return await this.create(name, value);
      const id = await this.idOf(name, 'update');
      if (id === undefined) return await this.create(name, value);
      const res = await this.call(`updating ${name}`, 'PATCH', `/v9/projects/${this.project}/env/${id}`, {
        value,
        type: this.target.type,
        target: this.target.targets,
      });
      if (res.status === 404) {
        this.forget(name, id);
        return await this.create(name, value);
      }
      if (res.status !== 200) throw this.fail(`updating ${name}`, res);
    } catch (err) {
      throw withoutValue(err, value);
    }
  }

  async delete(name: string): Promise<void> {
    const id = await this.idOf(name, 'delete');
    if (id === undefined) return;
    const res = await this.call(`deleting ${name}`, 'DELETE', `/v9/projects/${this.project}/env/${id}`);
    if (res.status !== 200 && res.status !== 404) throw this.fail(`deleting ${name}`, res);
    this.forget(name, id);
  }

  private get project(): string {
    return encodeURIComponent(this.target.project);
  }

  private async create(name: string, value: string): Promise<void> {
    const what = `creating ${name}`;
    const res = await this.call(what, 'POST', `/v10/projects/${this.project}/env`, {
      key: name,
      value,
      type: this.target.type,
      target: this.target.targets,
    });
    if (res.status !== 201) throw this.fail(what, res);
    const body = isRecord(res.body) ? res.body : {};
    const failed = Array.isArray(body.failed) ? body.failed : [];
    const first: unknown = failed[0];
    if (first !== undefined) {
      const error = isRecord(first) ? first.error : undefined;
      throw this.fail(what, { ...res, status: 400, body: { error } });
    }
    const created = Array.isArray(body.created) ? (body.created as unknown[])[0] : body.created;
    const id = stringField(created, 'id');
    if (id !== undefined) this.ids.set(name, [...(this.ids.get(name) ?? []), id]);
  }

  /** The id of the one in-scope variable named `name`, looked up afresh when not known. */
  private async idOf(name: string, action: string): Promise<string | undefined> {
    let ids = this.ids.get(name);
    if (ids === undefined || ids.length === 0) {
      await this.list();
      ids = this.ids.get(name);
    }
    if (ids === undefined || ids.length === 0) return undefined;
    if (ids.length > 1) {
      throw destinationError(
        'CONFLICT',
        `vercel: ${ids.length} variables named ${name} overlap this sync's targets; Coffer will not ${action} one of them without knowing which is its own`,
      );
    }
    return ids[0];
  }

  private forget(name: string, id: string): void {
    const rest = (this.ids.get(name) ?? []).filter((x) => x !== id);
    if (rest.length > 0) this.ids.set(name, rest);
    else this.ids.delete(name);
  }

  /** Every variable of the project in this sync's scope: no git branch, a target in common. */
  private async fetchAll(): Promise<EnvVar[]> {
    const out: EnvVar[] = [];
    let until: string | undefined;
    // Vercel pages with `until` = the previous page's `pagination.next` (a timestamp).
    for (let page = 0; ; page++) {
      const res = await this.call(
        'listing variables',
        'GET',
        `/v10/projects/${this.project}/env`,
        undefined,
        {
          ...(until !== undefined ? { until } : {}),
        },
      );
      if (res.status !== 200) throw this.fail('listing variables', res);
      const body = isRecord(res.body) ? res.body : {};
      for (const raw of Array.isArray(body.envs) ? body.envs : []) {
        const env = this.inScope(raw);
        if (env) out.push(env);
      }
      const next = isRecord(body.pagination) ? body.pagination.next : undefined;
      if ((typeof next !== 'number' && typeof next !== 'string') || String(next) === until) return out;
      // A cursor that never ends would be a Vercel bug; stop rather than loop forever.
      if (page > 10_000) throw destinationError('UNEXPECTED', 'vercel: listing variables did not end');
      until = String(next);
    }
  }

  private inScope(raw: unknown): EnvVar | undefined {
    if (!isRecord(raw)) return undefined;
    const id = stringField(raw, 'id');
    const key = stringField(raw, 'key');
    if (id === undefined || key === undefined) return undefined;
    if (typeof raw.gitBranch === 'string' && raw.gitBranch !== '') return undefined;
    const targets = Array.isArray(raw.target) ? raw.target : [raw.target];
    if (!targets.some((t) => (this.target.targets as unknown[]).includes(t))) return undefined;
    return { id, key, ...(typeof raw.updatedAt === 'number' ? { updatedAt: raw.updatedAt } : {}) };
  }

  private call(
    what: string,
    method: string,
    path: string,
    body?: unknown,
    query: Record<string, string> = {},
  ): Promise<HttpResponse> {
    const q = new URLSearchParams({ teamId: this.connection.team_id, ...query });
    // A static token: nothing to refresh, so it travels as a plain header and a 401 is final.
    const headers = { authorization: `Bearer ${this.connection.token}` };
    return this.http.send(what, { method, url: `${this.base}${path}?${q.toString()}`, body, headers });
  }

  /** An unexpected answer: an existing variable is a CONFLICT, a bad token UNAUTHORIZED, the rest per status. */
  private fail(what: string, res: HttpResponse): Error {
    const error = isRecord(res.body) ? res.body.error : undefined;
    if (stringField(error, 'code') === 'ENV_ALREADY_EXISTS') {
      return this.http.fail(what, res, { code: 'CONFLICT' });
    }
    if (
      res.status === 403 &&
      isRecord(error) &&
      (error.invalidToken === true || error.missingToken === true)
    ) {
      return this.http.fail(what, res, { code: 'UNAUTHORIZED' });
    }
    return this.http.fail(what, res);
  }
}

/** Vercel's `X-RateLimit-Reset` (epoch seconds), when `Retry-After` is missing. */
function rateLimitReset(res: HttpResponse, now: number): number | undefined {
  if (res.status !== 429) return undefined;
  const reset = Number(res.headers.get('x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now) : undefined;
}
