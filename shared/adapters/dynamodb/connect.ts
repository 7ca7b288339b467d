import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { DynamoHttpClient, memoizedCredentials } from './http-client.js';
import type { AwsCredentials } from './sigv4.js';

/**
 * The table's client: the regional endpoint (or `endpoint`, for DynamoDB Local, the embedded store
 * or AWS_ENDPOINT_URL_DYNAMODB), with the given keys or else the standard AWS credential chain
 * (Lambda's role, a profile, SSO, web identity), refreshed before it expires.
 */
export const connectDynamo = (opts: {
  region: string;
  endpoint?: string;
  credentials?: AwsCredentials;
}): DynamoHttpClient => {
  const fixed = opts.credentials;
  return new DynamoHttpClient({
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    credentials: fixed ? () => Promise.resolve(fixed) : memoizedCredentials(fromNodeProviderChain()),
  });
};
