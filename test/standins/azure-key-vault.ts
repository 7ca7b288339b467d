/**
 * Azure Key Vault secrets stand-in (data plane, api-version 7.5) plus the Microsoft Entra token
 * endpoint for the client-credentials grant, per shared/DESTINATIONS.md.
 *
 * - `POST /{tenant}/oauth2/v2.0/token` (form: grant_type=client_credentials, client_id,
 *   client_secret, scope=https://vault.azure.net/.default) → `{token_type, expires_in, access_token}`.
 * - Vault calls without a token get 401 and the challenge `WWW-Authenticate: Bearer
 *   authorization="<authority>/<tenant>", resource="https://vault.azure.net"`.
 * - Every vault call needs `?api-version=7.5` (400 BadParameter otherwise).
 * - `PUT /secrets/{name}` (new version each time), `GET /secrets/{name}[/{version}]`, `PATCH
 *   /secrets/{name}/{version}`, `GET /secrets` and `/secrets/{name}/versions` (`maxresults` ≤ 25,
 *   `nextLink` with `$skiptoken`), `DELETE /secrets/{name}` → DeletedSecretBundle, `GET
 *   /deletedsecrets[/{name}]`, purge `DELETE /deletedsecrets/{name}` → 204, `POST
 *   /deletedsecrets/{name}/recover`.
 * - Soft delete: setting a deleted-but-recoverable name is 409 Conflict until purged or recovered.
 * - Names are case-insensitive (`^[0-9a-zA-Z-]{1,127}$`); the first spelling is kept.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Call, FaultMatch, Reply } from './base.js';
import { StandIn, bearerToken, isRecord, parseJson, randomHex, str } from './base.js';

export const VAULT_RESOURCE = 'https://vault.azure.net';
export const VAULT_SCOPE = 'https://vault.azure.net/.default';

export interface AzureSecretVersion {
  version: string;
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  /** Unix seconds. */
  created: number;
  updated: number;
}

export interface AzureSecret {
  name: string;
  /** Value of the latest version. */
  value: string;
  versions: AzureSecretVersion[];
  origin: 'api' | 'seed';
}

export interface AzureDeletedSecret extends AzureSecret {
  recoveryId: string;
  deletedDate: number;
  scheduledPurgeDate: number;
}

interface StoredSecret {
  name: string;
  versions: AzureSecretVersion[];
  origin: 'api' | 'seed';
  deletedDate?: number;
  scheduledPurgeDate?: number;
}

export interface AzureKeyVaultStandInOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Accepted api-version values; default only 7.5. */
  apiVersions?: string[];
  /** Purge answers 403 when the vault has purge protection on. */
  purgeProtection?: boolean;
  recoverableDays?: number;
  /**
   * Key Vault sometimes answers a list page with `value: []` and a non-null `nextLink`; a client
   * that stops at the first empty page misses secrets. When on, every real page is preceded by
   * such an empty page.
   */
  emptyPagesBeforeData?: boolean;
  /**
   * Deletion is asynchronous in Key Vault: right after DELETE, the name can be "being deleted" for
   * a while. When set, the next N requests that touch that name (set, purge, recover, get deleted)
   * see 409 ObjectIsBeingDeleted / 404 before the deletion completes. Counted in requests, not
   * time, so tests stay deterministic.
   */
  deletionLagRequests?: number;
}

interface TokenInfo {
  audience: string;
  expiresAt: number;
}

const NAME_RE = /^[0-9a-zA-Z-]{1,127}$/;
const MAX_VALUE_BYTES = 25 * 1024;
const DAY_S = 86_400;

export class AzureKeyVaultStandIn extends StandIn {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  private readonly apiVersions: Set<string>;
  private readonly purgeProtection: boolean;
  private readonly recoverableDays: number;
  private readonly emptyPages: boolean;
  private readonly deletionLag: number;
  private readonly active = new Map<string, StoredSecret>();
  private readonly deleted = new Map<string, StoredSecret>();
  private readonly beingDeleted = new Map<string, number>();
  private readonly tokens = new Map<string, TokenInfo>();

  constructor(options: AzureKeyVaultStandInOptions = {}) {
    super();
    this.tenantId = options.tenantId ?? randomUUID();
    this.clientId = options.clientId ?? randomUUID();
    this.clientSecret = options.clientSecret ?? `standin~${randomBytes(18).toString('base64url')}`;
    this.apiVersions = new Set(options.apiVersions ?? ['7.5']);
    this.purgeProtection = options.purgeProtection ?? false;
    this.recoverableDays = options.recoverableDays ?? 90;
    this.emptyPages = options.emptyPagesBeforeData ?? false;
    this.deletionLag = options.deletionLagRequests ?? 0;
  }

