/**
 * AWS Secrets Manager through `@aws-sdk/client-secrets-manager`, whose standard retry strategy
 * retries throttling (`ThrottlingException`, and `LimitExceededException` although that is a quota
 * error), 5xx and network failures with backoff, `maxRetries + 1` attempts in all.
 *
 * **Credentials.** In production, the customer's `role_arn`, assumed with their `external_id`
 * (the confused-deputy guard) through STS from the worker's own role: short-lived credentials,
 * refreshed by the SDK before they expire, and nothing long-lived stored. Static access keys are
 * accepted too (and used by the local process). Never the worker's own credentials.
 *
 * **Names.** `${name_prefix}${name}` (default prefix `coffer/`), reversed by stripping the prefix.
 * A result that ends in a hyphen and six characters is refused: AWS reads that as an ARN suffix
 * when resolving partial ARNs. `list()` reports every secret under the prefix, whoever made it.
 *
 * **Writes.** Secrets Coffer creates carry the tag `managed-by: coffer` (plus the target's tags).
 * A create uses CreateSecret, which refuses an existing name (`CONFLICT`); an update uses
 * PutSecretValue, and re-creates the secret if it has gone. Each write has its own
 * ClientRequestToken, which the SDK reuses across its retries, so a retried write does not add a
 * version. Deletes keep AWS's minimum recovery window (7 days), so a mistaken delete can be undone
 * at AWS. A secret in its recovery window blocks its name: if it carries Coffer's tag, a create
 * deletes it for good (ForceDeleteWithoutRecovery) and creates it afresh, so an old value never
 * comes back; if not, the create fails with `CONFLICT_SOFT_DELETED`.
 *
 * Error codes: RATE_LIMITED (throttling after the SDK's retries), QUOTA_EXCEEDED
 * (LimitExceededException), UNAVAILABLE, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT,
 * CONFLICT_SOFT_DELETED, VALIDATION, VALUE_TOO_LARGE (over 65,536 characters), UNSUPPORTED,
 * UNEXPECTED.
 */
import { randomUUID } from 'node:crypto';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { Destination, DestinationEntry, NameMapping } from '../../domain/sync/destination.js';
import { DestinationError } from '../../domain/sync/destination.js';
import type { AwsConnection, AwsTarget } from './config.js';
import type { DestinationErrorCode } from './errors.js';
import { describeFailure, destinationError, isRecord, messageOf, withoutValue } from './errors.js';
import { MANAGED_BY_KEY, MANAGED_BY_VALUE, mapped, notACofferName, refused } from './names.js';
import type { DestinationOptions } from './options.js';
import { baseUrl, retryPolicy } from './options.js';

/** SecretString limit, in characters. */
const MAX_VALUE_CHARS = 65_536;
const MAX_PAGE_SIZE = 100;
/** AWS's minimum; the maximum is 30. */
const RECOVERY_WINDOW_DAYS = 7;

const BY_ERROR_NAME: Readonly<Record<string, DestinationErrorCode>> = {
  ThrottlingException: 'RATE_LIMITED',
  TooManyRequestsException: 'RATE_LIMITED',
  RequestLimitExceeded: 'RATE_LIMITED',
  LimitExceededException: 'QUOTA_EXCEEDED',
  UnrecognizedClientException: 'UNAUTHORIZED',
  InvalidSignatureException: 'UNAUTHORIZED',
  IncompleteSignatureException: 'UNAUTHORIZED',
  MissingAuthenticationTokenException: 'UNAUTHORIZED',
  ExpiredTokenException: 'UNAUTHORIZED',
  InvalidClientTokenId: 'UNAUTHORIZED',
  SignatureDoesNotMatch: 'UNAUTHORIZED',
  AccessDeniedException: 'FORBIDDEN',
  ResourceNotFoundException: 'NOT_FOUND',
  ResourceExistsException: 'CONFLICT',
  ValidationException: 'VALIDATION',
  InvalidParameterException: 'VALIDATION',
  InvalidRequestException: 'VALIDATION',
  InvalidNextTokenException: 'VALIDATION',
  EncryptionFailure: 'VALIDATION',
  InternalServiceError: 'UNAVAILABLE',
  InternalFailure: 'UNAVAILABLE',
  ServiceUnavailable: 'UNAVAILABLE',
};

