import { DynamoAccessStore } from '../adapters/dynamodb/access-store.js';
import { DynamoAppStore } from '../adapters/dynamodb/app-store.js';
import { DynamoAuditStore } from '../adapters/dynamodb/audit-store.js';
import { DynamoDirectoryStore } from '../adapters/dynamodb/directory-store.js';
import { DynamoPrincipalStore } from '../adapters/dynamodb/principal-store.js';
import { DynamoSecretStore } from '../adapters/dynamodb/secret-store.js';
import type { Table } from '../adapters/dynamodb/table.js';
import { Authorizer } from '../domain/access/authorizer.js';
import { AuditTrail } from '../domain/audit/audit-trail.js';
import type { AuditStore } from '../domain/audit/audit.js';
import { DataKeyCache } from '../domain/crypto/data-key-cache.js';
import { DataKeys } from '../domain/crypto/data-keys.js';
import { OrgHmac } from '../domain/crypto/org-hmac.js';
import {
  AccessTokens,
  type RetiredSigningKey,
  type TokenSigningKey,
} from '../domain/identity/access-tokens.js';
import { ExternalTokens, type TrustedIssuer } from '../domain/identity/external-tokens.js';
import { createSafeFetch, urlProblem, type OutboundPolicy } from '../adapters/http/safe-fetch.js';
import { systemClock, type Clock, type KeyProvider, type TenantFetch } from '../domain/ports.js';
import type { AccessStore, AppStore, DirectoryStore, PrincipalStore, SecretStore } from '../domain/stores.js';
import type { Logger } from '../logger.js';
import { DynamoSyncStore } from '../adapters/dynamodb/sync-store.js';
import { planSync, type DestinationFactory } from '../domain/sync/engine.js';
import type { SyncPlanner } from '../domain/sync/planner.js';
import type { DestinationConfigValidator } from '../domain/sync/manage.js';
import type { SyncQueue } from '../domain/sync/queue.js';
import type { SyncStore } from '../domain/sync/sync-store.js';
import type { SelfServicePolicy } from '../domain/directory/organizations.js';
import { LoginThrottle } from '../domain/identity/client-login.js';
import { DynamoSessionStore } from '../adapters/dynamodb/session-store.js';
import { RelyingParty, type RelyingPartyConfig } from '../adapters/oidc/relying-party.js';
import type { SessionPolicy, SessionStore } from '../domain/identity/sessions.js';

/** People's sign-in (browser sessions); absent when no identity provider is configured. */
export interface SignIn {
  readonly relyingParty: RelyingParty;
  readonly sessions: SessionStore;
  readonly policy: SessionPolicy;
  /** Coffer's public base URL: decides the cookie flavour (https: `__Host-`) and the allowed Origin. */
  readonly publicUrl: string;
  /** Origins whose pages may use a session (the public URL's, plus configured extras). */
  readonly allowedOrigins: readonly string[];
  /** The provider's public client for `coffer login`, when there is one. */
  readonly cliClientId?: string;
}

export interface SignInParts {
  readonly relyingParty: RelyingPartyConfig;
  readonly policy: SessionPolicy;
  readonly publicUrl: string;
  readonly extraOrigins?: readonly string[];
  readonly cliClientId?: string;
}

/** Everything a request handler may use, built once per process (cold start). */
export interface Services {
  readonly directory: DirectoryStore;
  readonly access: AccessStore;
  readonly principals: PrincipalStore;
  readonly apps: AppStore;
  readonly secrets: SecretStore;
  readonly dataKeys: DataKeys;
  readonly tokens: AccessTokens;
  readonly external: ExternalTokens;
  /** Fetches from tenant-chosen addresses (workload identity issuers), refusing internal ones. */
  readonly tenantFetch: TenantFetch;
  readonly authorizer: Authorizer;
  readonly audit: AuditTrail;
  readonly hmac: OrgHmac;
  readonly syncs: SyncStore;
  readonly signIn?: SignIn;
  readonly syncQueue: SyncQueue;
  readonly destinations: DestinationFactory;
  readonly planner: SyncPlanner;
  readonly destinationConfig: DestinationConfigValidator;
  /** Retry policy for destination requests (see sync/engine.ts for the defaults). */
  readonly retry?: { attempts?: number; baseMs?: number; capMs?: number };
  readonly clock: Clock;
  readonly log: Logger;
  /** Whether users may create organizations, and how many each (directory/organizations.ts). */
  readonly organizationSelfService: SelfServicePolicy;
  /** Failed-login counting for /oauth2/token (identity/client-login.ts). */
  readonly loginThrottle: LoginThrottle;
}

