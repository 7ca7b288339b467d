/**
 * GCP Secret Manager REST v1 stand-in plus the OAuth2 token endpoint a service account exchanges
 * its signed JWT assertion at, per shared/DESTINATIONS.md.
 *
 * - `POST /token` (form: `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>`):
 *   the RS256 assertion is verified against the public half of the service-account key the
 *   stand-in generated (`serviceAccountKey()` returns Google's key-file JSON, with `token_uri`
 *   pointing here). Answers `{access_token, expires_in, token_type}` or 400 `{error, error_description}`.
 * - `POST /v1/projects/{p}/secrets?secretId=` (409 ALREADY_EXISTS), `GET|PATCH|DELETE
 *   /v1/projects/{p}/secrets/{s}`, `GET /v1/projects/{p}/secrets?pageSize&pageToken&filter`,
 *   `POST .../secrets/{s}:addVersion`, `GET .../versions/{v|latest}` and `...:access`.
 * - Resource names in responses use the project *number*, as Google's do, whatever the caller sent.
 * - Errors are `{"error": {"code", "message", "status"}}`; empty fields are omitted (an empty list
 *   is `{}`), like Google's JSON.
 */
import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader, exportPKCS8, generateKeyPair, jwtVerify } from 'jose';
import type { CryptoKey } from 'jose';
import type { Call, FaultMatch, Reply } from './base.js';
import { Clock, StandIn, bearerToken, isRecord, parseJson, randomHex, str } from './base.js';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

export interface GcpSecretVersion {
  version: number;
  plaintext: string;
  data: Buffer;
  state: 'ENABLED';
  createTime: string;
}

export interface GcpSecret {
  labels: Record<string, string>;
  versions: GcpSecretVersion[];
  /** Plaintext of the newest version, if any. */
  latest?: string;
  createTime: string;
  origin: 'api' | 'seed';
}

interface StoredSecret {
  id: string;
  labels: Record<string, string>;
  versions: GcpSecretVersion[];
  createTime: string;
  etag: string;
  origin: 'api' | 'seed';
}

interface Project {
  id: string;
  number: string;
  secrets: Map<string, StoredSecret>;
}

interface TokenInfo {
  expiresAt: number;
  scopes: string[];
}

export interface GcpStandInOptions {
  /** Projects the service account may use. Default one: `coffer-test` / `123456789012`. */
  projects?: { id: string; number: string }[];
  /** Page size when the client sends none (Google: "server decides"; capped at 25000). */
  defaultPageSize?: number;
}

const SECRET_ID_RE = /^[A-Za-z0-9_-]{1,255}$/;
const LABEL_KEY_RE = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE_RE = /^[a-z0-9_-]{0,63}$/;
const MAX_PAYLOAD = 64 * 1024;

export class GcpSecretManagerStandIn extends StandIn {
  private readonly projects = new Map<string, Project>();
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly defaultPageSize: number;
  private readonly clock = new Clock();
  private key: { id: string; publicKey: CryptoKey; json: ServiceAccountKey } | undefined;
  private readonly clientEmail: string;

  constructor(options: GcpStandInOptions = {}) {
    super();
    for (const p of options.projects ?? [{ id: 'coffer-test', number: '123456789012' }]) {
      this.projects.set(p.id, { ...p, secrets: new Map() });
    }
    const first = [...this.projects.values()][0];
    this.clientEmail = `coffer-sync@${first?.id ?? 'project'}.iam.gserviceaccount.com`;
    this.defaultPageSize = options.defaultPageSize ?? 25_000;
  }