/** The customer's role (assumed with its external id), or their static keys; nothing else. */
const awsCredentials = (
  connection: AwsConnection,
  options: DestinationOptions,
): AwsCredentialIdentityProvider | AwsCredentialIdentity => {
  if (connection.role_arn !== undefined && connection.external_id !== undefined) {
    return fromTemporaryCredentials({
      params: {
        RoleArn: connection.role_arn,
        ExternalId: connection.external_id,
        RoleSessionName: 'coffer-sync',
        DurationSeconds: 900,
      },
      clientConfig: {
        region: connection.region,
        ...(connection.sts_endpoint
          ? { endpoint: baseUrl(connection.sts_endpoint, 'STS endpoint', options) }
          : {}),
        ...(options.agents
          ? { requestHandler: { httpAgent: options.agents.http, httpsAgent: options.agents.https } }
          : {}),
      },
    });
  }
  if (!connection.access_key_id || !connection.secret_access_key) {
    throw destinationError(
      'INVALID_CONFIG',
      'aws: give role_arn with external_id, or access_key_id and secret_access_key',
    );
  }
  return { accessKeyId: connection.access_key_id, secretAccessKey: connection.secret_access_key };
};

export class AwsSecretsManagerDestination implements Destination {
  readonly kind = 'aws' as const;
  private readonly client: SecretsManagerClient;
  private readonly prefix: string;
  private readonly pageSize: number;

  constructor(
    connection: AwsConnection,
    private readonly target: AwsTarget,
    options: DestinationOptions = {},
  ) {
    const credentials = awsCredentials(connection, options);
    const policy = retryPolicy(options);
    this.prefix = target.name_prefix;
    this.pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? MAX_PAGE_SIZE));
    this.client = new SecretsManagerClient({
      region: connection.region,
      credentials,
      ...(connection.endpoint ? { endpoint: baseUrl(connection.endpoint, 'AWS endpoint', options) } : {}),
      maxAttempts: policy.maxRetries + 1,
      requestHandler: {
        requestTimeout: policy.timeoutMs,
        connectionTimeout: Math.min(5_000, policy.timeoutMs),
        ...(options.agents ? { httpAgent: options.agents.http, httpsAgent: options.agents.https } : {}),
      },
    });
  }

  mapName(secretName: string): NameMapping {
    const invalid = notACofferName(secretName);
    if (invalid) return invalid;
    const name = `${this.prefix}${secretName}`;
    if (name.length > 512) return refused('AWS secret names are at most 512 characters with the prefix');
    if (/-[A-Za-z0-9]{6}$/.test(name)) {
      return refused('AWS reads a name ending in a hyphen and six characters as an ARN suffix');
    }
    return mapped(name);
  }

  async list(): Promise<DestinationEntry[]> {
    const entries: DestinationEntry[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.send('listing secrets', () =>
        this.client.send(
          new ListSecretsCommand({
            MaxResults: this.pageSize,
            ...(nextToken ? { NextToken: nextToken } : {}),
            // The name filter is a case-insensitive prefix match; the exact check follows.
            ...(this.prefix ? { Filters: [{ Key: 'name', Values: [this.prefix] }] } : {}),
          }),
        ),
      );
      for (const s of page.SecretList ?? []) {
        if (s.Name?.startsWith(this.prefix)) entries.push(entry(s));
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return entries;
  }

  async put(name: string, value: string, exists: boolean): Promise<void> {
    try {
      if (value.length > MAX_VALUE_CHARS) {
        throw destinationError('VALUE_TOO_LARGE', `aws: ${name} is over the 65,536-character limit`);
      }
      if (!exists) return await this.create(name, value);
      try {
        await this.client.send(
          new PutSecretValueCommand({
            SecretId: name,
            SecretString: value,
            ClientRequestToken: randomUUID(),
          }),
        );
      } catch (err) {
        // Gone (deleted outright) or in its recovery window: make it again, as for a create.
        const gone =
          errorName(err) === 'ResourceNotFoundException' ||
          (errorName(err) === 'InvalidRequestException' && (await this.scheduledForDeletion(name)));
        if (gone) return await this.create(name, value);
        throw err;
      }
    } catch (err) {
      throw withoutValue(translate(err, `writing ${name}`), value);
    }
  }

  async delete(name: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: RECOVERY_WINDOW_DAYS }),
      );
    } catch (err) {
      if (errorName(err) === 'ResourceNotFoundException') return;
      // Already scheduled for deletion: as good as gone.
      if (errorName(err) === 'InvalidRequestException' && (await this.scheduledForDeletion(name))) return;
      throw translate(err, `deleting ${name}`);
    }
  }

  private async create(name: string, value: string): Promise<void> {
    const command = (): CreateSecretCommand =>
      new CreateSecretCommand({
        Name: name,
        SecretString: value,
        ClientRequestToken: randomUUID(),
        Tags: [
          ...Object.entries(this.target.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
          { Key: MANAGED_BY_KEY, Value: MANAGED_BY_VALUE },
        ],
      });
    try {
      await this.client.send(command());
    } catch (err) {
      if (errorName(err) === 'ResourceExistsException') {
        throw destinationError('CONFLICT', `aws: ${name} already exists and Coffer did not create it`, {
          cause: err,
        });
      }
      if (errorName(err) !== 'InvalidRequestException') throw err;
      const described = await this.describe(name);
      if (described?.DeletedDate === undefined) throw err;
      const ours = (described.Tags ?? []).some(
        (t) => t.Key === MANAGED_BY_KEY && t.Value === MANAGED_BY_VALUE,
      );
      if (!ours) {
        throw destinationError(
          'CONFLICT_SOFT_DELETED',
          `aws: ${name} is scheduled for deletion and Coffer did not create it; restore or delete it at AWS first`,
        );
      }
      await this.client.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
      await this.client.send(command());
    }
  }

  private async describe(name: string): Promise<SecretListEntry | undefined> {
    try {
      return await this.client.send(new DescribeSecretCommand({ SecretId: name }));
    } catch (err) {
      if (errorName(err) === 'ResourceNotFoundException') return undefined;
      throw err;
    }
  }

  private async scheduledForDeletion(name: string): Promise<boolean> {
    try {
      return (await this.describe(name))?.DeletedDate !== undefined;
    } catch {
      return false;
    }
  }

  private async send<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw translate(err, what);
    }
  }
}

