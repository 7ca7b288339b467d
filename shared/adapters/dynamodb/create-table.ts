import type { DynamoHttpClient } from './http-client.js';
import { TABLE_DEFINITION as T } from './table-definition.js';

/**
 * Creates the table from the shared definition if it does not exist (local process and tests; on
 * AWS the CDK stack creates it from the same definition).
 */
export const ensureTable = async (client: DynamoHttpClient, tableName: string): Promise<void> => {
  try {
    await client.send('CreateTable', {
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: T.partitionKey, AttributeType: 'S' },
        { AttributeName: T.sortKey, AttributeType: 'S' },
        { AttributeName: T.gsi1.partitionKey, AttributeType: 'S' },
        { AttributeName: T.gsi1.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: T.partitionKey, KeyType: 'HASH' },
        { AttributeName: T.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: T.gsi1.name,
          KeySchema: [
            { AttributeName: T.gsi1.partitionKey, KeyType: 'HASH' },
            { AttributeName: T.gsi1.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  } catch (e) {
    if ((e as { name?: string })?.name !== 'ResourceInUseException') throw e;
  }
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send('DescribeTable', { TableName: tableName });
    if (Table?.TableStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  // TTL (TABLE_DEFINITION.ttlAttribute) is enabled by the CDK stack; dynalite does not implement it.
};
