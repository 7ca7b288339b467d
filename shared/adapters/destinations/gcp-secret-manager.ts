/**
 * GCP Secret Manager (REST v1) with plain `fetch`. Authentication: a JWT assertion signed (RS256,
 * with `jose`) by the service account's key and exchanged at the key file's `token_uri` for an
 * access token (scope cloud-platform), cached until five minutes before it expires and replaced
 * once if the API answers 401.
 *
 * **Names.** Identity: secret ids take `[A-Za-z0-9_-]{1,255}`, which every Coffer name fits.
 * `list()` reports every secret in the project.
 *
 * **Writes.** A secret is a container of versions: a create makes the secret (labelled
 * `managed-by=coffer`; 409 if the id is taken, reported as `CONFLICT`) and then adds the value as
 * its first version; an update adds a version (re-creating the secret if it has gone). Payloads
 * carry a CRC32C so Google rejects a corrupted one. If a create was interrupted between its two
 * requests, the next create finds an empty secret with Coffer's label and fills it, rather than
 * reporting a conflict with itself. Old versions are left as they are (Secret Manager keeps them
 * until destroyed). A delete deletes the secret and all its versions; a missing one is not an error.
 *
 * Error codes: RATE_LIMITED (429 RESOURCE_EXHAUSTED; Google sends no Retry-After, so backoff),
 * UNAVAILABLE, UNAUTHORIZED (token exchange refused, or 401 after a fresh token), FORBIDDEN
 * (PERMISSION_DENIED, also for a project that does not exist), NOT_FOUND, CONFLICT, VALIDATION,
 * VALUE_TOO_LARGE (over 64 KiB), INVALID_CONFIG (unusable private key), UNEXPECTED.
 */
import type { CryptoKey } from 'jose';
import { SignJWT, importPKCS8 } from 'jose';
import type { Destination, DestinationEntry, NameMapping } from '../../domain/sync/destination.js';
import type { GcpConnection, GcpTarget } from './config.js';
import { destinationError, isRecord, stringField, withoutValue } from './errors.js';
import type { HttpResponse } from './http.js';
import { CachedToken, HttpClient } from './http.js';
import { MANAGED_BY_KEY, MANAGED_BY_VALUE, mapped, notACofferName } from './names.js';
import type { DestinationOptions } from './options.js';
import { baseUrl, retryPolicy } from './options.js';

const DEFAULT_BASE_URL = 'https://secretmanager.googleapis.com';
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google accepts assertions valid for at most an hour. */
const ASSERTION_LIFETIME_S = 3600;
const MAX_PAYLOAD_BYTES = 64 * 1024;
const DEFAULT_PAGE_SIZE = 500;

export class GcpSecretManagerDestination implements Destination {
  readonly kind = 'gcp' as const;
  private readonly http: HttpClient;
  private readonly base: string;
  private readonly tokenUri: string;
  private readonly token: CachedToken;
  private readonly pageSize: number;
  private signingKey: Promise<CryptoKey> | undefined;

