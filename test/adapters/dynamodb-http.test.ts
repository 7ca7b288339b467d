import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectDynamo } from '../../shared/adapters/dynamodb/connect.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { DynamoHttpClient, DynamoServiceError } from '../../shared/adapters/dynamodb/http-client.js';
import { SigV4 } from '../../shared/adapters/dynamodb/sigv4.js';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../../shared/adapters/local/embedded-dynamo.js';

/** The SDK signer's hash constructor, from node:crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret ? createHmac('sha256', Buffer.from(secret as ArrayBuffer)) : createHash('sha256');
  }
  update(data: string | Uint8Array) {
    this.hash.update(data);
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset() {}
}

describe('SigV4 signer', () => {
  it.each([
    {
      name: 'long-term keys',
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      },
    },
    {
      name: 'a session token',
      credentials: {
        accessKeyId: 'ASIAEXAMPLE',
        secretAccessKey: 'secret/with+chars',
        sessionToken: 'FwoGZXIvYXdzEBY//token==',
      },
    },
  ])('signs exactly as the AWS SDK signer does, with $name', async ({ credentials }) => {
    // Prepare: one request, signed by both at the same instant.
    const now = new Date('2026-11-30T18:45:12.345Z');
    const body = JSON.stringify({ TableName: 'coffer', Key: { pk: { S: 'O#1' }, sk: { S: 'S#A' } } });
    const headers = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
    };
    // applyChecksum off: ours does not send x-amz-content-sha256 (DynamoDB does not need it), so both sign the same headers.
    const sdk = new SignatureV4({
      credentials,
      region: 'eu-west-1',
      service: 'dynamodb',
      sha256: Sha256,
      applyChecksum: false,
    });

    // Act
    const ours = new SigV4('eu-west-1', 'dynamodb').sign(
      credentials,
      'dynamodb.eu-west-1.amazonaws.com',
      headers,
      body,
      now,
    );
    const theirs = await sdk.sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: 'dynamodb.eu-west-1.amazonaws.com',
        path: '/',
        headers: { ...headers, host: 'dynamodb.eu-west-1.amazonaws.com' },
        body,
      },
      { signingDate: now },
    );

    // Assess
    expect(ours.authorization).toBe(theirs.headers.authorization);
    expect(ours['x-amz-date']).toBe('20261130T184512Z');
    expect(ours['x-amz-security-token']).toBe(credentials.sessionToken);
  });

  it('changes the signature when the body changes', () => {
    const creds = { accessKeyId: 'A', secretAccessKey: 'S' };
    const signer = new SigV4('eu-west-1', 'dynamodb');
    const now = new Date();
    const a = signer.sign(creds, 'h', {}, '{"a":1}', now).authorization;
    const b = signer.sign(creds, 'h', {}, '{"a":2}', now).authorization;
    expect(a).not.toBe(b);
  });
});

describe('DynamoDB HTTP client against the embedded store', () => {
  let store: EmbeddedDynamo;
  let client: DynamoHttpClient;
  let sdk: DynamoDBClient;
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

  beforeAll(async () => {
    store = await startEmbeddedDynamo();
    client = connectDynamo({ endpoint: store.endpoint, region: 'local', credentials });
    sdk = new DynamoDBClient({ endpoint: store.endpoint, region: 'local', credentials });
    await ensureTable(client, 'coffer');
  });
  afterAll(async () => {
    client.destroy();
    sdk.destroy();
    await store.close();
  });

  it('writes binary attributes the AWS SDK reads back byte for byte, and reads what the SDK wrote', async () => {
    // Prepare: binary at the top level, in a set, and nested in a map and a list.
    const blob = Uint8Array.from([0, 1, 2, 250, 255, 128]);
    const item = {
      pk: { S: 'O#bin' },
      sk: { S: 'S#ours' },
      blob: { B: blob },
      set: { BS: [Uint8Array.from([1]), Uint8Array.from([2, 3])] },
      nested: {
        M: { inner: { B: Uint8Array.from([9, 8]) }, list: { L: [{ B: Uint8Array.from([7]) }, { S: 'x' }] } },
      },
    };

    // Act: ours writes, the SDK reads; the SDK writes, ours reads.
    await client.send('PutItem', { TableName: 'coffer', Item: item });
    const bySdk = await sdk.send(
      new GetItemCommand({ TableName: 'coffer', Key: { pk: item.pk, sk: item.sk } }),
    );
    await sdk.send(new PutItemCommand({ TableName: 'coffer', Item: { ...item, sk: { S: 'S#sdk' } } }));
    const byOurs = await client.send('GetItem', {
      TableName: 'coffer',
      Key: { pk: item.pk, sk: { S: 'S#sdk' } },
    });

    // Assess
    expect(bySdk.Item).toEqual(item);
    expect(byOurs.Item?.blob?.B).toEqual(Buffer.from(blob));
    expect(byOurs.Item?.set?.BS?.map((b) => [...b])).toEqual([[1], [2, 3]]);
    expect([...(byOurs.Item?.nested?.M?.inner?.B ?? [])]).toEqual([9, 8]);
    expect([...(byOurs.Item?.nested?.M?.list?.L?.[0]?.B ?? [])]).toEqual([7]);
    expect(byOurs.Item?.nested?.M?.list?.L?.[1]).toEqual({ S: 'x' });
  });

  it('decodes binary in Query items, batch responses and keys', async () => {
    await client.send('PutItem', {
      TableName: 'coffer',
      Item: { pk: { S: 'O#q' }, sk: { S: 'S#1' }, b: { B: Uint8Array.from([5]) } },
    });
    const q = await client.send('Query', {
      TableName: 'coffer',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: 'O#q' } },
      Limit: 1,
    });
    const batch = await client.send('BatchGetItem', {
      RequestItems: { coffer: { Keys: [{ pk: { S: 'O#q' }, sk: { S: 'S#1' } }] } },
    });
    expect([...(q.Items?.[0]?.b?.B ?? [])]).toEqual([5]);
    expect(q.LastEvaluatedKey).toEqual({ pk: { S: 'O#q' }, sk: { S: 'S#1' } });
    expect([...(batch.Responses?.coffer?.[0]?.b?.B ?? [])]).toEqual([5]);
  });

  it('names a failed condition as the SDK does, and does not retry it', async () => {
    let calls = 0;
    const counted = connectDynamo({ endpoint: store.endpoint, region: 'local', credentials });
    counted.use(async (_c, next) => {
      calls++;
      return next();
    });
    const put = () =>
      counted.send('PutItem', {
        TableName: 'coffer',
        Item: { pk: { S: 'O#c' }, sk: { S: 'S#1' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      });
    await put();
    const err = await put().catch((e: unknown) => e);
    counted.destroy();
    expect(err).toBeInstanceOf(DynamoServiceError);
    expect((err as DynamoServiceError).name).toBe('ConditionalCheckFailedException');
    expect((err as DynamoServiceError).$retryable).toBe(false);
    expect(calls).toBe(2);
  });

  it('reports a missing table as ResourceNotFoundException', async () => {
    const err = await client
      .send('GetItem', { TableName: 'absent', Key: { pk: { S: 'a' }, sk: { S: 'b' } } })
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('ResourceNotFoundException');
  });
});

describe('DynamoDB HTTP client retries', () => {
  let server: http.Server;
  let endpoint: string;
  /** What the fake endpoint answers, in order; the last answer repeats. */
  let answers: { status: number; body: unknown; raw?: boolean; delayMs?: number }[] = [];
  let requests: { target: string | undefined; authorization: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        requests.push({
          target: req.headers['x-amz-target'] as string | undefined,
          authorization: req.headers.authorization,
          body,
        });
        const answer = answers.length > 1 ? answers.shift() : answers[0];
        setTimeout(() => {
          res.writeHead(answer?.status ?? 500, { 'content-type': 'application/x-amz-json-1.0' });
          res.end(answer?.raw ? String(answer.body) : JSON.stringify(answer?.body ?? {}));
        }, answer?.delayMs ?? 0);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    answers = [];
    requests = [];
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const throttled = {
    status: 400,
    body: { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'slow down' },
  };
  const ok = { status: 200, body: { Item: { pk: { S: 'a' } } } };
  /** A client of the fake endpoint, with fixed keys. */
  const fakeClient = (opts: { timeoutMs?: number } = {}) =>
    new DynamoHttpClient({
      endpoint,
      region: 'eu-west-1',
      credentials: () => Promise.resolve({ accessKeyId: 'AK', secretAccessKey: 'SK' }),
      ...opts,
    });

  it('retries throttling and answers with the attempt that succeeded, each attempt signed', async () => {
    answers = [throttled, throttled, ok];
    const client = fakeClient();
    const out = await client.send('GetItem', { TableName: 't', Key: { pk: { S: 'a' } } });
    client.destroy();
    expect(out.Item).toEqual({ pk: { S: 'a' } });
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.target === 'DynamoDB_20120810.GetItem')).toBe(true);
    expect(requests[0]?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AK\/\d{8}\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ TableName: 't', Key: { pk: { S: 'a' } } });
  });

  it('gives up after three attempts with a retryable error', async () => {
    answers = [
      {
        status: 500,
        body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'oops' },
      },
    ];
    const client = fakeClient();
    const err = await client.send('PutItem', { TableName: 't', Item: {} }).catch((e: unknown) => e);
    client.destroy();
    expect(requests).toHaveLength(3);
    expect(err).toMatchObject({ name: 'InternalServerError', $retryable: true, statusCode: 500 });
  });

  it('does not retry a validation error', async () => {
    answers = [
      { status: 400, body: { __type: 'com.amazon.coral.validate#ValidationException', message: 'bad' } },
    ];
    const client = fakeClient();
    const err = await client.send('PutItem', { TableName: 't', Item: {} }).catch((e: unknown) => e);
    client.destroy();
    expect(requests).toHaveLength(1);
    expect(err).toMatchObject({ name: 'ValidationException', message: 'bad', $retryable: false });
  });

  it('retries a 5xx whose body is not JSON (a load balancer answered), then succeeds', async () => {
    answers = [{ status: 502, body: '<html>Bad Gateway</html>', raw: true }, ok];
    const client = fakeClient();
    const out = await client.send('GetItem', { TableName: 't', Key: {} });
    client.destroy();
    expect(requests).toHaveLength(2);
    expect(out.Item).toEqual({ pk: { S: 'a' } });
  });

  it('fails an attempt that gets no answer in time, and retries it', async () => {
    answers = [{ ...ok, delayMs: 500 }, ok];
    const client = fakeClient({ timeoutMs: 100 });
    const out = await client.send('GetItem', { TableName: 't', Key: {} });
    client.destroy();
    expect(requests).toHaveLength(2);
    expect(out.Item).toEqual({ pk: { S: 'a' } });
  });
});
