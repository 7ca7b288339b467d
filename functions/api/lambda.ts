import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { getConnInfo, handle } from 'hono/aws-lambda';
import { KmsKeyProvider } from '../../shared/adapters/aws/kms-key-provider.js';
import { KmsSigningKey } from '../../shared/adapters/aws/kms-signing-key.js';
import { Table } from '../../shared/adapters/dynamodb/table.js';
import { parseLambdaConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import { createServices, trustedIssuersFrom } from '../../shared/runtime/services.js';
import { createApi } from './app.js';

/** Wires the AWS adapters (DynamoDB, KMS) into the shared app. */
export const createLambdaHandler = (env: Record<string, string | undefined>) => {
  const config = parseLambdaConfig(env);
  const kms = new KMSClient({ region: config.AWS_REGION });
  const dynamo = new DynamoDBClient({ region: config.AWS_REGION });
  const kid = (keyId: string) => createHash('sha256').update(keyId).digest('base64url').slice(0, 16);
  const services = createServices({
    table: new Table(dynamo, config.COFFER_TABLE_NAME),
    keyProvider: new KmsKeyProvider(kms, config.COFFER_KMS_KEY_ID),
    signingKey: new KmsSigningKey(kms, config.COFFER_SIGNING_KEY_ID, kid(config.COFFER_SIGNING_KEY_ID)),
    previousSigningKeys: config.COFFER_PREVIOUS_SIGNING_KEYS.map((k) => ({
      key: new KmsSigningKey(kms, k.key_id, kid(k.key_id)),
      retireAfter: new Date(k.retire_after),
    })),
    trustedIssuers: trustedIssuersFrom(config.COFFER_OIDC_ISSUERS),
    policyCacheSeconds: config.COFFER_POLICY_CACHE_SECONDS,
    auditRetentionDays: config.COFFER_AUDIT_RETENTION_DAYS,
    issuer: config.COFFER_ISSUER,
    audience: config.COFFER_AUDIENCE,
    tokenTtlSeconds: config.COFFER_TOKEN_TTL_SECONDS,
    dataKeyCacheSeconds: config.COFFER_DATA_KEY_CACHE_SECONDS,
    log: createLogger(config.COFFER_LOG_LEVEL),
  });
  return handle(createApi(services, { clientIp: (c) => getConnInfo(c).remote.address ?? 'unknown' }));
};
