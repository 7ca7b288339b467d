import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { connectDynamo } from '../../shared/adapters/dynamodb/connect.js';
import type { DynamoHttpClient } from '../../shared/adapters/dynamodb/http-client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { instrumentDynamo, type DynamoStats } from '../../shared/adapters/dynamodb/metrics.js';
import { Table } from '../../shared/adapters/dynamodb/table.js';
import { startEmbeddedDynamo } from '../../shared/adapters/local/embedded-dynamo.js';
import { LocalKeyring } from '../../shared/adapters/local/local-keyring.js';
import { openLocalSigningKeys } from '../../shared/adapters/local/local-signing-keyring.js';
import type { LocalConfig } from '../../shared/config.js';
import { createLogger, type Logger } from '../../shared/logger.js';
import {
  createServices,
  trustedIssuersFrom,
  type ServiceParts,
  type Services,
} from '../../shared/runtime/services.js';
import { createApi } from '../api/app.js';
import { enqueueAllSyncs } from '../scheduler/scheduler.js';
import { InProcessQueue } from '../../shared/adapters/local/in-process-queue.js';
import { createDestination } from '../../shared/adapters/destinations/factory.js';
import { runSync } from '../../shared/domain/sync/engine.js';
import { destinationConfigFor } from '../../shared/runtime/destination-config.js';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { withPortal } from './portal.js';
import { bootstrapLocal, type BootstrapResult } from './bootstrap.js';
import { grantDevUser, isDevProviderPath, localSignIn, serveDevProvider } from './sign-in.js';
import { bindPort, lockDataDir, notReady, type Fetch } from './start-guards.js';

const nodeClientIp = (c: Context) => getConnInfo(c).remote.address ?? 'unknown';

export interface LocalCoffer {
  readonly url: string;
  readonly services: Services;
  readonly bootstrap: BootstrapResult;
  /** The development provider's user (sign-in with no setup), when it runs. */
  readonly devUser?: { email: string; generatedPassword?: string; issuer: string };
  readonly dynamoStats: DynamoStats;
  readonly dynamoEndpoint: string;
  /** Whether the built portal is served at `/` (false until `npm run build -w portal`). */
  readonly portalServed: boolean;
  /** The in-process sync queue (its dead letters, and `idle()` for tests and the benchmark). */
  readonly syncQueue: InProcessQueue;
  close(): Promise<void>;
}

interface StartOptions {
  log?: Logger;
  overrides?: (table: Table) => Partial<ServiceParts>;
  instrument?: (client: DynamoHttpClient) => void;
}

/**
 * The whole service in one process: the embedded DynamoDB-compatible server persisting under the
 * data directory, the local keyring in place of KMS, and the API on `PORT`.
 */
export const startLocalCoffer = async (
  config: LocalConfig,
  /**
   * `overrides` replaces service parts (tests use it to make a dependency fail); `instrument` sees
   * the DynamoDB client before first use (the benchmark adds latency and counts partition heat).
   */
  opts: StartOptions = {},
): Promise<LocalCoffer> => {
  const dataDir = resolve(config.COFFER_DATA_DIR);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // The lock and the port come before anything is created: a second process or a busy port must
  // leave no half-done first start behind.
  const releaseLock = await lockDataDir(dataDir);
  let ready: Fetch | undefined;
  const server = await bindPort({
    port: config.PORT,
    hostname: config.COFFER_HOST,
    fetch: (request, env) => (ready ? ready(request, env) : notReady()),
  }).catch(async (e: unknown) => {
    await releaseLock();
    throw e;
  });
  try {
    return await startServices(config, opts, dataDir, server, (fetch) => (ready = fetch), releaseLock);
  } catch (e) {
    await new Promise<void>((r) => server.close(() => r()));
    await releaseLock();
    throw e;
  }
};