  protected override async prepare(): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', {
      extractable: true,
      modulusLength: 2048,
    });
    const id = randomHex(40);
    const projectId = [...this.projects.keys()][0] ?? 'project';
    this.key = {
      id,
      publicKey,
      json: {
        type: 'service_account',
        project_id: projectId,
        private_key_id: id,
        private_key: await exportPKCS8(privateKey),
        client_email: this.clientEmail,
        client_id: String(100_000_000_000_000_000_000n + BigInt(`0x${randomHex(12)}`)),
        auth_uri: 'https://accounts.google.com/o/oauth2/auth',
        token_uri: '', // filled in by serviceAccountKey(), once the URL is known
        auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
        client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(this.clientEmail)}`,
        universe_domain: 'googleapis.com',
      },
    };
  }

  // ---------- setup and inspection ----------

  /** Google's service-account key file for the account this stand-in trusts (after `start()`). */
  serviceAccountKey(): ServiceAccountKey {
    if (!this.key) throw new Error('start() the stand-in first');
    return { ...this.key.json, token_uri: `${this.url}/token` };
  }

  /** Mint an access token directly, for tests that are not about the JWT exchange. */
  accessToken(scopes: string[] = [CLOUD_PLATFORM_SCOPE]): string {
    const token = `ya29.standin-${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { expiresAt: Date.now() + 3600_000, scopes });
    return token;
  }

  /** Every issued access token expires now (the next API call gets 401). */
  expireAccessTokens(): void {
    for (const info of this.tokens.values()) info.expiresAt = 0;
  }

  secrets(projectId: string): Record<string, GcpSecret> {
    const out: Record<string, GcpSecret> = {};
    for (const s of this.mustProject(projectId).secrets.values()) {
      const latest = s.versions.at(-1)?.plaintext;
      out[s.id] = {
        labels: { ...s.labels },
        versions: s.versions.map((v) => ({ ...v })),
        createTime: s.createTime,
        origin: s.origin,
        ...(latest !== undefined ? { latest } : {}),
      };
    }
    return out;
  }

  /** A secret created in the project by someone else. */
  seedSecret(projectId: string, secretId: string, value?: string, labels: Record<string, string> = {}): void {
    const project = this.mustProject(projectId);
    const s = this.createStored(project, secretId, labels);
    s.origin = 'seed';
    if (value !== undefined) this.addVersionStored(s, Buffer.from(value, 'utf8'));
  }

  /** 429 RESOURCE_EXHAUSTED. Google sends no Retry-After; pass `retryAfter` to add one anyway. */
  rateLimitNext(
    _kind: '429' = '429',
    options: { count?: number; retryAfter?: number; match?: FaultMatch } = {},
  ): void {
    this.addFault(
      options.count ?? 1,
      (call) => {
        const project = this.projectFromPath(call.segments);
        return {
          ...gErr(
            429,
            'RESOURCE_EXHAUSTED',
            `Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per project' of service 'secretmanager.googleapis.com' for consumer 'project_number:${project?.number ?? '0'}'.`,
            [
              {
                '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                reason: 'RATE_LIMIT_EXCEEDED',
                domain: 'googleapis.com',
                metadata: {
                  service: 'secretmanager.googleapis.com',
                  consumer: `projects/${project?.number ?? '0'}`,
                },
              },
            ],
          ),
          ...(options.retryAfter !== undefined
            ? { headers: { 'retry-after': String(options.retryAfter) } }
            : {}),
        };
      },
      options.match,
    );
  }

  // ---------- HTTP ----------

  protected override isAuthEndpoint(call: Call): boolean {
    return call.path === '/token';
  }

  protected override serverError(status: number): Reply {
    if (status === 503) return gErr(503, 'UNAVAILABLE', 'The service is currently unavailable.');
    return gErr(status, 'INTERNAL', 'Internal error encountered.');
  }

  protected override async handle(call: Call): Promise<Reply> {
    if (call.path === '/token') return this.token(call);
    const token = bearerToken(call.headers);
    const info = token ? this.tokens.get(token) : undefined;
    if (!info || info.expiresAt <= Date.now()) {
      return {
        ...gErr(
          401,
          'UNAUTHENTICATED',
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
        ),
        headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
      };
    }
    if (!info.scopes.includes(CLOUD_PLATFORM_SCOPE)) {
      return gErr(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' },
      ]);
    }
    return this.api(call);
  }

  private async token(call: Call): Promise<Reply> {
    const oauthError = (error: string, description: string): Reply => ({
      status: 400,
      body: { error, error_description: description },
    });
    if (call.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
    const type = call.headers['content-type'] ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      return oauthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(call.text);
    const grant = form.get('grant_type') ?? '';
    if (grant !== JWT_BEARER) return oauthError('unsupported_grant_type', `Invalid grant_type: ${grant}`);
    const assertion = form.get('assertion');
    if (!assertion || !this.key)
      return oauthError('invalid_request', 'Missing required parameter: assertion');
    let header: { kid?: string; alg?: string };
    try {
      header = decodeProtectedHeader(assertion);
    } catch {
      return oauthError('invalid_grant', 'Invalid JWT: malformed.');
    }
    if (header.kid !== undefined && header.kid !== this.key.id)
      return oauthError('invalid_grant', 'Invalid JWT Signature.');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(assertion, this.key.publicKey, {
        algorithms: ['RS256'],
        issuer: this.clientEmail,
        audience: [`${this.url}/token`, GOOGLE_TOKEN_URI],
        clockTolerance: 60,
        requiredClaims: ['iat', 'exp'],
      }));
    } catch (err) {
      const code = isRecord(err) ? str(err.code) : undefined;
      if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' || code === 'ERR_JWS_INVALID') {
        return oauthError('invalid_grant', 'Invalid JWT Signature.');
      }
      if (code === 'ERR_JWT_EXPIRED') {
        return oauthError(
          'invalid_grant',
          'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
        );
      }
      return oauthError('invalid_grant', `Invalid JWT: ${err instanceof Error ? err.message : 'rejected'}`);
    }
    const iat = payload.iat;
    const exp = payload.exp;
    if (
      typeof iat !== 'number' ||
      typeof exp !== 'number' ||
      exp - iat > 3600 ||
      iat > Date.now() / 1000 + 60
    ) {
      return oauthError(
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      );
    }
    const scope = str(payload.scope);
    if (!scope) return oauthError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    const accessToken = this.accessToken(scope.split(/\s+/));
    return { status: 200, body: { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' } };
  }

  private api(call: Call): Reply {
    const s = call.segments;
    if (s[0] !== 'v1' || s[1] !== 'projects' || s[3] !== 'secrets')
      return gErr(404, 'NOT_FOUND', 'Not found.');
    const project = this.projectFromPath(s);
    const [resource, verb] = splitVerb(s.slice(4));
    const permission = permissionFor(call.method, resource.length, verb);
    if (!project) {
      return gErr(
        403,
        'PERMISSION_DENIED',
        `Permission '${permission}' denied for resource 'projects/${s[2] ?? ''}' (or it may not exist).`,
      );
    }
    // /v1/projects/{p}/secrets
    if (resource.length === 0 && verb === undefined) {
      if (call.method === 'POST') return this.create(call, project);
      if (call.method === 'GET') return this.list(call, project);
      return methodNotAllowed();
    }
    const secret = project.secrets.get(resource[0] ?? '');
    const secretName = `projects/${project.number}/secrets/${resource[0] ?? ''}`;
    // /v1/projects/{p}/secrets/{s}[:addVersion]
    if (resource.length === 1) {
      if (verb === 'addVersion' && call.method === 'POST') {
        if (!secret) return gErr(404, 'NOT_FOUND', `Secret [${secretName}] not found or has no versions.`);
        return this.addVersion(call, project, secret);
      }
      if (verb !== undefined) return gErr(404, 'NOT_FOUND', 'Not found.');
      if (!secret) return gErr(404, 'NOT_FOUND', `Secret [${secretName}] not found or has no versions.`);
      if (call.method === 'GET') return { status: 200, body: secretJson(project, secret) };
      if (call.method === 'DELETE') {
        project.secrets.delete(secret.id);
        return { status: 200, body: {} };
      }
      if (call.method === 'PATCH') return this.patch(call, project, secret);
      return methodNotAllowed();
    }
    // /v1/projects/{p}/secrets/{s}/versions/{v}[:access]
    if (resource.length === 3 && resource[1] === 'versions' && call.method === 'GET') {
      const wanted = resource[2] ?? '';
      const versionName = `${secretName}/versions/${wanted}`;
      if (!secret) return gErr(404, 'NOT_FOUND', `Secret Version [${versionName}] not found.`);
      const version =
        wanted === 'latest'
          ? secret.versions.at(-1)
          : secret.versions.find((v) => String(v.version) === wanted);
      if (!version) return gErr(404, 'NOT_FOUND', `Secret Version [${versionName}] not found.`);
      const name = `${secretName}/versions/${version.version}`;
      if (verb === 'access') {
        return {
          status: 200,
          body: {
            name,
            payload: { data: version.data.toString('base64'), dataCrc32c: String(crc32c(version.data)) },
          },
        };
      }
      if (verb === undefined) return { status: 200, body: versionJson(name, version) };
    }
    return gErr(404, 'NOT_FOUND', 'Not found.');
  }

  private create(call: Call, project: Project): Reply {
    const secretId = call.query.get('secretId');
    if (!secretId) return gErr(400, 'INVALID_ARGUMENT', 'secret_id must be specified.');
    if (!SECRET_ID_RE.test(secretId)) {
      return gErr(
        400,
        'INVALID_ARGUMENT',
        `Secret ID [${secretId}] is invalid: must be at most 255 characters of letters, numerals, hyphens and underscores.`,
      );
    }
    const body = parseJson(call.text);
    if (!isRecord(body)) return gErr(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    const replication = body.replication;
    if (!isRecord(replication) || (!isRecord(replication.automatic) && !isRecord(replication.userManaged))) {
      return gErr(400, 'INVALID_ARGUMENT', 'Secret.replication must be set to automatic or user_managed.');
    }
    const labels = parseLabels(body.labels);
    if (typeof labels === 'string') return gErr(400, 'INVALID_ARGUMENT', labels);
    if (project.secrets.has(secretId)) {
      return gErr(
        409,
        'ALREADY_EXISTS',
        `Secret [projects/${project.number}/secrets/${secretId}] already exists.`,
      );
    }
    const s = this.createStored(project, secretId, labels);
    return { status: 200, body: secretJson(project, s) };
  }

  private patch(call: Call, project: Project, secret: StoredSecret): Reply {
    const mask = call.query.get('updateMask');
    if (!mask) return gErr(400, 'INVALID_ARGUMENT', 'update_mask must be specified.');
    const body = parseJson(call.text);
    if (!isRecord(body)) return gErr(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    for (const field of mask.split(',')) {
      if (field !== 'labels')
        return gErr(400, 'INVALID_ARGUMENT', `Field [${field}] cannot be updated by the stand-in.`);
      const labels = parseLabels(body.labels);
      if (typeof labels === 'string') return gErr(400, 'INVALID_ARGUMENT', labels);
      secret.labels = labels;
      secret.etag = etag(this.clock.now());
    }
    return { status: 200, body: secretJson(project, secret) };
  }

  private list(call: Call, project: Project): Reply {
    const sizeRaw = call.query.get('pageSize');
    let size = this.defaultPageSize;
    if (sizeRaw !== null) {
      const n = Number(sizeRaw);
      if (!Number.isInteger(n) || n < 0)
        return gErr(400, 'INVALID_ARGUMENT', 'page_size must be non-negative.');
      if (n > 0) size = Math.min(n, 25_000);
    }
    let all = [...project.secrets.values()];
    const filter = call.query.get('filter');
    if (filter) {
      const terms = parseFilter(filter);
      if (typeof terms === 'string') return gErr(400, 'INVALID_ARGUMENT', terms);
      all = all.filter((s) => terms.every((t) => t(s)));
    }
    let offset = 0;
    const token = call.query.get('pageToken');
    if (token) {
      const m = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
      if (!m) return gErr(400, 'INVALID_ARGUMENT', 'Invalid page token.');
      offset = Number(m[1]);
    }
    const page = all.slice(offset, offset + size);
    const body: Record<string, unknown> = {};
    if (page.length > 0) body.secrets = page.map((s) => secretJson(project, s));
    if (offset + size < all.length)
      body.nextPageToken = Buffer.from(`o:${offset + size}`).toString('base64url');
    if (all.length > 0) body.totalSize = all.length;
    return { status: 200, body };
  }

  private addVersion(call: Call, project: Project, secret: StoredSecret): Reply {
    const body = parseJson(call.text);
    const payload = isRecord(body) ? body.payload : undefined;
    const data = isRecord(payload) ? str(payload.data) : undefined;
    if (data === undefined) return gErr(400, 'INVALID_ARGUMENT', 'Secret Payload cannot be empty.');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(data)) {
      return gErr(
        400,
        'INVALID_ARGUMENT',
        "Invalid value at 'payload.data' (TYPE_BYTES), Base64 decoding failed.",
      );
    }
    const bytes = Buffer.from(data, data.includes('-') || data.includes('_') ? 'base64url' : 'base64');
    if (bytes.length > MAX_PAYLOAD) {
      return gErr(
        400,
        'INVALID_ARGUMENT',
        `Secret payload data length must be at most ${MAX_PAYLOAD} bytes.`,
      );
    }
    const crc = isRecord(payload) ? payload.dataCrc32c : undefined;
    if (crc !== undefined && String(crc) !== String(crc32c(bytes))) {
      return gErr(
        400,
        'INVALID_ARGUMENT',
        'Checksum mismatch: the data_crc32c does not match the payload data.',
      );
    }
    const version = this.addVersionStored(secret, bytes);
    const name = `projects/${project.number}/secrets/${secret.id}/versions/${version.version}`;
    return {
      status: 200,
      body: { ...versionJson(name, version), clientSpecifiedPayloadChecksum: crc !== undefined },
    };
  }

  // ---------- helpers ----------

  private createStored(project: Project, id: string, labels: Record<string, string>): StoredSecret {
    const now = this.clock.now();
    const s: StoredSecret = {
      id,
      labels,
      versions: [],
      createTime: rfc3339(now),
      etag: etag(now),
      origin: 'api',
    };
    project.secrets.set(id, s);
    return s;
  }

  private addVersionStored(secret: StoredSecret, bytes: Buffer): GcpSecretVersion {
    const version: GcpSecretVersion = {
      version: (secret.versions.at(-1)?.version ?? 0) + 1,
      plaintext: bytes.toString('utf8'),
      data: bytes,
      state: 'ENABLED',
      createTime: rfc3339(this.clock.now()),
    };
    secret.versions.push(version);
    return version;
  }

  private projectFromPath(segments: string[]): Project | undefined {
    if (segments[1] !== 'projects') return undefined;
    const p = segments[2] ?? '';
    return this.projects.get(p) ?? [...this.projects.values()].find((x) => x.number === p);
  }

  private mustProject(idOrNumber: string): Project {
    const p =
      this.projects.get(idOrNumber) ?? [...this.projects.values()].find((x) => x.number === idOrNumber);
    if (!p) throw new Error(`unknown project ${idOrNumber}`);
    return p;
  }
}

function splitVerb(resource: string[]): [string[], string | undefined] {
  const last = resource.at(-1);
  if (last === undefined) return [resource, undefined];
  const i = last.indexOf(':');
  if (i < 0) return [resource, undefined];
  return [[...resource.slice(0, -1), last.slice(0, i)], last.slice(i + 1)];
}

function permissionFor(method: string, depth: number, verb: string | undefined): string {
  if (verb === 'access') return 'secretmanager.versions.access';
  if (verb === 'addVersion') return 'secretmanager.versions.add';
  if (depth === 0) return method === 'POST' ? 'secretmanager.secrets.create' : 'secretmanager.secrets.list';
  if (depth >= 3) return 'secretmanager.versions.get';
  return method === 'DELETE'
    ? 'secretmanager.secrets.delete'
    : method === 'PATCH'
      ? 'secretmanager.secrets.update'
      : 'secretmanager.secrets.get';
}

function parseLabels(raw: unknown): Record<string, string> | string {
  if (raw === undefined) return {};
  if (!isRecord(raw)) return 'Secret.labels must be a map of strings.';
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!LABEL_KEY_RE.test(k)) {
      return `Invalid label key [${k}]: keys must start with a lowercase letter and contain at most 63 lowercase letters, digits, underscores and dashes.`;
    }
    if (typeof v !== 'string' || !LABEL_VALUE_RE.test(v)) {
      return `Invalid label value for key [${k}]: values must be at most 63 lowercase letters, digits, underscores and dashes.`;
    }
    out[k] = v;
  }
  if (Object.keys(out).length > 64) return 'A secret can have at most 64 labels.';
  return out;
}