  constructor(
    private readonly connection: GcpConnection,
    private readonly target: GcpTarget,
    options: DestinationOptions = {},
  ) {
    this.base = baseUrl(connection.base_url ?? DEFAULT_BASE_URL, 'GCP base_url', options);
    this.tokenUri = baseUrl(connection.service_account_key.token_uri, 'GCP token_uri', options);
    this.pageSize = Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE);
    this.http = new HttpClient({
      provider: 'gcp',
      policy: retryPolicy(options),
      fetch: options.fetch ?? fetch,
      vendorError,
    });
    this.token = new CachedToken(() => this.exchangeAssertion());
  }

  mapName(secretName: string): NameMapping {
    return notACofferName(secretName) ?? mapped(secretName);
  }

  async list(): Promise<DestinationEntry[]> {
    const entries: DestinationEntry[] = [];
    let pageToken: string | undefined;
    do {
      const q = new URLSearchParams({ pageSize: String(this.pageSize) });
      if (pageToken) q.set('pageToken', pageToken);
      const res = await this.call('listing secrets', 'GET', `${this.secretsPath}?${q.toString()}`);
      if (res.status !== 200) throw this.http.fail('listing secrets', res);
      const body = isRecord(res.body) ? res.body : {};
      for (const s of Array.isArray(body.secrets) ? body.secrets : []) {
        const id = stringField(s, 'name')?.split('/').at(-1);
        if (id) entries.push({ name: id });
      }
      pageToken = stringField(body, 'nextPageToken') || undefined;
    } while (pageToken);
    return entries;
  }

  async put(name: string, value: string, exists: boolean): Promise<void> {
    try {
      const data = Buffer.from(value, 'utf8');
      if (data.length > MAX_PAYLOAD_BYTES) {
        throw destinationError('VALUE_TOO_LARGE', `gcp: ${name} is over Secret Manager's 64 KiB limit`);
      }
      if (!exists) await this.create(name);
      const what = `adding a version to ${name}`;
      const payload = { payload: { data: data.toString('base64'), dataCrc32c: String(crc32c(data)) } };
      let res = await this.call(what, 'POST', `${this.secretPath(name)}:addVersion`, payload);
      if (res.status === 404 && exists) {
        await this.create(name);
        res = await this.call(what, 'POST', `${this.secretPath(name)}:addVersion`, payload);
      }
      if (res.status !== 200) throw this.http.fail(what, res);
    } catch (err) {
      throw withoutValue(err, value);
    }
  }

  async delete(name: string): Promise<void> {
    const res = await this.call(`deleting ${name}`, 'DELETE', this.secretPath(name));
    if (res.status !== 200 && res.status !== 404) throw this.http.fail(`deleting ${name}`, res);
  }

  private get secretsPath(): string {
    return `/v1/projects/${encodeURIComponent(this.target.project)}/secrets`;
  }

  private secretPath(name: string): string {
    return `${this.secretsPath}/${encodeURIComponent(name)}`;
  }

  private async create(name: string): Promise<void> {
    const what = `creating ${name}`;
    const res = await this.call(what, 'POST', `${this.secretsPath}?secretId=${encodeURIComponent(name)}`, {
      replication: { automatic: {} },
      labels: { [MANAGED_BY_KEY]: MANAGED_BY_VALUE },
    });
    if (res.status === 200) return;
    if (res.status !== 409) throw this.http.fail(what, res);
    if (await this.isOurEmptyShell(name)) return;
    throw destinationError('CONFLICT', `gcp: ${name} already exists and Coffer did not create it`);
  }

  /** A secret with Coffer's label and no version: left by a create interrupted between its two requests. */
  private async isOurEmptyShell(name: string): Promise<boolean> {
    const secret = await this.call(`reading ${name}`, 'GET', this.secretPath(name));
    if (secret.status !== 200) return false;
    const labels = isRecord(secret.body) ? secret.body.labels : undefined;
    if (stringField(labels, MANAGED_BY_KEY) !== MANAGED_BY_VALUE) return false;
    const latest = await this.call(`reading ${name}`, 'GET', `${this.secretPath(name)}/versions/latest`);
    if (latest.status === 404) return true;
    if (latest.status === 200) return false;
    throw this.http.fail(`reading ${name}`, latest);
  }

  private call(what: string, method: string, path: string, body?: unknown): Promise<HttpResponse> {
    return this.http.send(what, { method, url: `${this.base}${path}`, body }, this.token);
  }

  private async exchangeAssertion(): Promise<{ token: string; expiresInSeconds: number }> {
    const key = this.connection.service_account_key;
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ scope: CLOUD_PLATFORM_SCOPE })
      .setProtectedHeader({
        alg: 'RS256',
        typ: 'JWT',
        ...(key.private_key_id ? { kid: key.private_key_id } : {}),
      })
      .setIssuer(key.client_email)
      .setAudience(key.token_uri)
      .setIssuedAt(now)
      .setExpirationTime(now + ASSERTION_LIFETIME_S)
      .sign(await this.privateKey());
    const what = 'exchanging the service-account assertion for an access token';
    const res = await this.http.send(what, {
      method: 'POST',
      url: this.tokenUri,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString(),
    });
    const token = stringField(res.body, 'access_token');
    const expiresIn = isRecord(res.body) ? Number(res.body.expires_in) : Number.NaN;
    if (res.status === 200 && token && Number.isFinite(expiresIn))
      return { token, expiresInSeconds: expiresIn };
    // The token endpoint answers 400 invalid_grant / invalid_scope for a key it does not accept.
    throw this.http.fail(what, res, res.status < 500 ? { code: 'UNAUTHORIZED' } : {});
  }

  private privateKey(): Promise<CryptoKey> {
    this.signingKey ??= importPKCS8(this.connection.service_account_key.private_key, 'RS256').catch(
      (err: unknown) => {
        this.signingKey = undefined;
        throw destinationError(
          'INVALID_CONFIG',
          'gcp: the service account private_key is not a usable RSA key',
          {
            cause: err,
          },
        );
      },
    );
    return this.signingKey;
  }
}

/** Google API errors (`{error: {status, message}}`) and OAuth errors (`{error, error_description}`). */
function vendorError(body: unknown): { code?: string; message?: string } {
  if (!isRecord(body)) return {};
  if (isRecord(body.error))
    return { code: stringField(body.error, 'status'), message: stringField(body.error, 'message') };
  return { code: stringField(body, 'error'), message: stringField(body, 'error_description') };
}

let crcTable: Uint32Array | undefined;

/** CRC32C (Castagnoli), which Secret Manager checks a payload's `dataCrc32c` against. */
export function crc32c(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
      crcTable[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