export interface ServiceParts {
  readonly table: Table;
  readonly keyProvider: KeyProvider;
  readonly signingKey: TokenSigningKey;
  readonly previousSigningKeys?: readonly RetiredSigningKey[];
  readonly trustedIssuers?: readonly TrustedIssuer[];
  readonly issuer: string;
  readonly audience: string;
  readonly tokenTtlSeconds: number;
  readonly dataKeyCacheSeconds: number;
  readonly policyCacheSeconds?: number;
  /** Default: allowed, 3 per user. */
  readonly organizationSelfService?: SelfServicePolicy;
  readonly auditRetentionDays?: number;
  readonly log: Logger;
  readonly clock?: Clock;
  readonly syncQueue: SyncQueue;
  readonly destinations: DestinationFactory;
  /** Default: plan in this process with `destinations`. */
  readonly planner?: SyncPlanner;
  readonly destinationConfig: DestinationConfigValidator;
  readonly syncRetry?: { attempts?: number; baseMs?: number; capMs?: number };
  /** Replaces the audit store (tests use it to make the audit trail fail). */
  readonly auditStore?: AuditStore;
  readonly signIn?: SignInParts;
  /** Rules for requests to tenant-chosen addresses. Default: https only, no internal addresses. */
  readonly outbound?: OutboundPolicy;
}

export const createServices = (p: ServiceParts): Services => {
  const built = buildServices(p);
  const services: Services = {
    ...built,
    planner: built.planner ?? { plan: (job) => planSync(services, job) },
  };
  return services;
};

const buildServices = (p: ServiceParts): Omit<Services, 'planner'> & { planner?: SyncPlanner } => {
  const clock = p.clock ?? systemClock;
  const access = new DynamoAccessStore(p.table);
  const dataKeys = new DataKeys(p.keyProvider, new DataKeyCache({ maxAgeMs: p.dataKeyCacheSeconds * 1000 }));
  const auditStore = p.auditStore ?? new DynamoAuditStore(p.table);
  const hmac = new OrgHmac(auditStore, dataKeys, clock);
  const outbound: OutboundPolicy = p.outbound ?? { allowLoopbackHttp: false };
  const tenantFetch: TenantFetch = {
    fetch: createSafeFetch({ ...outbound, timeoutMs: 5_000 }),
    urlProblem: (url) => urlProblem(url, outbound),
  };
  return {
    directory: new DynamoDirectoryStore(p.table),
    access,
    principals: new DynamoPrincipalStore(p.table),
    apps: new DynamoAppStore(p.table),
    secrets: new DynamoSecretStore(p.table),
    dataKeys,
    tokens: new AccessTokens(
      { current: p.signingKey, previous: p.previousSigningKeys ?? [] },
      { issuer: p.issuer, audience: p.audience, ttlSeconds: p.tokenTtlSeconds },
      clock,
    ),
    external: new ExternalTokens(p.trustedIssuers ?? [], tenantFetch),
    tenantFetch,
    authorizer: new Authorizer(access, { ttlMs: (p.policyCacheSeconds ?? 10) * 1000 }),
    audit: new AuditTrail(auditStore, hmac, clock, p.auditRetentionDays ?? 365),
    hmac,
    syncs: new DynamoSyncStore(p.table),
    ...(p.signIn ? { signIn: buildSignIn(p.table, p.signIn) } : {}),
    syncQueue: p.syncQueue,
    destinations: p.destinations,
    ...(p.planner ? { planner: p.planner } : {}),
    destinationConfig: p.destinationConfig,
    ...(p.syncRetry ? { retry: p.syncRetry } : {}),
    clock,
    log: p.log,
    organizationSelfService: p.organizationSelfService ?? { enabled: true, perUser: 3 },
    loginThrottle: new LoginThrottle(clock),
  };
};

/** Maps the config's snake_case issuer entries to the domain's shape. */
export const trustedIssuersFrom = (
  raw: readonly {
    issuer: string;
    audience: string;
    user_id_claim?: string;
    email_claim?: string;
    jwks_uri?: string;
    typ?: string;
  }[],
): TrustedIssuer[] =>
  raw.map((i) => ({
    issuer: i.issuer,
    audience: i.audience,
    ...(i.user_id_claim ? { userIdClaim: i.user_id_claim } : {}),
    ...(i.email_claim ? { emailClaim: i.email_claim } : {}),
    ...(i.jwks_uri ? { jwksUri: i.jwks_uri } : {}),
    ...(i.typ ? { typ: i.typ } : {}),
  }));

const buildSignIn = (table: Table, p: SignInParts): SignIn => ({
  relyingParty: new RelyingParty(p.relyingParty),
  sessions: new DynamoSessionStore(table, p.policy.idleSeconds),
  policy: p.policy,
  publicUrl: p.publicUrl,
  allowedOrigins: [new URL(p.publicUrl).origin, ...(p.extraOrigins ?? []).map((o) => new URL(o).origin)],
  ...(p.cliClientId ? { cliClientId: p.cliClientId } : {}),
});

/** The session policy from the parsed configuration. */
export const sessionPolicyFrom = (c: {
  COFFER_SESSION_IDLE_SECONDS: number;
  COFFER_SESSION_ABSOLUTE_SECONDS: number;
  COFFER_SESSION_TOUCH_SECONDS: number;
}): SessionPolicy => ({
  idleSeconds: c.COFFER_SESSION_IDLE_SECONDS,
  absoluteSeconds: c.COFFER_SESSION_ABSOLUTE_SECONDS,
  touchSeconds: c.COFFER_SESSION_TOUCH_SECONDS,
});
