import { createDestination } from '../../shared/adapters/destinations/factory.js';
import type { DestinationKind } from '../../shared/domain/sync/destination.js';
import type { ServiceParts } from '../../shared/runtime/services.js';
import {
  AwsSecretsManagerStandIn,
  AzureKeyVaultStandIn,
  GcpSecretManagerStandIn,
  GitHubStandIn,
  VercelStandIn,
  type DestinationStandIn,
} from '../standins/index.js';

/** One destination as the sync tests see it: its stand-in, how to connect, and how to look inside. */
export interface DestinationFixture {
  readonly provider: DestinationKind;
  readonly standIn: DestinationStandIn;
  /** Integration connection and sync target pointing at the stand-in. */
  connect(): Promise<{ connection: Record<string, unknown>; target: Record<string, unknown> }>;
  /** Destination name → plaintext, as it arrived. */
  contents(): Record<string, string>;
  /** An entry created by someone else. */
  seed(destName: string, value: string): void;
  /** The destination name Coffer uses for a secret name (the documented mapping). */
  destName(secret: string): string;
}

export const fixtures: Record<DestinationKind, () => DestinationFixture> = {
  github: () => {
    const s = new GitHubStandIn();
    return {
      provider: 'github',
      standIn: s,
      connect: async () => {
        await s.addRepo('acme/api');
        return {
          connection: { token: s.authToken, base_url: s.url },
          target: { scope: 'repository', owner: 'acme', repository: 'api' },
        };
      },
      contents: () =>
        Object.fromEntries(Object.entries(s.secrets('acme/api')).map(([k, v]) => [k, v.plaintext])),
      seed: (name, value) => s.seedSecret({ repo: 'acme/api' }, name, value),
      destName: (n) => n.toUpperCase(),
    };
  },
  vercel: () => {
    const s = new VercelStandIn();
    return {
      provider: 'vercel',
      standIn: s,
      connect: async () => {
        s.addProject('web');
        return {
          connection: { token: s.token, team_id: s.teamId, base_url: s.url },
          target: { project: 'web', targets: ['production', 'preview'], type: 'encrypted' },
        };
      },
      contents: () => Object.fromEntries(s.envs('web').map((e) => [e.key, e.value])),
      seed: (key, value) => void s.seedEnv('web', { key, value, target: ['production', 'preview'] }),
      destName: (n) => n,
    };
  },
  aws: () => {
    const s = new AwsSecretsManagerStandIn({ region: 'eu-west-1' });
    return {
      provider: 'aws',
      standIn: s,
      connect: async () => ({
        connection: {
          region: 'eu-west-1',
          access_key_id: 'AKIASTANDIN000000001',
          secret_access_key: 'standin-secret-key',
          endpoint: s.url,
        },
        target: { name_prefix: 'coffer/' },
      }),
      contents: () =>
        Object.fromEntries(
          Object.entries(s.secrets())
            // Coffer deletes with a recovery window: a secret scheduled for deletion is gone for readers.
            .filter(([, v]) => v.current !== undefined && v.deletedDate === undefined)
            .map(([k, v]) => [k, v.current as string]),
        ),
      seed: (name, value) => void s.seedSecret(name, value),
      destName: (n) => `coffer/${n}`,
    };
  },
  gcp: () => {
    const s = new GcpSecretManagerStandIn();
    return {
      provider: 'gcp',
      standIn: s,
      connect: async () => ({
        connection: { service_account_key: s.serviceAccountKey(), base_url: s.url },
        target: { project: 'coffer-test' },
      }),
      contents: () =>
        Object.fromEntries(
          Object.entries(s.secrets('coffer-test'))
            .filter(([, v]) => v.latest !== undefined)
            .map(([k, v]) => [k, v.latest as string]),
        ),
      seed: (name, value) => s.seedSecret('coffer-test', name, value),
      destName: (n) => n,
    };
  },
  azure: () => {
    const s = new AzureKeyVaultStandIn();
    return {
      provider: 'azure',
      standIn: s,
      connect: async () => {
        const c = s.credentials();
        return {
          connection: {
            tenant_id: c.tenantId,
            client_id: c.clientId,
            client_secret: c.clientSecret,
            authority_host: c.authorityHost,
            vault_url: c.vaultUrl,
          },
          target: {},
        };
      },
      contents: () => Object.fromEntries(Object.entries(s.secrets()).map(([k, v]) => [k, v.value])),
      seed: (name, value) => s.seedSecret(name, value),
      destName: (n) => n.replace(/_/g, '-'),
    };
  },
};

/** Destination clients as production builds them, but allowed to talk plain HTTP to the stand-ins, and quick to retry. */
export const testDestinations =
  (opts: { writeSpacingMs?: number } = {}) =>
  (): Partial<ServiceParts> => ({
    destinations: (provider, connection, target) =>
      createDestination(provider, connection, target, {
        allowInsecureHttp: true,
        retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 50 },
        github: { writeSpacingMs: opts.writeSpacingMs ?? 0 },
      }),
  });
