/**
 * Local stand-ins for Coffer's sync destinations. See README.md in this folder.
 *
 * Every stand-in listens on 127.0.0.1 on a random port, keeps its state in memory for tests to
 * inspect, logs every request, and can be told to fail (`failNext`) or rate-limit
 * (`rateLimitNext`) the next requests in its vendor's own format.
 */
import type { FaultMatch, LoggedRequest } from './base.js';

export type { Call, FaultMatch, LoggedRequest, Reply } from './base.js';
export { GitHubStandIn } from './github.js';
export type { GitHubScope, GitHubSecret, GitHubStandInOptions } from './github.js';
export { VercelStandIn } from './vercel.js';
export type { VercelEnv, VercelEnvType, VercelStandInOptions, VercelTarget } from './vercel.js';
export { AwsSecretsManagerStandIn } from './aws-secrets-manager.js';
export type { AwsSecret, AwsSecretVersion, AwsSecretsManagerStandInOptions } from './aws-secrets-manager.js';
export { CLOUD_PLATFORM_SCOPE, GcpSecretManagerStandIn, crc32c } from './gcp-secret-manager.js';
export type {
  GcpSecret,
  GcpSecretVersion,
  GcpStandInOptions,
  ServiceAccountKey,
} from './gcp-secret-manager.js';
export { AzureKeyVaultStandIn, VAULT_RESOURCE, VAULT_SCOPE } from './azure-key-vault.js';
export type {
  AzureDeletedSecret,
  AzureKeyVaultStandInOptions,
  AzureSecret,
  AzureSecretVersion,
} from './azure-key-vault.js';

/** What every stand-in offers, for tests that run the same scenario against each destination. */
export interface DestinationStandIn {
  start(): Promise<{ url: string }>;
  close(): Promise<void>;
  readonly url: string;
  readonly requests: LoggedRequest[];
  /** Requests that (tried to) change destination state, including rejected and injected ones. */
  writeCount(): number;
  clearLog(): void;
  failNext(count?: number, status?: number, match?: FaultMatch): void;
  /** With no kind: the destination's usual rate-limit answer (GitHub: primary, AWS: ThrottlingException, others: 429). */
  rateLimitNext(kind?: never, options?: { count?: number; match?: FaultMatch }): void;
  clearFaults(): void;
  readonly maxInFlight: number;
}
