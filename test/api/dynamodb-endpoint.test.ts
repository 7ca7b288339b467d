import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../../shared/adapters/local/embedded-dynamo.js';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';

/** COFFER_DYNAMODB_ENDPOINT: the local process uses any DynamoDB-compatible endpoint (issue 10.1). */
describe('COFFER_DYNAMODB_ENDPOINT', () => {
  let store: EmbeddedDynamo;
  let t: TestCoffer;
  const saved = { ...process.env };

  beforeAll(async () => {
    // Prepare: a DynamoDB-compatible server of its own, and credentials where the AWS chain looks.
    store = await startEmbeddedDynamo();
    Object.assign(process.env, {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'endpoint-test',
      AWS_SECRET_ACCESS_KEY: 'endpoint-test',
    });
    t = await startTestCoffer({ env: { COFFER_DYNAMODB_ENDPOINT: store.endpoint } });
  });
  afterAll(async () => {
    await t.close();
    await store.close();
    process.env = saved;
  });

  it('keeps the service’s data in the configured store', async () => {
    await t.api('POST', `${t.P}/apps`, { name: 'elsewhere' });
    expect((await t.api('POST', `${t.P}/apps/elsewhere/secret/kv`, { name: 'K', value: 'v' })).status).toBe(
      200,
    );

    const direct = new DynamoDBClient({
      endpoint: store.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const head = await direct.send(
      new GetItemCommand({
        TableName: 'coffer',
        Key: { pk: { S: `O#${t.org}#P#${t.project}#A#elsewhere` }, sk: { S: 'S#K' } },
      }),
    );
    direct.destroy();
    expect(t.coffer.dynamoEndpoint).toBe(store.endpoint);
    expect(head.Item?.version?.N).toBe('1');
  });
});
