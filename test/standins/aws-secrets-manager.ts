/**
 * AWS Secrets Manager stand-in speaking the JSON 1.1 protocol (`POST /`, `X-Amz-Target:
 * secretsmanager.<Operation>`), per shared/DESTINATIONS.md.
 *
 * SigV4 is not verified cryptographically, but a request must carry an `Authorization:
 * AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/secretsmanager/aws4_request, ...` header scoped
 * to this stand-in's region, as the real endpoint would insist.
 *
 * Operations: CreateSecret, PutSecretValue, UpdateSecret, GetSecretValue, DescribeSecret,
 * ListSecrets, DeleteSecret, RestoreSecret, TagResource, UntagResource. Errors are status 400
 * `{"__type": ..., "message": ...}` (5xx for injected server errors).
 */
import { randomUUID } from 'node:crypto';
import type { Call, FaultMatch, Reply } from './base.js';
import { StandIn, isRecord, parseJson, randomId, str } from './base.js';

export interface AwsSecretVersion {
  versionId: string;
  secretString?: string;
  secretBinary?: string;
  stages: string[];
  createdDate: number;
}

export interface AwsSecret {
  arn: string;
  name: string;
  description?: string;
  /** The AWSCURRENT value, if any. */
  current?: string;
  tags: Record<string, string>;
  versions: AwsSecretVersion[];
  createdDate: number;
  lastChangedDate: number;
  /** Set while scheduled for deletion (ms epoch of the DeleteSecret call). */
  deletedDate?: number;
  deletionDate?: number;
  origin: 'api' | 'seed';
}

interface StoredSecret {
  arn: string;
  name: string;
  description?: string;
  tags: Map<string, string>;
  versions: Map<string, AwsSecretVersion>;
  createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  deletedDate?: number;
  deletionDate?: number;
  origin: 'api' | 'seed';
}

export interface AwsSecretsManagerStandInOptions {
  region?: string;
  accountId?: string;
  /** When set, only these access key ids are accepted (others get UnrecognizedClientException). */
  accessKeyIds?: string[];
}

const OPERATIONS = new Set([
  'CreateSecret',
  'PutSecretValue',
  'UpdateSecret',
  'GetSecretValue',
  'DescribeSecret',
  'ListSecrets',
  'DeleteSecret',
  'RestoreSecret',
  'TagResource',
  'UntagResource',
]);
const WRITES = new Set([
  'CreateSecret',
  'PutSecretValue',
  'UpdateSecret',
  'DeleteSecret',
  'RestoreSecret',
  'TagResource',
  'UntagResource',
]);
const NAME_RE = /^[A-Za-z0-9/_+=.@-]+$/;
const MAX_SECRET_STRING = 65_536;
const DAY_MS = 86_400_000;

class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export class AwsSecretsManagerStandIn extends StandIn {
  readonly region: string;
  readonly accountId: string;
  private readonly accessKeyIds: Set<string> | undefined;
  private readonly store = new Map<string, StoredSecret>();

  constructor(options: AwsSecretsManagerStandInOptions = {}) {
    super();
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.accessKeyIds = options.accessKeyIds ? new Set(options.accessKeyIds) : undefined;
  }

  // ---------- setup and inspection ----------

  /** Every secret the stand-in holds, including ones scheduled for deletion (see `deletedDate`). */
  secrets(): Record<string, AwsSecret> {
    const out: Record<string, AwsSecret> = {};
    for (const s of this.store.values()) out[s.name] = view(s);
    return out;
  }

  secret(name: string): AwsSecret | undefined {
    const s = this.store.get(name);
    return s ? view(s) : undefined;
  }

  /** A secret created in the account by someone else. */
  seedSecret(
    name: string,
    value: string,
    options: { tags?: Record<string, string>; description?: string } = {},
  ): {
    arn: string;
  } {
    const s = this.createStored(name, options.description, new Map(Object.entries(options.tags ?? {})));
    s.origin = 'seed';
    this.addVersion(s, randomUUID(), { secretString: value });
    return { arn: s.arn };
  }