  // ---------- setup and inspection ----------

  /** What a client needs: tenant, app credentials, authority host (token endpoint) and vault URL. */
  credentials(): {
    tenantId: string;
    clientId: string;
    clientSecret: string;
    authorityHost: string;
    tokenUrl: string;
    vaultUrl: string;
  } {
    return {
      tenantId: this.tenantId,
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      authorityHost: this.url,
      tokenUrl: `${this.url}/${this.tenantId}/oauth2/v2.0/token`,
      vaultUrl: this.url,
    };
  }

  /** Mint a vault token directly, for tests that are not about the token endpoint. */
  accessToken(audience = VAULT_RESOURCE): string {
    const token = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${randomBytes(24).toString('base64url')}.standin`;
    this.tokens.set(token, { audience, expiresAt: Date.now() + 3600_000 });
    return token;
  }

  expireAccessTokens(): void {
    for (const info of this.tokens.values()) info.expiresAt = 0;
  }

  secrets(): Record<string, AzureSecret> {
    const out: Record<string, AzureSecret> = {};
    for (const s of this.active.values()) out[s.name] = view(s);
    return out;
  }

  deletedSecrets(): Record<string, AzureDeletedSecret> {
    const out: Record<string, AzureDeletedSecret> = {};
    for (const s of this.deleted.values()) {
      out[s.name] = {
        ...view(s),
        recoveryId: `${this.url}/deletedsecrets/${s.name}`,
        deletedDate: s.deletedDate ?? 0,
        scheduledPurgeDate: s.scheduledPurgeDate ?? 0,
      };
    }
    return out;
  }

  /** A secret created in the vault by someone else. */
  seedSecret(
    name: string,
    value: string,
    options: { contentType?: string; tags?: Record<string, string> } = {},
  ): void {
    if (!NAME_RE.test(name)) throw new Error(`invalid Key Vault name ${name}`);
    const s: StoredSecret = this.active.get(name.toLowerCase()) ?? { name, versions: [], origin: 'seed' };
    this.active.set(name.toLowerCase(), s);
    s.versions.push(newVersion(value, options.contentType, options.tags));
  }

  /** 429 `Throttled` with `Retry-After` (default 1 s). */
  rateLimitNext(
    _kind: '429' = '429',
    options: { count?: number; retryAfter?: number; match?: FaultMatch } = {},
  ): void {
    const retryAfter = options.retryAfter ?? 1;
    this.addFault(
      options.count ?? 1,
      () => ({
        status: 429,
        headers: { 'retry-after': String(retryAfter) },
        body: kvError(
          'Throttled',
          'Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached',
        ),
      }),
      options.match,
    );
  }

  // ---------- HTTP ----------

  protected override isAuthEndpoint(call: Call): boolean {
    return call.segments[1] === 'oauth2';
  }

  protected override serverError(status: number): Reply {
    if (status === 503)
      return { status, body: kvError('ServiceUnavailable', 'The service is temporarily unavailable.') };
    return { status, body: kvError('InternalServerError', 'An unexpected error occurred.') };
  }

  protected override handle(call: Call): Reply {
    if (this.isAuthEndpoint(call)) return this.token(call);

    const token = bearerToken(call.headers);
    const challenge = {
      'www-authenticate': `Bearer authorization="${this.url}/${this.tenantId}", resource="${VAULT_RESOURCE}"`,
    };
    if (!token) {
      return {
        status: 401,
        headers: challenge,
        body: kvError('Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.'),
      };
    }
    const info = this.tokens.get(token);
    if (!info)
      return { status: 401, headers: challenge, body: kvError('Unauthorized', 'AKV10032: Invalid issuer.') };
    if (info.expiresAt <= Date.now()) {
      return {
        status: 401,
        headers: challenge,
        body: kvError('Unauthorized', "[TokenExpired] Error validating token: 'S2S12086'."),
      };
    }
    if (info.audience !== VAULT_RESOURCE) {
      return {
        status: 401,
        headers: challenge,
        body: kvError(
          'Unauthorized',
          `AKV10022: Invalid audience. Expected ${VAULT_RESOURCE}, found: ${info.audience}.`,
        ),
      };
    }

    const apiVersion = call.query.get('api-version');
    if (apiVersion === null) return badParameter('The api-version query parameter is required.');
    if (!this.apiVersions.has(apiVersion)) {
      return badParameter(
        `The specified version (${apiVersion}) is not recognized. Consider using the latest supported version (7.5).`,
      );
    }
    return this.route(call);
  }

  private token(call: Call): Reply {
    const aad = (status: number, error: string, code: number, description: string): Reply => ({
      status,
      body: {
        error,
        error_description: `AADSTS${code}: ${description}`,
        error_codes: [code],
        timestamp: new Date()
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, 'Z'),
        trace_id: randomUUID(),
        correlation_id: randomUUID(),
      },
    });
    const s = call.segments;
    if (call.method !== 'POST' || s[2] !== 'v2.0' || s[3] !== 'token' || s.length !== 4) {
      return aad(404, 'invalid_request', 90002, 'Endpoint not found.');
    }
    if (s[0] !== this.tenantId)
      return aad(400, 'invalid_request', 90002, `Tenant '${s[0] ?? ''}' not found.`);
    const form = new URLSearchParams(call.text);
    if (form.get('grant_type') !== 'client_credentials') {
      return aad(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    }
    if (form.get('client_id') !== this.clientId) {
      return aad(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory.`,
      );
    }
    if (form.get('client_secret') !== this.clientSecret) {
      return aad(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    }
    const scope = form.get('scope') ?? '';
    const m = /^(https:\/\/[^ ]+?)\/?\/\.default$/.exec(scope);
    if (!m) {
      return aad(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`,
      );
    }
    const token = this.accessToken(m[1] ?? '');
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token },
    };
  }

  private route(call: Call): Reply {
    const s = call.segments;
    if (s[0] === 'secrets') {
      if (s.length === 1 && call.method === 'GET') return this.listSecrets(call);
      const name = s[1] ?? '';
      if (s.length === 2 && call.method === 'PUT') return this.set(call, name);
      if (s.length === 2 && call.method === 'DELETE') return this.remove(name);
      if (s.length === 3 && s[2] === 'versions' && call.method === 'GET')
        return this.listVersions(call, name);
      if (s.length <= 3 && call.method === 'GET') return this.get(name, s[2]);
      if (s.length <= 3 && call.method === 'PATCH') return this.patch(call, name, s[2]);
    }
    if (s[0] === 'deletedsecrets') {
      if (s.length === 1 && call.method === 'GET') return this.listDeleted(call);
      const name = s[1] ?? '';
      if (s.length === 2 && call.method === 'GET') return this.getDeleted(name);
      if (s.length === 2 && call.method === 'DELETE') return this.purge(name);
      if (s.length === 3 && s[2] === 'recover' && call.method === 'POST') return this.recover(name);
    }
    return { status: 404, body: kvError('NotFound', 'The requested resource was not found.') };
  }

  private set(call: Call, name: string): Reply {
    if (!NAME_RE.test(name)) return badParameter(`The request URI contains an invalid name: ${name}`);
    const body = parseJson(call.text);
    if (!isRecord(body)) return badParameter('The request body is not valid JSON.');
    const value = str(body.value);
    if (value === undefined) return badParameter('Property value is required.');
    if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) {
      return badParameter(`The secret value exceeds the maximum allowed size of ${MAX_VALUE_BYTES} bytes.`);
    }
    const contentType = str(body.contentType);
    const tags = parseTags(body.tags);
    if (typeof tags === 'string') return badParameter(tags);
    const key = name.toLowerCase();
    if (this.lagging(key))
      return conflict(`Secret ${name} is currently being deleted.`, 'ObjectIsBeingDeleted');
    if (this.deleted.has(key)) {
      return conflict(
        `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
        'ObjectIsDeletedButRecoverable',
      );
    }
    const s = this.active.get(key) ?? { name, versions: [], origin: 'api' as const };
    this.active.set(key, s);
    const attributes = isRecord(body.attributes) ? body.attributes : {};
    const version = newVersion(value, contentType, tags);
    if (attributes.enabled === false) version.enabled = false;
    s.versions.push(version);
    return { status: 200, body: this.bundle(s, version, true) };
  }

  private get(name: string, versionId: string | undefined): Reply {
    const s = this.active.get(name.toLowerCase());
    const version = s && (versionId ? s.versions.find((v) => v.version === versionId) : s.versions.at(-1));
    if (!s || !version) return notFound(versionId ? `${name}/${versionId}` : name);
    if (!version.enabled) {
      return {
        status: 403,
        body: kvError('Forbidden', 'Operation get is not allowed on a disabled secret.', 'SecretDisabled'),
      };
    }
    return { status: 200, body: this.bundle(s, version, true) };
  }

  private patch(call: Call, name: string, versionId: string | undefined): Reply {
    const s = this.active.get(name.toLowerCase());
    const version = s && (versionId ? s.versions.find((v) => v.version === versionId) : s.versions.at(-1));
    if (!s || !version) return notFound(versionId ? `${name}/${versionId}` : name);
    const body = parseJson(call.text);
    if (!isRecord(body)) return badParameter('The request body is not valid JSON.');
    const contentType = str(body.contentType);
    if (contentType !== undefined) version.contentType = contentType;
    if (body.tags !== undefined) {
      const tags = parseTags(body.tags);
      if (typeof tags === 'string') return badParameter(tags);
      version.tags = tags;
    }
    if (isRecord(body.attributes) && typeof body.attributes.enabled === 'boolean') {
      version.enabled = body.attributes.enabled;
    }
    version.updated = nowSeconds();
    return { status: 200, body: this.bundle(s, version, false) };
  }

  private remove(name: string): Reply {
    const key = name.toLowerCase();
    const s = this.active.get(key);
    if (!s) return notFound(name);
    this.active.delete(key);
    const now = nowSeconds();
    s.deletedDate = now;
    s.scheduledPurgeDate = now + this.recoverableDays * DAY_S;
    this.deleted.set(key, s);
    if (this.deletionLag > 0) this.beingDeleted.set(key, this.deletionLag);
    return { status: 200, body: this.deletedBundle(s) };
  }

  private getDeleted(name: string): Reply {
    const key = name.toLowerCase();
    const s = this.deleted.get(key);
    if (!s || this.lagging(key)) return deletedNotFound(name);
    return { status: 200, body: this.deletedBundle(s) };
  }

  private purge(name: string): Reply {
    const key = name.toLowerCase();
    const s = this.deleted.get(key);
    if (!s) return deletedNotFound(name);
    if (this.lagging(key))
      return conflict(`Secret ${name} is currently being deleted.`, 'ObjectIsBeingDeleted');
    if (this.purgeProtection) {
      return {
        status: 403,
        body: kvError(
          'Forbidden',
          'Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.',
          'PurgeProtectionEnabled',
        ),
      };
    }
    this.deleted.delete(key);
    return { status: 204 };
  }

  private recover(name: string): Reply {
    const key = name.toLowerCase();
    const s = this.deleted.get(key);
    if (!s) return deletedNotFound(name);
    if (this.lagging(key))
      return conflict(`Secret ${name} is currently being deleted.`, 'ObjectIsBeingDeleted');
    this.deleted.delete(key);
    delete s.deletedDate;
    delete s.scheduledPurgeDate;
    this.active.set(key, s);
    const latest = s.versions.at(-1);
    if (!latest) return notFound(name);
    return { status: 200, body: this.bundle(s, latest, false) };
  }

  private listSecrets(call: Call): Reply {
    const items = [...this.active.values()]
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
      .flatMap((s) => {
        const latest = s.versions.at(-1);
        return latest ? [{ ...this.item(`${this.url}/secrets/${s.name}`, latest) }] : [];
      });
    return this.page(call, items);
  }

  private listVersions(call: Call, name: string): Reply {
    const s = this.active.get(name.toLowerCase());
    if (!s) return notFound(name);
    return this.page(
      call,
      s.versions.map((v) => this.item(`${this.url}/secrets/${s.name}/${v.version}`, v)),
    );
  }

  private listDeleted(call: Call): Reply {
    const items = [...this.deleted.entries()]
      .filter(([key]) => !this.beingDeleted.has(key))
      .map(([, s]) => s)
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
      .map((s) => {
        const { value: _value, ...rest } = this.deletedBundle(s);
        return rest;
      });
    return this.page(call, items);
  }

  private page(call: Call, items: Record<string, unknown>[]): Reply {
    const maxRaw = call.query.get('maxresults');
    let max = 25;
    if (maxRaw !== null) {
      max = Number(maxRaw);
      if (!Number.isInteger(max) || max < 1 || max > 25) {
        return badParameter('Invalid maxresults parameter. The value must be between 1 and 25.');
      }
    }
    let offset = 0;
    let emptyFirst = this.emptyPages;
    const token = call.query.get('$skiptoken');
    if (token !== null) {
      const m = /^o:(\d+)(:e)?$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
      if (!m) return badParameter('The $skiptoken is invalid.');
      offset = Number(m[1]);
      emptyFirst = m[2] === ':e';
    }
    const link = (o: number, empty: boolean): string => {
      const q = new URLSearchParams({
        'api-version': call.query.get('api-version') ?? '7.5',
        $skiptoken: Buffer.from(`o:${o}${empty ? ':e' : ''}`).toString('base64url'),
      });
      if (maxRaw !== null) q.set('maxresults', String(max));
      return `${this.url}${call.path}?${q.toString()}`;
    };
    if (emptyFirst && offset < items.length)
      return { status: 200, body: { value: [], nextLink: link(offset, false) } };
    const value = items.slice(offset, offset + max);
    const more = offset + max < items.length;
    return { status: 200, body: { value, nextLink: more ? link(offset + max, this.emptyPages) : null } };
  }

  private lagging(key: string): boolean {
    const left = this.beingDeleted.get(key);
    if (left === undefined) return false;
    if (left <= 1) this.beingDeleted.delete(key);
    else this.beingDeleted.set(key, left - 1);
    return true;
  }

  private attributes(v: AzureSecretVersion): Record<string, unknown> {
    return {
      enabled: v.enabled,
      created: v.created,
      updated: v.updated,
      recoveryLevel: this.purgeProtection ? 'Recoverable' : 'Recoverable+Purgeable',
      recoverableDays: this.recoverableDays,
    };
  }

  private bundle(s: StoredSecret, v: AzureSecretVersion, withValue: boolean): Record<string, unknown> {
    return {
      ...(withValue ? { value: v.value } : {}),
      ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
      id: `${this.url}/secrets/${s.name}/${v.version}`,
      attributes: this.attributes(v),
      ...(v.tags !== undefined ? { tags: { ...v.tags } } : {}),
    };
  }

  private item(id: string, v: AzureSecretVersion): Record<string, unknown> {
    return {
      id,
      attributes: this.attributes(v),
      ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
      ...(v.tags !== undefined ? { tags: { ...v.tags } } : {}),
    };
  }

  private deletedBundle(s: StoredSecret): Record<string, unknown> {
    const latest = s.versions.at(-1);
    return {
      recoveryId: `${this.url}/deletedsecrets/${s.name}`,
      deletedDate: s.deletedDate,
      scheduledPurgeDate: s.scheduledPurgeDate,
      ...(latest ? this.bundle(s, latest, false) : {}),
    };
  }
}

