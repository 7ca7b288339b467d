/**
 * GitHub Actions secrets (repository, environment or organization scope) through `@octokit/rest`
 * with `@octokit/plugin-throttling`, values sealed with libsodium's `crypto_box_seal` to the scope's
 * public key, as GitHub documents.
 *
 * **Names.** GitHub secret names are case-insensitive and stored upper case, and may not start with
 * `GITHUB_`. The rule: a Coffer name maps to its upper-case form (`db_password` → `DB_PASSWORD`);
 * names starting with `GITHUB_` in any case are refused. The reverse is the Coffer name whose upper
 * case it is; two Coffer names that differ only in case land on one GitHub name, which the engine
 * reports as a collision.
 *
 * **Writes.** GitHub's PUT is an upsert. So that a create never overwrites a secret someone else
 * made since the engine listed, a create (`exists = false`) first reads the secret's metadata and
 * refuses with `CONFLICT` if it is there (a read, outside the write budget). The window left is
 * one round trip. A PUT rejected with 422 after GitHub rotated the scope's key is resealed and sent
 * once more.
 *
 * **Limits.** The throttling plugin waits out primary (`x-ratelimit-remaining: 0` until
 * `x-ratelimit-reset`) and secondary ("secondary rate limit", `retry-after`, else 60 s) limits up
 * to `maxRetries` times when the wait is at most `maxRetryAfterMs`; otherwise the request fails as
 * `RATE_LIMITED` with `retryAfterMs`. Its write limiter spaces PUT/DELETE 1 s apart per token
 * (`github.writeSpacingMs` overrides). 5xx and network failures are retried with backoff.
 *
 * Error codes: RATE_LIMITED, UNAVAILABLE, UNAUTHORIZED (401), FORBIDDEN (403 not a limit),
 * NOT_FOUND (repository, environment or organization missing or invisible to the token),
 * VALIDATION (422), CONFLICT, VALUE_TOO_LARGE (over 48 KB), UNEXPECTED.
 */
import { createHash } from 'node:crypto';
import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import sodium from 'libsodium-wrappers';
import type { Destination, DestinationEntry, NameMapping } from '../../domain/sync/destination.js';
import { DestinationError } from '../../domain/sync/destination.js';
import type { GitHubConnection, GitHubTarget } from './config.js';
import {
  codeForStatus,
  describeFailure,
  destinationError,
  isRecord,
  messageOf,
  stringField,
  withoutValue,
} from './errors.js';
import { mapped, notACofferName, refused } from './names.js';
import type { DestinationOptions, RetryPolicy } from './options.js';
import { backoffDelay, baseUrl, retryPolicy, sleep } from './options.js';

const DEFAULT_BASE_URL = 'https://api.github.com';
/** GitHub's documented limit per secret value. */
const MAX_VALUE_BYTES = 48 * 1024;
const MAX_PAGE_SIZE = 100;
/** GitHub's own advice when a secondary limit comes without `retry-after`. */
const SECONDARY_FALLBACK_MS = 60_000;

const ThrottledOctokit = Octokit.plugin(throttling);
type Client = InstanceType<typeof ThrottledOctokit>;

/** One write limiter per spacing, shared by every client in the process (keyed per token inside). */
const writeLimiters = new Map<number, Bottleneck.Group>();

function writeLimiter(spacingMs: number): Bottleneck.Group {
  let group = writeLimiters.get(spacingMs);
  if (!group) {
    group = new Bottleneck.Group({
      id: `coffer-github-write-${spacingMs}`,
      maxConcurrent: 1,
      minTime: spacingMs,
    });
    writeLimiters.set(spacingMs, group);
  }
  return group;
}

interface PublicKey {
  key_id: string;
  key: string;
}

interface ScopeApi {
  readonly label: string;
  list(perPage: number): Promise<{ name: string; updated_at: string }[]>;
  publicKey(): Promise<PublicKey>;
  get(name: string): Promise<unknown>;
  put(name: string, sealed: PublicKey & { encrypted_value: string }): Promise<unknown>;
  delete(name: string): Promise<unknown>;
}

export class GitHubDestination implements Destination {
  readonly kind = 'github' as const;
  private readonly octokit: Client;
  private readonly scope: ScopeApi;
  private readonly pageSize: number;
  private key: Promise<PublicKey> | undefined;