  /**
   * `throttling` → 400 ThrottlingException ("Rate exceeded"); `limit-exceeded` → 400
   * LimitExceededException (a quota error the SDK nonetheless classes as throttling and retries).
   */
  rateLimitNext(
    kind: 'throttling' | 'limit-exceeded' = 'throttling',
    options: { count?: number; match?: FaultMatch } = {},
  ): void {
    this.addFault(
      options.count ?? 1,
      () =>
        kind === 'throttling'
          ? awsReply(400, 'ThrottlingException', 'Rate exceeded')
          : awsReply(
              400,
              'LimitExceededException',
              'The request failed because it would exceed one of the Secrets Manager quotas.',
            ),
      options.match,
    );
  }

  // ---------- HTTP ----------

  protected override operationOf(call: Call): string | undefined {
    const target = call.headers['x-amz-target'];
    const value = Array.isArray(target) ? target[0] : target;
    return value?.startsWith('secretsmanager.') ? value.slice('secretsmanager.'.length) : value;
  }

  protected override isWrite(call: Call): boolean {
    return WRITES.has(this.operationOf(call) ?? '');
  }

  protected override serverError(status: number): Reply {
    return awsReply(status, 'InternalServiceError', 'An error occurred on the server side.');
  }

  protected override handle(call: Call): Reply {
    try {
      if (call.method !== 'POST' || call.path !== '/') {
        throw new AwsError('UnknownOperationException', 'Only POST / is served.', 404);
      }
      this.authenticate(call);
      const contentType = call.headers['content-type'] ?? '';
      if (!contentType.startsWith('application/x-amz-json-1.1')) {
        throw new AwsError('UnknownOperationException', `Unsupported content type ${contentType}`);
      }
      const op = this.operationOf(call);
      if (!op || !OPERATIONS.has(op))
        throw new AwsError('UnknownOperationException', `Unknown operation ${op ?? ''}`);
      const input = parseJson(call.text);
      if (!isRecord(input))
        throw new AwsError('SerializationException', 'Request body must be a JSON object.');
      return { status: 200, headers: baseHeaders(), body: this.operate(op, input) };
    } catch (err) {
      if (err instanceof AwsError) return awsReply(err.status, err.type, err.message);
      throw err;
    }
  }