const startServices = async (
  config: LocalConfig,
  opts: StartOptions,
  dataDir: string,
  server: Server,
  serveWith: (fetch: Fetch) => void,
  releaseLock: () => Promise<void>,
): Promise<LocalCoffer> => {
  const log = opts.log ?? createLogger(config.COFFER_LOG_LEVEL);
  // Keys first: a damaged key file must stop start-up before anything else is touched.
  const keyring = await LocalKeyring.open(join(dataDir, 'master.key'));
  const signingKeys = await openLocalSigningKeys(dataDir, {
    now: new Date(),
    rotateAfterDays: config.COFFER_SIGNING_KEY_ROTATION_DAYS,
    tokenTtlSeconds: config.COFFER_TOKEN_TTL_SECONDS,
  });

  // Any DynamoDB-compatible endpoint when configured (credentials and region from the AWS chain),
  // the embedded store otherwise.
  const external = config.COFFER_DYNAMODB_ENDPOINT;
  const dynamo = external
    ? { endpoint: external, close: async () => undefined }
    : await startEmbeddedDynamo({ path: join(dataDir, 'db') });
  const client = external
    ? connectDynamo({ endpoint: external, region: await standardRegion() })
    : connectDynamo({
        endpoint: dynamo.endpoint,
        region: 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
  const dynamoStats = instrumentDynamo(client);
  opts.instrument?.(client);
  await ensureTable(client, config.COFFER_TABLE_NAME);

  const table = new Table(client, config.COFFER_TABLE_NAME);
  // The port is bound already: the development identity provider's issuer includes it.
  const url = `http://${config.COFFER_HOST}:${(server.address() as AddressInfo).port}`;
  const signIn = await localSignIn(config, dataDir, (config.COFFER_PUBLIC_URL ?? url).replace(/\/$/, ''));
  const services = createServices({
    table,
    keyProvider: keyring,
    signingKey: signingKeys.current,
    previousSigningKeys: signingKeys.previous,
    trustedIssuers: [...trustedIssuersFrom(config.COFFER_OIDC_ISSUERS), ...signIn.trustedIssuers],
    ...(signIn.parts ? { signIn: signIn.parts } : {}),
    issuer: config.issuer,
    audience: config.COFFER_AUDIENCE,
    tokenTtlSeconds: config.COFFER_TOKEN_TTL_SECONDS,
    dataKeyCacheSeconds: config.COFFER_DATA_KEY_CACHE_SECONDS,
    policyCacheSeconds: config.COFFER_POLICY_CACHE_SECONDS,
    organizationSelfService: {
      enabled: config.COFFER_ORG_SELF_SERVICE,
      perUser: config.COFFER_ORGS_PER_USER,
    },
    auditRetentionDays: config.COFFER_AUDIT_RETENTION_DAYS,
    syncQueue: { enqueue: (job) => queue.enqueue(job) },
    // One setting for both layers: a destination request retries at a quarter of the job's base
    // delay (the engine's 500 ms against the queue's 2 s by default), so a job's own retries finish
    // well before the queue would run it again.
    syncRetry: { baseMs: config.COFFER_SYNC_RETRY_BASE_MS / 4 },
    destinations: (provider, connection, target) =>
      createDestination(provider, connection, target, {
        allowInsecureHttp: config.COFFER_ALLOW_LOOPBACK_HTTP,
      }),
    outbound: { allowLoopbackHttp: config.COFFER_ALLOW_LOOPBACK_HTTP },
    destinationConfig: destinationConfigFor({ allowLoopbackHttp: config.COFFER_ALLOW_LOOPBACK_HTTP }),
    log,
    ...opts.overrides?.(table),
  });
  // Sync jobs run in this process, with retries and a dead-letter list, like SQS + the worker.
  const queue = new InProcessQueue((job) => runSync(services, job), {
    retryBaseMs: config.COFFER_SYNC_RETRY_BASE_MS,
    onError: (job, attempt, e) =>
      log.warn('sync failed', {
        app: job.app,
        sync: job.sync,
        attempt,
        code: (e as { code?: string }).code ?? 'UNEXPECTED',
      }),
  });
  const schedule =
    config.COFFER_SYNC_INTERVAL_SECONDS > 0
      ? setInterval(
          () => void enqueueAllSyncs(services).catch(() => log.warn('scheduled sync listing failed')),
          config.COFFER_SYNC_INTERVAL_SECONDS * 1000,
        )
      : undefined;
  schedule?.unref();
  const fixed =
    config.COFFER_BOOTSTRAP_CLIENT_ID && config.COFFER_BOOTSTRAP_CLIENT_SECRET
      ? { clientId: config.COFFER_BOOTSTRAP_CLIENT_ID, clientSecret: config.COFFER_BOOTSTRAP_CLIENT_SECRET }
      : undefined;
  const bootstrap = await bootstrapLocal(services, dataDir, fixed);

  if (signIn.devUser?.needsGrant)
    await grantDevUser(services, bootstrap.state.organization_id, signIn.devUser.user.email);

  const api = createApi(services, { clientIp: nodeClientIp });
  const dev = signIn.devProvider;
  // The built portal in front of the API (static files, app routes); the development provider's
  // own pages first.
  const portal = await withPortal(
    (request, env) => api.fetch(request, env as object),
    resolve(config.COFFER_PORTAL_DIR),
  );
  serveWith((request, env) =>
    dev && isDevProviderPath(request) ? serveDevProvider(dev, env) : portal.fetch(request, env),
  );

  return {
    url,
    ...(signIn.devUser
      ? {
          devUser: {
            email: signIn.devUser.user.email,
            ...(signIn.devUser.generatedPassword
              ? { generatedPassword: signIn.devUser.generatedPassword }
              : {}),
            issuer: dev?.issuer ?? '',
          },
        }
      : {}),
    services,
    bootstrap,
    dynamoStats,
    dynamoEndpoint: dynamo.endpoint,
    portalServed: portal.served,
    syncQueue: queue,
    close: async () => {
      clearInterval(schedule);
      queue.close();
      await new Promise<void>((r) => server.close(() => r()));
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      client.destroy();
      await dynamo.close();
      await releaseLock();
    },
  };
};

/** The region as the AWS SDK resolves it (AWS_REGION, then the profile's config file). */
const standardRegion = async (): Promise<string> => {
  const probe = new DynamoDBClient({});
  try {
    return await probe.config.region();
  } finally {
    probe.destroy();
  }
};
