import { createRequire } from 'node:module';
import {
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../../shared/adapters/local/embedded-dynamo.js';

/**
 * The embedded store closes the LevelDB iterator behind every Query it answers (dynalite calls
 * `return()`, which abstract-level 3 iterators lack; shared/adapters/local/close-level-iterators.ts).
 * Left open, each one pins a snapshot until the store closes: the benchmark's long runs grew memory
 * and slowed every later read.
 */
describe('embedded DynamoDB-compatible store', () => {
  let store: EmbeddedDynamo;
  let client: DynamoDBClient;
  const iteratorClose = () => {
    const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
    const { AbstractValueIterator } = fromDynalite('abstract-level') as {
      AbstractValueIterator: { prototype: object };
    };
    return vi.spyOn(
      Object.getPrototypeOf(AbstractValueIterator.prototype) as { close(): Promise<void> },
      'close',
    );
  };
  const query = (input: Partial<QueryCommandInput>) =>
    client.send(
      new QueryCommand({
        TableName: 'iterators',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'P' } },
        ...input,
      }),
    );

  beforeAll(async () => {
    store = await startEmbeddedDynamo();
    client = new DynamoDBClient({
      endpoint: store.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await client.send(
      new CreateTableCommand({
        TableName: 'iterators',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    for (let i = 0; i < 30; i++) {
      await client.send(
        new PutItemCommand({
          TableName: 'iterators',
          Item: { pk: { S: 'P' }, sk: { S: `S#${String(i).padStart(2, '0')}` } },
        }),
      );
    }
  });
  afterAll(async () => {
    client.destroy();
    await store.close();
  });

  it.each([
    ['stopped by a Limit', { Limit: 10 }, 10],
    ['read to the end of the range', {}, 30],
    ['read backwards with a Limit', { Limit: 5, ScanIndexForward: false }, 5],
  ])('closes the iterator of a Query %s', async (_label, input, items) => {
    const close = iteratorClose();
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => query(input)));
      expect(answers.map((a) => a.Items?.length)).toEqual(Array(20).fill(items));
      await vi.waitFor(() => expect(close.mock.calls.length).toBeGreaterThanOrEqual(20));
    } finally {
      close.mockRestore();
    }
  });
});
