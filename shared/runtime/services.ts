import { DataKeyCache } from '../domain/crypto/data-key-cache.js';
import { DataKeys } from '../domain/crypto/data-keys.js';
import { AccessTokens, type TokenSigningKey } from '../domain/identity/access-tokens.js';
import { OrgAccess } from '../domain/identity/org-access.js';
import { systemClock, type Clock, type KeyProvider } from '../domain/ports.js';
import type { AppStore, DirectoryStore, SecretStore } from '../domain/stores.js';
import { DynamoAppStore } from '../adapters/dynamodb/app-store.js';
import { DynamoDirectoryStore } from '../adapters/dynamodb/directory-store.js';
import { DynamoSecretStore } from '../adapters/dynamodb/secret-store.js';
import type { Table } from '../adapters/dynamodb/table.js';
import type { Logger } from '../logger.js';

/** Everything a request handler may use, built once per process (cold start). */
export interface Services {
  readonly directory: DirectoryStore;
  readonly apps: AppStore;
  readonly secrets: SecretStore;
  readonly dataKeys: DataKeys;
  readonly tokens: AccessTokens;
  readonly access: OrgAccess;
  readonly clock: Clock;
  readonly log: Logger;
}

export interface ServiceParts {
  readonly table: Table;
  readonly keyProvider: KeyProvider;
  readonly signingKey: TokenSigningKey;
  readonly issuer: string;
  readonly audience: string;
  readonly tokenTtlSeconds: number;
  readonly dataKeyCacheSeconds: number;
  readonly log: Logger;
  readonly clock?: Clock;
}

export const createServices = (p: ServiceParts): Services => {
  const clock = p.clock ?? systemClock;
  const directory = new DynamoDirectoryStore(p.table);
  return {
    directory,
    apps: new DynamoAppStore(p.table),
    secrets: new DynamoSecretStore(p.table),
    dataKeys: new DataKeys(p.keyProvider, new DataKeyCache({ maxAgeMs: p.dataKeyCacheSeconds * 1000 })),
    tokens: new AccessTokens(
      { current: p.signingKey },
      { issuer: p.issuer, audience: p.audience, ttlSeconds: p.tokenTtlSeconds },
      clock,
    ),
    access: new OrgAccess(directory),
    clock,
    log: p.log,
  };
};
