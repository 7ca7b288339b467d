/**
 * Azure Key Vault secrets (data plane, api-version 7.5) with plain `fetch`. Authentication: the
 * client-credentials grant at `{authority_host}/{tenant_id}/oauth2/v2.0/token` for the vault
 * resource's `.default` scope (https://vault.azure.net/.default, or the sovereign cloud's own
 * vault domain when `vault_url` is under one), cached until five minutes before it expires and
 * replaced once if the vault answers 401.
 *
 * **Names.** Key Vault names take `[0-9A-Za-z-]{1,127}`, so `_` is not allowed. The rule:
 * `${name_prefix}${name with every _ replaced by -}` (`DB_PASSWORD` → `DB-PASSWORD`). It is
 * reversible because Coffer names never contain `-`: strip the prefix and turn `-` back into `_`.
 * Nothing else is refused. Key Vault names are case-insensitive, so two Coffer names that differ
 * only in case collide; the engine reports that.
 *
 * **Writes.** Setting a secret is an upsert (a new version each time), so a create first checks
 * that no active secret has the name (`CONFLICT` otherwise). Every version Coffer writes carries the
 * tag `managed-by: coffer`. Deletes are soft (the vault's retention keeps the secret recoverable);
 * a missing secret is not an error.
 *
 * **Soft delete.** Setting a name that is deleted-but-recoverable answers 409. If the deleted
 * secret carries Coffer's tag it was Coffer's (Coffer only deletes what it owns), and the set goes
 * ahead: the deleted secret is purged when the vault allows it (`recoveryLevel` contains
 * `Purgeable`), so that values deleted in Coffer do not return as old versions, and recovered when
 * purge protection forbids purging (its old versions then return beneath the new one). A deleted
 * secret without Coffer's tag is someone else's: `CONFLICT_SOFT_DELETED`, nothing touched. Purge and
 * deletion take a moment in Key Vault; a set that meets `ObjectIsBeingDeleted` retries with
 * backoff, and ends in a retryable `BEING_DELETED` if the vault is still busy.
 *
 * Error codes: RATE_LIMITED (429 with Retry-After), UNAVAILABLE, UNAUTHORIZED (token refused, or
 * 401 after a fresh token), FORBIDDEN (access policy / RBAC), NOT_FOUND, CONFLICT,
 * CONFLICT_SOFT_DELETED, BEING_DELETED, VALIDATION (400 BadParameter), VALUE_TOO_LARGE (over 25 KB),
 * UNEXPECTED.
 */
import type { Destination, DestinationEntry, NameMapping } from '../../domain/sync/destination.js';
import type { AzureConnection, AzureTarget } from './config.js';
import { destinationError, isRecord, stringField, withoutValue } from './errors.js';
import { CachedToken, HttpClient } from './http.js';
import { MANAGED_BY_KEY, MANAGED_BY_VALUE, mapped, notACofferName, refused } from './names.js';
import type { DestinationOptions, RetryPolicy } from './options.js';
import { backoffDelay, baseUrl, retryPolicy, sleep } from './options.js';

const API_VERSION = '7.5';
/** Key Vault's limit on a secret value. */
const MAX_VALUE_BYTES = 25 * 1024;
/** Key Vault's largest page. */
const MAX_PAGE_SIZE = 25;
const MAX_NAME_LENGTH = 127;

/** The vault resource (token scope) of each cloud, by vault DNS suffix. */
const VAULT_RESOURCES: readonly [suffix: string, resource: string][] = [
  ['.vault.azure.net', 'https://vault.azure.net'],
  ['.vault.azure.cn', 'https://vault.azure.cn'],
  ['.vault.usgovcloudapi.net', 'https://vault.usgovcloudapi.net'],
  ['.vault.microsoftazure.de', 'https://vault.microsoftazure.de'],
];
const DEFAULT_VAULT_RESOURCE = 'https://vault.azure.net';

/** 409 inner codes that pass by themselves once Key Vault finishes an operation on the name. */
const TRANSIENT_CONFLICTS = new Set(['ObjectIsBeingDeleted', 'ObjectIsBeingRecovered']);
const DELETED_BUT_RECOVERABLE = 'ObjectIsDeletedButRecoverable';

export class AzureKeyVaultDestination implements Destination {
  readonly kind = 'azure' as const;
  private readonly http: HttpClient;
  private readonly vault: string;
  private readonly tokenUrl: string;
  private readonly scope: string;
  private readonly token: CachedToken;
  private readonly policy: RetryPolicy;
  private readonly pageSize: number;