  private authenticate(call: Call): void {
    const auth = call.headers.authorization;
    if (!auth) throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
    if (!auth.startsWith('AWS4-HMAC-SHA256 ')) {
      throw new AwsError('IncompleteSignatureException', 'Authorization header requires AWS4-HMAC-SHA256.');
    }
    const m = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/.exec(auth);
    if (
      !m ||
      !/SignedHeaders=/.test(auth) ||
      !/Signature=[0-9a-f]{64}/.test(auth) ||
      !call.headers['x-amz-date']
    ) {
      throw new AwsError(
        'IncompleteSignatureException',
        'Authorization header requires Credential, SignedHeaders and Signature, and X-Amz-Date.',
      );
    }
    const [, keyId, , region, service] = m;
    if (service !== 'secretsmanager') {
      throw new AwsError(
        'InvalidSignatureException',
        `Credential should be scoped to correct service: 'secretsmanager'.`,
        403,
      );
    }
    if (region !== this.region) {
      throw new AwsError(
        'InvalidSignatureException',
        `Credential should be scoped to a valid region. (expected '${this.region}', got '${region ?? ''}')`,
        403,
      );
    }
    if (this.accessKeyIds && !this.accessKeyIds.has(keyId ?? '')) {
      throw new AwsError(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    }
  }

  private operate(op: string, input: Record<string, unknown>): Record<string, unknown> {
    switch (op) {
      case 'CreateSecret':
        return this.createSecret(input);
      case 'PutSecretValue':
        return this.putSecretValue(input);
      case 'UpdateSecret':
        return this.updateSecret(input);
      case 'GetSecretValue':
        return this.getSecretValue(input);
      case 'DescribeSecret':
        return this.describeSecret(input);
      case 'ListSecrets':
        return this.listSecrets(input);
      case 'DeleteSecret':
        return this.deleteSecret(input);
      case 'RestoreSecret': {
        const s = this.find(input.SecretId);
        delete s.deletedDate;
        delete s.deletionDate;
        return { ARN: s.arn, Name: s.name };
      }
      case 'TagResource': {
        const s = this.find(input.SecretId);
        for (const [k, v] of parseTags(input.Tags)) s.tags.set(k, v);
        return {};
      }
      case 'UntagResource': {
        const s = this.find(input.SecretId);
        const keys = input.TagKeys;
        if (!Array.isArray(keys)) throw new AwsError('InvalidParameterException', 'TagKeys must be a list.');
        for (const k of keys) if (typeof k === 'string') s.tags.delete(k);
        return {};
      }
      default:
        throw new AwsError('UnknownOperationException', `Unknown operation ${op}`);
    }
  }

  private createSecret(input: Record<string, unknown>): Record<string, unknown> {
    const name = str(input.Name);
    if (name === undefined) throw validation('name', 'Member must not be null');
    if (name.length < 1 || name.length > 512)
      throw validation('name', 'Member must have length less than or equal to 512');
    if (!NAME_RE.test(name)) {
      throw new AwsError(
        'InvalidParameterException',
        'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
      );
    }
    const token = this.token(input.ClientRequestToken);
    const value = secretValue(input);
    const existing = this.store.get(name);
    if (existing) {
      if (existing.deletedDate !== undefined) {
        throw new AwsError(
          'InvalidRequestException',
          "You can't create this secret because a secret with this name is already scheduled for deletion.",
        );
      }
      // A retried CreateSecret (same token, same value) succeeds without doing anything.
      const version = existing.versions.get(token);
      if (version && value && sameValue(version, value)) {
        return { ARN: existing.arn, Name: existing.name, VersionId: version.versionId };
      }
      throw new AwsError(
        'ResourceExistsException',
        `The operation failed because the secret ${name} already exists.`,
      );
    }
    const s = this.createStored(name, str(input.Description), parseTags(input.Tags));
    if (!value) return { ARN: s.arn, Name: s.name };
    this.addVersion(s, token, value);
    return { ARN: s.arn, Name: s.name, VersionId: token };
  }

  private putSecretValue(input: Record<string, unknown>): Record<string, unknown> {
    const s = this.find(input.SecretId);
    this.notDeleted(s);
    const value = secretValue(input);
    if (!value)
      throw new AwsError('InvalidRequestException', 'You must provide either SecretString or SecretBinary.');
    const token = this.token(input.ClientRequestToken);
    const existing = s.versions.get(token);
    if (existing) {
      if (!sameValue(existing, value)) {
        throw new AwsError(
          'ResourceExistsException',
          "You can't modify an existing version, you can only create a new version.",
        );
      }
      return { ARN: s.arn, Name: s.name, VersionId: token, VersionStages: [...existing.stages] };
    }
    const version = this.addVersion(s, token, value);
    return { ARN: s.arn, Name: s.name, VersionId: token, VersionStages: [...version.stages] };
  }

  private updateSecret(input: Record<string, unknown>): Record<string, unknown> {
    const s = this.find(input.SecretId);
    this.notDeleted(s);
    const description = str(input.Description);
    if (description !== undefined) s.description = description;
    s.lastChangedDate = Date.now();
    const value = secretValue(input);
    if (!value) return { ARN: s.arn, Name: s.name };
    const token = this.token(input.ClientRequestToken);
    const existing = s.versions.get(token);
    if (existing) {
      if (!sameValue(existing, value)) {
        throw new AwsError(
          'ResourceExistsException',
          "You can't modify an existing version, you can only create a new version.",
        );
      }
      return { ARN: s.arn, Name: s.name, VersionId: token };
    }
    this.addVersion(s, token, value);
    return { ARN: s.arn, Name: s.name, VersionId: token };
  }

  private getSecretValue(input: Record<string, unknown>): Record<string, unknown> {
    const s = this.find(input.SecretId);
    this.notDeleted(s);
    const versionId = str(input.VersionId);
    const stage = str(input.VersionStage) ?? (versionId ? undefined : 'AWSCURRENT');
    const version = [...s.versions.values()].find(
      (v) =>
        (versionId === undefined || v.versionId === versionId) &&
        (stage === undefined || v.stages.includes(stage)),
    );
    if (!version) {
      throw new AwsError(
        'ResourceNotFoundException',
        versionId
          ? `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`
          : `Secrets Manager can't find the specified secret value for staging label: ${stage ?? 'AWSCURRENT'}`,
      );
    }
    s.lastAccessedDate = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    return {
      ARN: s.arn,
      Name: s.name,
      VersionId: version.versionId,
      ...(version.secretString !== undefined ? { SecretString: version.secretString } : {}),
      ...(version.secretBinary !== undefined ? { SecretBinary: version.secretBinary } : {}),
      VersionStages: [...version.stages],
      CreatedDate: seconds(version.createdDate),
    };
  }

  private describeSecret(input: Record<string, unknown>): Record<string, unknown> {
    const s = this.find(input.SecretId);
    return {
      ...this.summary(s),
      VersionIdsToStages: stagesMap(s),
    };
  }

  private listSecrets(input: Record<string, unknown>): Record<string, unknown> {
    const maxRaw = input.MaxResults;
    const max = maxRaw === undefined ? 100 : maxRaw;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100) {
      throw validation('maxResults', 'Member must have value less than or equal to 100');
    }
    const filters = parseFilters(input.Filters);
    let all = [...this.store.values()];
    if (input.IncludePlannedDeletion !== true) all = all.filter((s) => s.deletedDate === undefined);
    all = all.filter((s) => filters.every((f) => matchesFilter(s, f)));
    if (input.SortOrder === 'desc') all.reverse();
    let offset = 0;
    if (input.NextToken !== undefined) {
      const decoded =
        typeof input.NextToken === 'string'
          ? /^o:(\d+)$/.exec(Buffer.from(input.NextToken, 'base64').toString('utf8'))
          : null;
      if (!decoded) throw new AwsError('InvalidNextTokenException', 'The NextToken value is invalid.');
      offset = Number(decoded[1]);
    }
    const page = all.slice(offset, offset + max);
    const next = offset + max < all.length ? Buffer.from(`o:${offset + max}`).toString('base64') : undefined;
    return {
      SecretList: page.map((s) => ({ ...this.summary(s), SecretVersionsToStages: stagesMap(s) })),
      ...(next ? { NextToken: next } : {}),
    };
  }