function entry(s: SecretListEntry): DestinationEntry {
  const changed = s.LastChangedDate ?? s.CreatedDate;
  return { name: s.Name ?? '', ...(changed ? { updatedAt: changed.toISOString() } : {}) };
}

function errorName(err: unknown): string | undefined {
  return isRecord(err) && typeof err.name === 'string' ? err.name : undefined;
}

function httpStatus(err: unknown): number | undefined {
  const metadata = isRecord(err) ? err.$metadata : undefined;
  return isRecord(metadata) && typeof metadata.httpStatusCode === 'number'
    ? metadata.httpStatusCode
    : undefined;
}

const NETWORK_ERROR_NAMES = new Set(['TimeoutError', 'AbortError', 'RequestTimeout']);

function isNetworkError(err: unknown): boolean {
  if (!isRecord(err)) return false;
  if (typeof err.name === 'string' && NETWORK_ERROR_NAMES.has(err.name)) return true;
  // Node socket errors: ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND, EPIPE, ...
  return typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code);
}

function translate(err: unknown, what: string): DestinationError {
  if (err instanceof DestinationError) return err;
  const name = errorName(err) ?? 'Error';
  const status = httpStatus(err);
  const message = `aws: ${describeFailure(what, name, { message: messageOf(err) })}`;
  const known = BY_ERROR_NAME[name];
  if (known) return destinationError(known, message, { cause: err });
  if (status !== undefined && status >= 500) return destinationError('UNAVAILABLE', message, { cause: err });
  if (status === 403) return destinationError('FORBIDDEN', message, { cause: err });
  if (status === undefined && isNetworkError(err)) {
    // No HTTP answer: a network failure or timeout that the SDK's retries did not get past.
    return destinationError('UNAVAILABLE', message, { cause: err });
  }
  return destinationError('UNEXPECTED', message, { cause: err });
}