  constructor(
    private readonly connection: AzureConnection,
    private readonly target: AzureTarget,
    options: DestinationOptions = {},
  ) {
    this.vault = baseUrl(connection.vault_url, 'Azure vault_url', options);
    const authority = baseUrl(connection.authority_host, 'Azure authority_host', options);
    this.tokenUrl = `${authority}/${encodeURIComponent(connection.tenant_id)}/oauth2/v2.0/token`;
    const host = new URL(this.vault).hostname;
    const resource = VAULT_RESOURCES.find(([suffix]) => host.endsWith(suffix))?.[1] ?? DEFAULT_VAULT_RESOURCE;
    this.scope = `${resource}/.default`;
    this.policy = retryPolicy(options);
    this.pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? MAX_PAGE_SIZE));
    this.http = new HttpClient({
      provider: 'azure',
      policy: this.policy,
      fetch: options.fetch ?? fetch,
      vendorError,
    });
    this.token = new CachedToken(() => this.clientCredentials());
  }

  mapName(secretName: string): NameMapping {
    const invalid = notACofferName(secretName);
    if (invalid) return invalid;
    const name = `${this.target.name_prefix ?? ''}${secretName.replace(/_/g, '-')}`;
    if (name.length > MAX_NAME_LENGTH)
      return refused('Key Vault names are at most 127 characters with the prefix');
    return mapped(name);
  }

  async list(): Promise<DestinationEntry[]> {
    const entries: DestinationEntry[] = [];
    let url: string | null = this.url('/secrets', { maxresults: String(this.pageSize) });
    // Key Vault may answer a page with no items and a nextLink: only a null nextLink ends the list.
    while (url) {
      const res = await this.http.send('listing secrets', { method: 'GET', url }, this.token);
      if (res.status !== 200) throw this.http.fail('listing secrets', res);
      const body = isRecord(res.body) ? res.body : {};
      for (const item of Array.isArray(body.value) ? body.value : []) {
        const e = entryOf(item);
        if (e) entries.push(e);
      }
      url = this.nextLink(body.nextLink);
    }
    return entries;
  }

  async put(name: string, value: string, exists: boolean): Promise<void> {
    try {
      if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) {
        throw destinationError('VALUE_TOO_LARGE', `azure: ${name} is over Key Vault's 25 KB limit`);
      }
      if (!exists && (await this.isActive(name))) {
        throw destinationError('CONFLICT', `azure: ${name} already exists and Coffer did not create it`);
      }
      await this.set(name, value);
    } catch (err) {
      throw withoutValue(err, value);
    }
  }

  async delete(name: string): Promise<void> {
    const what = `deleting ${name}`;
    const res = await this.http.send(
      what,
      { method: 'DELETE', url: this.url(`/secrets/${enc(name)}`) },
      this.token,
    );
    if (res.status !== 200 && res.status !== 404) throw this.http.fail(what, res);
  }

  private async set(name: string, value: string): Promise<void> {
    const what = `setting ${name}`;
    const request = {
      method: 'PUT',
      url: this.url(`/secrets/${enc(name)}`),
      body: { value, tags: { [MANAGED_BY_KEY]: MANAGED_BY_VALUE } },
    };
    let cleared = false;
    for (let attempt = 0; ; attempt++) {
      const res = await this.http.send(what, request, this.token);
      if (res.status === 200) return;
      if (res.status !== 409) throw this.http.fail(what, res);
      const inner = innerCode(res.body) ?? '';
      if (inner === DELETED_BUT_RECOVERABLE && !cleared) {
        cleared = await this.clearSoftDeleted(name);
        if (cleared) {
          attempt--; // purged or recovered: set again at once, without counting a retry
          continue;
        }
      } else if (inner !== DELETED_BUT_RECOVERABLE && !TRANSIENT_CONFLICTS.has(inner)) {
        throw this.http.fail(what, res);
      }
      // Being deleted, purged or recovered: Key Vault finishes on its own within seconds.
      if (attempt >= this.policy.maxRetries) throw this.http.fail(what, res, { code: 'BEING_DELETED' });
      await sleep(backoffDelay(attempt, this.policy));
    }
  }

  /**
   * Makes a deleted-but-recoverable name usable again if the deleted secret was Coffer's: true once
   * purged or recovered, false while Key Vault is still completing the deletion.
   */
  private async clearSoftDeleted(name: string): Promise<boolean> {
    const what = `reading deleted ${name}`;
    const path = `/deletedsecrets/${enc(name)}`;
    const deleted = await this.http.send(what, { method: 'GET', url: this.url(path) }, this.token);
    if (deleted.status === 404) return false;
    if (deleted.status !== 200) throw this.http.fail(what, deleted);
    const body = isRecord(deleted.body) ? deleted.body : {};
    if (stringField(body.tags, MANAGED_BY_KEY) !== MANAGED_BY_VALUE) {
      throw destinationError(
        'CONFLICT_SOFT_DELETED',
        `azure: ${name} is deleted but recoverable and Coffer did not create it; recover or purge it in the vault first`,
      );
    }
    if ((stringField(body.attributes, 'recoveryLevel') ?? '').includes('Purgeable')) {
      const purge = await this.http.send(
        `purging deleted ${name}`,
        { method: 'DELETE', url: this.url(path) },
        this.token,
      );
      if (purge.status === 204) return true;
      if (purge.status === 404 || purge.status === 409) return false;
      // 403: purge protection turned on since, or no purge permission; recovering still works.
      if (purge.status !== 403) throw this.http.fail(`purging deleted ${name}`, purge);
    }
    const recover = await this.http.send(
      `recovering deleted ${name}`,
      { method: 'POST', url: this.url(`${path}/recover`) },
      this.token,
    );
    if (recover.status === 200 || recover.status === 202) return true;
    if (recover.status === 404 || recover.status === 409) return false;
    throw this.http.fail(`recovering deleted ${name}`, recover);
  }

  private async isActive(name: string): Promise<boolean> {
    const what = `checking for ${name}`;
    const res = await this.http.send(
      what,
      { method: 'GET', url: this.url(`/secrets/${enc(name)}/versions`, { maxresults: '1' }) },
      this.token,
    );
    if (res.status === 404) return false;
    if (res.status === 200) return true;
    throw this.http.fail(what, res);
  }

  private url(path: string, query: Record<string, string> = {}): string {
    return `${this.vault}${path}?${new URLSearchParams({ 'api-version': API_VERSION, ...query }).toString()}`;
  }

  /** The next page, which must stay on the vault: the bearer token goes wherever it points. */
  private nextLink(raw: unknown): string | null {
    if (typeof raw !== 'string' || raw === '') return null;
    let next: URL;
    try {
      next = new URL(raw);
    } catch {
      throw destinationError('UNEXPECTED', 'azure: listing secrets returned a malformed nextLink');
    }
    if (next.origin !== new URL(this.vault).origin) {
      throw destinationError('UNEXPECTED', 'azure: listing secrets returned a nextLink outside the vault');
    }
    return next.href;
  }

  private async clientCredentials(): Promise<{ token: string; expiresInSeconds: number }> {
    const what = 'getting an access token (client credentials)';
    const res = await this.http.send(what, {
      method: 'POST',
      url: this.tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.connection.client_id,
        client_secret: this.connection.client_secret,
        scope: this.scope,
      }).toString(),
    });
    const token = stringField(res.body, 'access_token');
    const expiresIn = isRecord(res.body) ? Number(res.body.expires_in) : Number.NaN;
    if (res.status === 200 && token && Number.isFinite(expiresIn))
      return { token, expiresInSeconds: expiresIn };
    // Entra answers 400/401 (invalid_client, unauthorized_client, invalid_scope) for bad credentials.
    throw this.http.fail(what, res, res.status < 500 ? { code: 'UNAUTHORIZED' } : {});
  }
}