  private deleteSecret(input: Record<string, unknown>): Record<string, unknown> {
    const s = this.find(input.SecretId);
    const window = input.RecoveryWindowInDays;
    const force = input.ForceDeleteWithoutRecovery === true;
    if (force && window !== undefined) {
      throw new AwsError(
        'InvalidParameterException',
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
      );
    }
    if (
      window !== undefined &&
      (typeof window !== 'number' || !Number.isInteger(window) || window < 7 || window > 30)
    ) {
      throw new AwsError(
        'InvalidParameterException',
        'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
      );
    }
    const now = Date.now();
    if (force) {
      this.store.delete(s.name);
      return { ARN: s.arn, Name: s.name, DeletionDate: seconds(now) };
    }
    if (s.deletedDate !== undefined) {
      throw new AwsError(
        'InvalidRequestException',
        "You can't perform this operation on the secret because it was already scheduled for deletion.",
      );
    }
    s.deletedDate = now;
    s.deletionDate = now + (typeof window === 'number' ? window : 30) * DAY_MS;
    return { ARN: s.arn, Name: s.name, DeletionDate: seconds(s.deletionDate) };
  }

  // ---------- helpers ----------

  private summary(s: StoredSecret): Record<string, unknown> {
    return {
      ARN: s.arn,
      Name: s.name,
      ...(s.description !== undefined ? { Description: s.description } : {}),
      LastChangedDate: seconds(s.lastChangedDate),
      ...(s.lastAccessedDate !== undefined ? { LastAccessedDate: seconds(s.lastAccessedDate) } : {}),
      ...(s.deletedDate !== undefined ? { DeletedDate: seconds(s.deletedDate) } : {}),
      Tags: [...s.tags].map(([Key, Value]) => ({ Key, Value })),
      CreatedDate: seconds(s.createdDate),
    };
  }

