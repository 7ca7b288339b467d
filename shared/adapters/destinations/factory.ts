import type { z } from 'zod';
import type { Destination, DestinationKind } from '../../domain/sync/destination.js';
import { AwsSecretsManagerDestination } from './aws-secrets-manager.js';
import { AzureKeyVaultDestination } from './azure-key-vault.js';
import { ConnectionSchemas, TargetSchemas, describeIssues } from './config.js';
import { destinationError } from './errors.js';
import { GcpSecretManagerDestination } from './gcp-secret-manager.js';
import { GitHubDestination } from './github.js';
import type { DestinationOptions } from './options.js';
import { VercelDestination } from './vercel.js';

export type { DestinationOptions, RetryPolicy } from './options.js';
export { DEFAULT_RETRY_POLICY } from './options.js';

/**
 * The client for one sync: validates the integration's connection and the sync's target against
 * the provider's schemas (config.ts), then builds the client. Throws a DestinationError coded
 * `INVALID_CONFIG` (paths and rules only, never the values given) or, for AWS role assumption,
 * `UNSUPPORTED`.
 */
export function createDestination(
  provider: DestinationKind,
  connection: unknown,
  target: unknown,
  options: DestinationOptions = {},
): Destination {
  const parse = <S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw destinationError(
        'INVALID_CONFIG',
        `${provider}: invalid ${what}: ${describeIssues(parsed.error)}`,
      );
    }
    return parsed.data;
  };
  switch (provider) {
    case 'github':
      return new GitHubDestination(
        parse(ConnectionSchemas.github, connection, 'connection'),
        parse(TargetSchemas.github, target, 'target'),
        options,
      );
    case 'vercel':
      return new VercelDestination(
        parse(ConnectionSchemas.vercel, connection, 'connection'),
        parse(TargetSchemas.vercel, target, 'target'),
        options,
      );
    case 'aws':
      return new AwsSecretsManagerDestination(
        parse(ConnectionSchemas.aws, connection, 'connection'),
        parse(TargetSchemas.aws, target, 'target'),
        options,
      );
    case 'gcp':
      return new GcpSecretManagerDestination(
        parse(ConnectionSchemas.gcp, connection, 'connection'),
        parse(TargetSchemas.gcp, target, 'target'),
        options,
      );
    case 'azure':
      return new AzureKeyVaultDestination(
        parse(ConnectionSchemas.azure, connection, 'connection'),
        parse(TargetSchemas.azure, target, 'target'),
        options,
      );
    default: {
      const unknown: never = provider;
      throw destinationError('INVALID_CONFIG', `unknown destination provider ${String(unknown)}`);
    }
  }
}
