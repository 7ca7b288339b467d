import type { z } from 'zod';
import type { Destination, DestinationKind } from '../../domain/sync/destination.js';
import { AwsSecretsManagerDestination } from './aws-secrets-manager.js';
import { AzureKeyVaultDestination } from './azure-key-vault.js';
import { ConnectionSchemas, TargetSchemas, describeIssues } from './config.js';
import { destinationError } from './errors.js';
import { GcpSecretManagerDestination } from './gcp-secret-manager.js';
import { GitHubDestination } from './github.js';
import { createSafeFetch, safeAgents } from '../http/safe-fetch.js';
import { DEFAULT_RETRY_POLICY, type DestinationOptions } from './options.js';
import { VercelDestination } from './vercel.js';

export type { DestinationOptions, RetryPolicy } from './options.js';
export { DEFAULT_RETRY_POLICY };

/** One fetch and one pair of agents per policy, shared by every sync's client (their pools too). */
const transports = new Map<boolean, { fetch: typeof fetch; agents: DestinationOptions['agents'] }>();
const safeTransport = (allowLoopbackHttp: boolean) => {
  let t = transports.get(allowLoopbackHttp);
  if (!t) {
    // Per-request timeouts are the clients' own (options.ts); this one is the longest any waits.
    const policy = {
      allowLoopbackHttp,
      timeoutMs: DEFAULT_RETRY_POLICY.timeoutMs,
      maxResponseBytes: 16 * 1024 * 1024,
    };
    t = { fetch: createSafeFetch(policy), agents: safeAgents(policy) };
    transports.set(allowLoopbackHttp, t);
  }
  return t;
};

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
  given: DestinationOptions = {},
): Destination {
  // Every request goes to an address a tenant chose: refuse internal ones as resolved at connect
  // time, unless the caller brought its own transport (unit tests with a scripted fetch).
  const transport = given.fetch ? undefined : safeTransport(given.allowInsecureHttp === true);
  const options: DestinationOptions = {
    ...given,
    fetch: given.fetch ?? transport?.fetch,
    agents: given.agents ?? transport?.agents,
  };
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
