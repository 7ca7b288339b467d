import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { handle } from 'hono/aws-lambda';
import { KmsKeyProvider } from '../../shared/adapters/aws/kms-key-provider.js';
import { KmsSigningKey } from '../../shared/adapters/aws/kms-signing-key.js';
import { Table } from '../../shared/adapters/dynamodb/table.js';
import { parseLambdaConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import { createServices } from '../../shared/runtime/services.js';
import { createApi } from './app.js';

/** Wires the AWS adapters (DynamoDB, KMS) into the shared app. */
export const createLambdaHandler = (env: Record<string, string | undefined>) => {
  const config = parseLambdaConfig(env);
  const kms = new KMSClient({ region: config.AWS_REGION });
  const dynamo = new DynamoDBClient({ region: config.AWS_REGION });
  const kid = createHash('sha256').update(config.COFFER_SIGNING_KEY_ID).digest('base64url').slice(0, 16);
  const services = createServices({
    table: new Table(dynamo, config.COFFER_TABLE_NAME),
    keyProvider: new KmsKeyProvider(kms, config.COFFER_KMS_KEY_ID),
    signingKey: new KmsSigningKey(kms, config.COFFER_SIGNING_KEY_ID, kid),
    issuer: config.COFFER_ISSUER,
    audience: config.COFFER_AUDIENCE,
    tokenTtlSeconds: config.COFFER_TOKEN_TTL_SECONDS,
    dataKeyCacheSeconds: config.COFFER_DATA_KEY_CACHE_SECONDS,
    log: createLogger(config.COFFER_LOG_LEVEL),
  });
  return handle(createApi(services));
};