  private token(raw: unknown): string {
    if (raw === undefined) return randomUUID();
    if (typeof raw !== 'string' || raw.length < 32 || raw.length > 64) {
      throw validation('clientRequestToken', 'Member must have length greater than or equal to 32');
    }
    return raw;
  }

  private notDeleted(s: StoredSecret): void {
    if (s.deletedDate !== undefined) {
      throw new AwsError(
        'InvalidRequestException',
        "You can't perform this operation on the secret because it was marked for deletion.",
      );
    }
  }

  private find(secretId: unknown): StoredSecret {
    if (typeof secretId !== 'string' || secretId.length === 0)
      throw validation('secretId', 'Member must not be null');
    const byName = this.store.get(secretId);
    if (byName) return byName;
    for (const s of this.store.values()) {
      // Full ARN, or a partial ARN without the random six-character suffix.
      if (s.arn === secretId || s.arn.replace(/-[A-Za-z0-9]{6}$/, '') === secretId) return s;
    }
    throw new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  }

  private createStored(
    name: string,
    description: string | undefined,
    tags: Map<string, string>,
  ): StoredSecret {
    const now = Date.now();
    const s: StoredSecret = {
      arn: `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${name}-${randomId(6, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`,
      name,
      tags,
      versions: new Map(),
      createdDate: now,
      lastChangedDate: now,
      origin: 'api',
      ...(description !== undefined ? { description } : {}),
    };
    this.store.set(name, s);
    return s;
  }

  private addVersion(s: StoredSecret, versionId: string, value: SecretValue): AwsSecretVersion {
    for (const v of s.versions.values()) {
      v.stages = v.stages.filter((st) => st !== 'AWSPREVIOUS');
      if (v.stages.includes('AWSCURRENT'))
        v.stages = v.stages.map((st) => (st === 'AWSCURRENT' ? 'AWSPREVIOUS' : st));
    }
    const now = Date.now();
    const version: AwsSecretVersion = { versionId, stages: ['AWSCURRENT'], createdDate: now, ...value };
    s.versions.set(versionId, version);
    s.lastChangedDate = now;
    return version;
  }
}

interface SecretValue {
  secretString?: string;
  secretBinary?: string;
}

function secretValue(input: Record<string, unknown>): SecretValue | undefined {
  const secretString = str(input.SecretString);
  const secretBinary = str(input.SecretBinary);
  if (secretString !== undefined && secretBinary !== undefined) {
    throw new AwsError('InvalidParameterException', "You can't specify both SecretString and SecretBinary.");
  }
  if (secretString !== undefined) {
    if (secretString.length > MAX_SECRET_STRING) {
      throw validation('secretString', `Member must have length less than or equal to ${MAX_SECRET_STRING}`);
    }
    return { secretString };
  }
  if (secretBinary !== undefined) return { secretBinary };
  return undefined;
}

