import { createHash } from 'node:crypto';
import { connectDynamo } from '../adapters/dynamodb/connect.js';
import { KMSClient } from '@aws-sdk/client-kms';
import { SQSClient } from '@aws-sdk/client-sqs';
import { KmsKeyProvider } from '../adapters/aws/kms-key-provider.js';
import { KmsSigningKey } from '../adapters/aws/kms-signing-key.js';
import { SqsSyncQueue } from '../adapters/aws/sqs-queue.js';
import { LambdaPlanner } from '../adapters/aws/lambda-planner.js';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { CofferError } from '../domain/errors.js';
import type { DestinationFactory } from '../domain/sync/engine.js';
import type { SyncPlanner } from '../domain/sync/planner.js';
import { Table } from '../adapters/dynamodb/table.js';
import { parseLambdaConfig, type LambdaConfig } from '../config.js';
import { cognitoClientSecret, secretsManagerSecret } from '../adapters/aws/sign-in-secret.js';
import { createLogger } from '../logger.js';
import { destinationConfig } from './destination-config.js';
import {
  createServices,
  sessionPolicyFrom,
  trustedIssuersFrom,
  type Services,
  type SignInParts,
} from './services.js';

const noDestinations: DestinationFactory = () => {
  throw new CofferError('INTERNAL', 'destination clients are only available in the sync worker');
};
const noPlanner: SyncPlanner = {
  plan: async () => {
    throw new CofferError('STORE_UNAVAILABLE', 'dry-run plans need COFFER_SYNC_WORKER_FUNCTION');
  },
};

/**
 * Services wired to AWS (DynamoDB, KMS, SQS), shared by the API, sync-worker and scheduler
 * functions. Built once per cold start; the clients keep their connections warm between invocations.
 */
export const createAwsServices = (
  env: Record<string, string | undefined>,
  /**
   * Destination clients, for the function that runs syncs (the worker). The others leave them out,
   * which keeps libsodium, Octokit and the other clients out of their bundles: the API asks the
   * worker for plans instead.
   */
  opts: { destinations?: DestinationFactory } = {},
): Services => {
  const config = parseLambdaConfig(env);
  const kms = new KMSClient({ region: config.AWS_REGION });
  const dynamo = connectDynamo({
    region: config.AWS_REGION,
    endpoint: config.AWS_ENDPOINT_URL_DYNAMODB ?? config.AWS_ENDPOINT_URL,
  });
  const sqs = new SQSClient({ region: config.AWS_REGION });
  const kid = (keyId: string) => createHash('sha256').update(keyId).digest('base64url').slice(0, 16);
  return createServices({
    table: new Table(dynamo, config.COFFER_TABLE_NAME),
    keyProvider: new KmsKeyProvider(kms, config.COFFER_KMS_KEY_ID),
    signingKey: new KmsSigningKey(kms, config.COFFER_SIGNING_KEY_ID, kid(config.COFFER_SIGNING_KEY_ID)),
    previousSigningKeys: config.COFFER_PREVIOUS_SIGNING_KEYS.map((k) => ({
      key: new KmsSigningKey(kms, k.key_id, kid(k.key_id)),
      retireAfter: new Date(k.retire_after),
    })),
    trustedIssuers: trustedIssuersFrom(config.COFFER_OIDC_ISSUERS),
    policyCacheSeconds: config.COFFER_POLICY_CACHE_SECONDS,
    organizationSelfService: {
      enabled: config.COFFER_ORG_SELF_SERVICE,
      perUser: config.COFFER_ORGS_PER_USER,
    },
    auditRetentionDays: config.COFFER_AUDIT_RETENTION_DAYS,
    issuer: config.COFFER_ISSUER,
    audience: config.COFFER_AUDIENCE,
    tokenTtlSeconds: config.COFFER_TOKEN_TTL_SECONDS,
    dataKeyCacheSeconds: config.COFFER_DATA_KEY_CACHE_SECONDS,
    syncQueue: new SqsSyncQueue(sqs, config.COFFER_SYNC_QUEUE_URL),
    destinations: opts.destinations ?? noDestinations,
    ...(opts.destinations
      ? {}
      : {
          planner: config.COFFER_SYNC_WORKER_FUNCTION
            ? new LambdaPlanner(
                new LambdaClient({ region: config.AWS_REGION }),
                config.COFFER_SYNC_WORKER_FUNCTION,
              )
            : noPlanner,
        }),
    destinationConfig,
    log: createLogger(config.COFFER_LOG_LEVEL),
    ...(config.COFFER_SIGNIN_ISSUER && config.COFFER_SIGNIN_CLIENT_ID
      ? { signIn: awsSignIn(config, config.COFFER_SIGNIN_ISSUER, config.COFFER_SIGNIN_CLIENT_ID) }
      : {}),
  });
};

/** People's sign-in on AWS: the customer's provider or the stack's Cognito user pool. */
const awsSignIn = (config: LambdaConfig, issuer: string, clientId: string): SignInParts => {
  const publicUrl = (config.COFFER_PUBLIC_URL ?? config.COFFER_ISSUER).replace(/\/$/, '');
  return {
    policy: sessionPolicyFrom(config),
    publicUrl,
    extraOrigins: config.COFFER_SIGNIN_EXTRA_ORIGINS,
    ...(config.COFFER_SIGNIN_CLI_CLIENT_ID ? { cliClientId: config.COFFER_SIGNIN_CLI_CLIENT_ID } : {}),
    relyingParty: {
      issuer,
      clientId,
      clientSecret: config.COFFER_SIGNIN_COGNITO_USER_POOL_ID
        ? cognitoClientSecret(config.AWS_REGION, config.COFFER_SIGNIN_COGNITO_USER_POOL_ID, clientId)
        : secretsManagerSecret(config.AWS_REGION, config.COFFER_SIGNIN_CLIENT_SECRET_ARN ?? ''),
      scopes: config.COFFER_SIGNIN_SCOPES,
      redirectUri: `${publicUrl}/auth/callback`,
      postLogoutRedirectUri: `${publicUrl}/`,
      ...(config.COFFER_SIGNIN_LOGOUT_URL ? { logoutUrl: config.COFFER_SIGNIN_LOGOUT_URL } : {}),
    },
  };
};