function enc(name: string): string {
  return encodeURIComponent(name);
}

function entryOf(item: unknown): DestinationEntry | undefined {
  const id = stringField(item, 'id');
  if (!id) return undefined;
  let name: string | undefined;
  try {
    name = decodeURIComponent(new URL(id).pathname.split('/').filter(Boolean)[1] ?? '');
  } catch {
    return undefined;
  }
  if (!name) return undefined;
  const updated = isRecord(item) && isRecord(item.attributes) ? item.attributes.updated : undefined;
  return {
    name,
    ...(typeof updated === 'number' ? { updatedAt: new Date(updated * 1000).toISOString() } : {}),
  };
}

function innerCode(body: unknown): string | undefined {
  const error = isRecord(body) ? body.error : undefined;
  return stringField(isRecord(error) ? error.innererror : undefined, 'code');
}

/** Key Vault errors (`{error: {code, message, innererror: {code}}}`) and Entra's (`{error, error_description}`). */
function vendorError(body: unknown): { code?: string; message?: string } {
  if (!isRecord(body)) return {};
  if (isRecord(body.error)) {
    return {
      code: innerCode(body) ?? stringField(body.error, 'code'),
      message: stringField(body.error, 'message'),
    };
  }
  return { code: stringField(body, 'error'), message: stringField(body, 'error_description') };
}