function sameValue(version: AwsSecretVersion, value: SecretValue): boolean {
  return version.secretString === value.secretString && version.secretBinary === value.secretBinary;
}

function parseTags(raw: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (raw === undefined) return out;
  if (!Array.isArray(raw)) throw new AwsError('InvalidParameterException', 'Tags must be a list.');
  for (const t of raw) {
    if (!isRecord(t) || typeof t.Key !== 'string' || typeof t.Value !== 'string') {
      throw new AwsError('InvalidParameterException', 'Each tag needs a Key and a Value.');
    }
    out.set(t.Key, t.Value);
  }
  if (out.size > 50) throw new AwsError('InvalidParameterException', 'A secret can have at most 50 tags.');
  return out;
}

interface Filter {
  key: string;
  values: string[];
}

const FILTER_KEYS = new Set([
  'description',
  'name',
  'tag-key',
  'tag-value',
  'primary-region',
  'owning-service',
  'all',
]);

function parseFilters(raw: unknown): Filter[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new AwsError('InvalidParameterException', 'Filters must be a list.');
  return raw.map((f) => {
    if (!isRecord(f) || typeof f.Key !== 'string' || !FILTER_KEYS.has(f.Key)) {
      throw validation('filters.key', `Member must satisfy enum value set: [${[...FILTER_KEYS].join(', ')}]`);
    }
    const values = Array.isArray(f.Values) ? f.Values.filter((v): v is string => typeof v === 'string') : [];
    if (values.length === 0 || values.length > 10) {
      throw new AwsError('InvalidParameterException', 'Each filter needs between 1 and 10 values.');
    }
    return { key: f.Key, values };
  });
}

/** Values are prefix matches; a leading `!` negates. Values of one filter are ORed, filters ANDed. */
function matchesFilter(s: StoredSecret, f: Filter): boolean {
  const candidates = (): string[] => {
    switch (f.key) {
      case 'name':
        return [s.name];
      case 'description':
        return s.description !== undefined ? [s.description] : [];
      case 'tag-key':
        return [...s.tags.keys()];
      case 'tag-value':
        return [...s.tags.values()];
      case 'all':
        return [
          s.name,
          ...(s.description !== undefined ? [s.description] : []),
          ...s.tags.keys(),
          ...s.tags.values(),
        ];
      default:
        return [];
    }
  };
  const values = candidates();
  return f.values.some((raw) => {
    const negate = raw.startsWith('!');
    const prefix = negate ? raw.slice(1) : raw;
    const hit = values.some((v) => v.startsWith(prefix));
    return negate ? !hit : hit;
  });
}

function stagesMap(s: StoredSecret): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of s.versions.values()) if (v.stages.length > 0) out[v.versionId] = [...v.stages];
  return out;
}

function view(s: StoredSecret): AwsSecret {
  const versions = [...s.versions.values()].map((v) => ({ ...v, stages: [...v.stages] }));
  const current = versions.find((v) => v.stages.includes('AWSCURRENT'))?.secretString;
  return {
    arn: s.arn,
    name: s.name,
    tags: Object.fromEntries(s.tags),
    versions,
    createdDate: s.createdDate,
    lastChangedDate: s.lastChangedDate,
    origin: s.origin,
    ...(s.description !== undefined ? { description: s.description } : {}),
    ...(current !== undefined ? { current } : {}),
    ...(s.deletedDate !== undefined ? { deletedDate: s.deletedDate } : {}),
    ...(s.deletionDate !== undefined ? { deletionDate: s.deletionDate } : {}),
  };
}

function validation(member: string, constraint: string): AwsError {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

function seconds(ms: number): number {
  return ms / 1000;
}

function baseHeaders(): Record<string, string> {
  return { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() };
}

function awsReply(status: number, type: string, message: string): Reply {
  return { status, headers: baseHeaders(), body: { __type: type, message } };
}