  constructor(connection: GitHubConnection, target: GitHubTarget, options: DestinationOptions = {}) {
    const policy = retryPolicy(options);
    const url = baseUrl(connection.base_url ?? DEFAULT_BASE_URL, 'GitHub base_url', options);
    this.pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? MAX_PAGE_SIZE));
    this.octokit = createClient(connection.token, url, policy, options);
    this.scope = scopeApi(this.octokit, target);
  }

  mapName(secretName: string): NameMapping {
    const invalid = notACofferName(secretName);
    if (invalid) return invalid;
    const upper = secretName.toUpperCase();
    if (upper.startsWith('GITHUB_')) return refused('GitHub reserves secret names starting with GITHUB_');
    return mapped(upper);
  }

  async list(): Promise<DestinationEntry[]> {
    try {
      const secrets = await this.scope.list(this.pageSize);
      return secrets.map((s) => ({ name: s.name, updatedAt: s.updated_at }));
    } catch (err) {
      throw translate(err, `listing secrets of ${this.scope.label}`);
    }
  }

  async put(name: string, value: string, exists: boolean): Promise<void> {
    const what = `writing ${name} to ${this.scope.label}`;
    try {
      if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) {
        throw destinationError('VALUE_TOO_LARGE', `github: ${name} is over GitHub's 48 KB limit per secret`);
      }
      if (!exists && (await this.exists(name))) {
        throw destinationError(
          'CONFLICT',
          `github: ${name} already exists in ${this.scope.label} and Coffer did not create it`,
        );
      }
      const key = await this.publicKey();
      try {
        await this.scope.put(name, { ...key, encrypted_value: await seal(value, key.key) });
      } catch (err) {
        // GitHub rotates a scope's key now and then; a value sealed to the old one is refused with 422.
        if (statusOf(err) !== 422) throw err;
        const fresh = await this.publicKey(true);
        if (fresh.key_id === key.key_id) throw err;
        await this.scope.put(name, { ...fresh, encrypted_value: await seal(value, fresh.key) });
      }
    } catch (err) {
      throw withoutValue(translate(err, what), value);
    }
  }

  async delete(name: string): Promise<void> {
    try {
      await this.scope.delete(name);
    } catch (err) {
      if (statusOf(err) === 404) return;
      throw translate(err, `deleting ${name} from ${this.scope.label}`);
    }
  }

  private async exists(name: string): Promise<boolean> {
    try {
      await this.scope.get(name);
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  }

  private publicKey(refresh = false): Promise<PublicKey> {
    if (refresh || !this.key) {
      const pending = this.scope.publicKey();
      this.key = pending;
      pending.catch(() => {
        if (this.key === pending) this.key = undefined;
      });
    }
    return this.key;
  }
}

function createClient(token: string, url: string, policy: RetryPolicy, options: DestinationOptions): Client {
  const baseFetch = options.fetch ?? fetch;
  const timedFetch: typeof fetch = (input, init) =>
    baseFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(policy.timeoutMs) });
  const wantRetry = (retryAfterSeconds: number, retryCount: number): boolean =>
    retryCount < policy.maxRetries && retryAfterSeconds * 1000 <= policy.maxRetryAfterMs;
  const spacing = options.github?.writeSpacingMs;
  const octokit = new ThrottledOctokit({
    auth: token,
    baseUrl: url,
    userAgent: 'coffer-sync',
    request: { fetch: timedFetch },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    throttle: {
      // Limiters are per process and keyed by this id: one queue per token, as GitHub counts.
      id: createHash('sha256').update(`${url}\n${token}`).digest('hex').slice(0, 16),
      ...(spacing !== undefined ? { write: writeLimiter(spacing) } : {}),
      onRateLimit: (retryAfter, _options, _octokit, retryCount) => wantRetry(retryAfter, retryCount),
      onSecondaryRateLimit: (retryAfter, _options, _octokit, retryCount) => wantRetry(retryAfter, retryCount),
    },
  });
  // Registered after the plugin, so it wraps it: each retry queues through the limiters again.
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (err) {
        const status = statusOf(err);
        if (status === undefined || status < 500 || attempt >= policy.maxRetries) throw err;
        await sleep(backoffDelay(attempt, policy));
      }
    }
  });
  return octokit;
}

