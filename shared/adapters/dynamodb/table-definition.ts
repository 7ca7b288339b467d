/**
 * The single table's shape, shared by the CDK stack (infra/) and by the local embedded server's
 * CreateTable call, so the two can never disagree. Plain data: no CDK or SDK types.
 */
export const TABLE_DEFINITION = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Global secondary index for the few lookups that do not start from a tenant (see keys.ts). */
  gsi1: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** Epoch-seconds attribute that DynamoDB's TTL uses to expire items (audit events, later). */
  ttlAttribute: 'expires_at',
} as const;

export const DEFAULT_TABLE_NAME = 'coffer';