function newVersion(value: string, contentType?: string, tags?: Record<string, string>): AzureSecretVersion {
  const now = nowSeconds();
  return {
    version: randomHex(32),
    value,
    enabled: true,
    created: now,
    updated: now,
    ...(contentType !== undefined ? { contentType } : {}),
    ...(tags !== undefined ? { tags } : {}),
  };
}

function parseTags(raw: unknown): Record<string, string> | undefined | string {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) return 'Tags must be an object of strings.';
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') return `Tag ${k} must be a string.`;
    if (k.length > 512 || v.length > 256) return 'Tag names are limited to 512 characters and values to 256.';
    out[k] = v;
  }
  if (Object.keys(out).length > 15) return 'A secret can have at most 15 tags.';
  return out;
}

function view(s: StoredSecret): AzureSecret {
  return {
    name: s.name,
    value: s.versions.at(-1)?.value ?? '',
    versions: s.versions.map((v) => ({ ...v, ...(v.tags ? { tags: { ...v.tags } } : {}) })),
    origin: s.origin,
  };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function kvError(code: string, message: string, inner?: string): Record<string, unknown> {
  return { error: { code, message, ...(inner ? { innererror: { code: inner } } : {}) } };
}

function badParameter(message: string): Reply {
  return { status: 400, body: kvError('BadParameter', message) };
}

function conflict(message: string, inner: string): Reply {
  return { status: 409, body: kvError('Conflict', message, inner) };
}

function notFound(nameOrId: string): Reply {
  return {
    status: 404,
    body: kvError(
      'SecretNotFound',
      `A secret with (name/id) ${nameOrId} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
    ),
  };
}

function deletedNotFound(name: string): Reply {
  return { status: 404, body: kvError('SecretNotFound', `Deleted Secret not found: ${name}`) };
}