function scopeApi(octokit: Client, target: GitHubTarget): ScopeApi {
  const actions = octokit.rest.actions;
  const owner = target.owner;
  const repo = target.repository ?? '';
  switch (target.scope) {
    case 'repository':
      return {
        label: `repository ${owner}/${repo}`,
        list: (per_page) => octokit.paginate(actions.listRepoSecrets, { owner, repo, per_page }),
        publicKey: async () => (await actions.getRepoPublicKey({ owner, repo })).data,
        get: (secret_name) => actions.getRepoSecret({ owner, repo, secret_name }),
        put: (secret_name, s) =>
          actions.createOrUpdateRepoSecret({
            owner,
            repo,
            secret_name,
            encrypted_value: s.encrypted_value,
            key_id: s.key_id,
          }),
        delete: (secret_name) => actions.deleteRepoSecret({ owner, repo, secret_name }),
      };
    case 'environment': {
      const environment_name = target.environment ?? '';
      return {
        label: `environment ${environment_name} of ${owner}/${repo}`,
        list: (per_page) =>
          octokit.paginate(actions.listEnvironmentSecrets, { owner, repo, environment_name, per_page }),
        publicKey: async () =>
          (await actions.getEnvironmentPublicKey({ owner, repo, environment_name })).data,
        get: (secret_name) => actions.getEnvironmentSecret({ owner, repo, environment_name, secret_name }),
        put: (secret_name, s) =>
          actions.createOrUpdateEnvironmentSecret({
            owner,
            repo,
            environment_name,
            secret_name,
            encrypted_value: s.encrypted_value,
            key_id: s.key_id,
          }),
        delete: (secret_name) =>
          actions.deleteEnvironmentSecret({ owner, repo, environment_name, secret_name }),
      };
    }
    case 'organization': {
      const visibility = target.visibility ?? 'private';
      return {
        label: `organization ${owner}`,
        list: (per_page) => octokit.paginate(actions.listOrgSecrets, { org: owner, per_page }),
        publicKey: async () => (await actions.getOrgPublicKey({ org: owner })).data,
        get: (secret_name) => actions.getOrgSecret({ org: owner, secret_name }),
        put: (secret_name, s) =>
          actions.createOrUpdateOrgSecret({
            org: owner,
            secret_name,
            encrypted_value: s.encrypted_value,
            key_id: s.key_id,
            visibility,
            ...(target.selected_repository_ids
              ? { selected_repository_ids: target.selected_repository_ids }
              : {}),
          }),
        delete: (secret_name) => actions.deleteOrgSecret({ org: owner, secret_name }),
      };
    }
  }
}

async function seal(value: string, publicKey: string): Promise<string> {
  await sodium.ready;
  const key = sodium.from_base64(publicKey, sodium.base64_variants.ORIGINAL);
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}

function statusOf(err: unknown): number | undefined {
  return isRecord(err) && typeof err.status === 'number' ? err.status : undefined;
}

function header(err: unknown, name: string): string | undefined {
  const response = isRecord(err) ? err.response : undefined;
  const headers = isRecord(response) ? response.headers : undefined;
  const value = isRecord(headers) ? headers[name] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function vendorMessage(err: unknown): string | undefined {
  const response = isRecord(err) ? err.response : undefined;
  return stringField(isRecord(response) ? response.data : undefined, 'message');
}

/**
 * The rate-limit wait GitHub asked for, if this failure is a rate limit: `retry-after`, else the
 * primary reset, else the secondary-limit fallback. GitHub signals a secondary limit only in the
 * response's message, which is its documented signal (the throttling plugin reads it the same way).
 */
function rateLimitWait(err: unknown, status: number): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = Number(header(err, 'retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && header(err, 'retry-after') !== undefined) {
    return retryAfter * 1000;
  }
  if (header(err, 'x-ratelimit-remaining') === '0') {
    const reset = Number(header(err, 'x-ratelimit-reset'));
    // One second past the reset, as GitHub advises.
    if (Number.isFinite(reset)) return Math.max(0, reset * 1000 - Date.now()) + 1000;
  }
  if (/secondary rate limit/i.test(vendorMessage(err) ?? '')) return SECONDARY_FALLBACK_MS;
  return status === 429 ? SECONDARY_FALLBACK_MS : undefined;
}

function translate(err: unknown, what: string): DestinationError {
  if (err instanceof DestinationError) return err;
  const status = statusOf(err);
  if (status === undefined) {
    return destinationError(
      'UNEXPECTED',
      `github: ${describeFailure(what, 'client error', { message: messageOf(err) })}`,
      { cause: err },
    );
  }
  const wait = rateLimitWait(err, status);
  const message = `github: ${describeFailure(what, status, { message: vendorMessage(err) ?? messageOf(err) })}`;
  if (wait !== undefined)
    return destinationError('RATE_LIMITED', message, { retryAfterMs: wait, cause: err });
  return destinationError(codeForStatus(status), message, { cause: err });
}
