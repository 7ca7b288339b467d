import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { DynamoHttpClient } from './http-client.js';
import type { AwsCredentials } from './sigv4.js';

/**
 * The table's client: the regional endpoint (or `endpoint`, for DynamoDB Local, the embedded store
 * or AWS_ENDPOINT_URL_DYNAMODB), with the given keys or else the standard AWS credential chain
 * (Lambda's role, a profile, SSO, web identity), which caches and refreshes what it finds.
 */
export const connectDynamo = (opts: {
  region: string;
  endpoint?: string | undefined;
  credentials?: AwsCredentials;
}): DynamoHttpClient => {
  const fixed = opts.credentials;
  return new DynamoHttpClient({
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    credentials: fixed ? () => Promise.resolve(fixed) : fromNodeProviderChain(),
  });
};