type Term = (s: StoredSecret) => boolean;

/** A small subset of the list filter syntax: `labels.k=v`, `labels.k:*`, `name:substr`, joined by spaces or AND. */
function parseFilter(filter: string): Term[] | string {
  const parts = filter.split(/\s+(?:AND\s+)?/).filter((p) => p.length > 0);
  const terms: Term[] = [];
  for (const part of parts) {
    let m = /^labels\.([a-z][a-z0-9_-]*)=(.*)$/.exec(part);
    if (m) {
      const [, k, v] = m;
      terms.push((s) => s.labels[k ?? ''] === v);
      continue;
    }
    m = /^labels\.([a-z][a-z0-9_-]*):\*$/.exec(part);
    if (m) {
      const [, k] = m;
      terms.push((s) => (k ?? '') in s.labels);
      continue;
    }
    m = /^name:(.+)$/.exec(part);
    if (m) {
      const [, sub] = m;
      terms.push((s) => s.id.includes(sub ?? ''));
      continue;
    }
    return `Invalid filter: the stand-in supports labels.KEY=VALUE, labels.KEY:* and name:SUBSTRING, got [${part}].`;
  }
  return terms;
}

function secretJson(project: Project, s: StoredSecret): Record<string, unknown> {
  return {
    name: `projects/${project.number}/secrets/${s.id}`,
    replication: { automatic: {} },
    createTime: s.createTime,
    ...(Object.keys(s.labels).length > 0 ? { labels: { ...s.labels } } : {}),
    etag: s.etag,
  };
}

function versionJson(name: string, v: GcpSecretVersion): Record<string, unknown> {
  return {
    name,
    createTime: v.createTime,
    state: v.state,
    replicationStatus: { automatic: {} },
    etag: etag(Date.parse(v.createTime)),
  };
}

function gErr(code: number, status: string, message: string, details?: unknown[]): Reply {
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

function methodNotAllowed(): Reply {
  return gErr(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');
}

function rfc3339(ms: number): string {
  // Google prints sub-second precision to the microsecond.
  return new Date(ms)
    .toISOString()
    .replace(/\.(\d{3})Z$/, (_m, frac: string) => `.${frac}${randomDigits(3)}Z`);
}

function randomDigits(n: number): string {
  return [...randomBytes(n)].map((b) => String(b % 10)).join('');
}

function etag(ms: number): string {
  return `"${ms * 1000}"`;
}

let crcTable: Uint32Array | undefined;

/** CRC32C (Castagnoli), as Secret Manager uses for `dataCrc32c`. */
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
