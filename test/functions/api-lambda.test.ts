import { randomUUID } from 'node:crypto';
import { connectDynamo } from '../../shared/adapters/dynamodb/connect.js';
import { DecryptCommand, KMSServiceException } from '@aws-sdk/client-kms';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LambdaEvent } from 'hono/aws-lambda';
import { createLambdaHandler } from '../../functions/api/lambda.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { DynamoDirectoryStore } from '../../shared/adapters/dynamodb/directory-store.js';
import { DynamoPrincipalStore } from '../../shared/adapters/dynamodb/principal-store.js';
import { Table } from '../../shared/adapters/dynamodb/table.js';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../../shared/adapters/local/embedded-dynamo.js';
import { hashClientSecret } from '../../shared/domain/identity/client-credentials.js';
import { unsafeOrgScope } from '../../shared/domain/scope.js';
import { fakeKms } from '../helpers/fake-kms.js';

/** An API Gateway HTTP API (payload format 2.0) event, as Lambda receives it. */
const event = (
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; form?: Record<string, string> } = {},
): APIGatewayProxyEventV2 => {
  const [rawPath, rawQueryString = ''] = path.split('?') as [string, string?];
  const headers: Record<string, string> = { host: 'api.example.com', 'user-agent': 'test' };
  let body: string | undefined;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: '111122223333',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body,
    isBase64Encoded: false,
  };
};

const lambdaEnv = {
  COFFER_TABLE_NAME: 'coffer-prod',
  COFFER_ISSUER: 'https://api.example.com',
  COFFER_KMS_KEY_ID: 'alias/coffer-data',
  COFFER_SIGNING_KEY_ID: 'alias/coffer-signing',
  AWS_REGION: 'eu-west-1',
  COFFER_LOG_LEVEL: 'silent',
  COFFER_SYNC_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/coffer-sync',
};

describe('Lambda entry (API Gateway HTTP API v2 events)', () => {
  let dynamo: EmbeddedDynamo;
  let handler: ReturnType<typeof createLambdaHandler>;
  let kms: ReturnType<typeof fakeKms>;
  const org = randomUUID();
  const project = randomUUID();
  const saved = { ...process.env };
  const invoke = async (e: APIGatewayProxyEventV2) => {
    const res = (await handler(
      e as unknown as LambdaEvent,
      {} as Context,
    )) as APIGatewayProxyStructuredResultV2;
    return {
      status: res.statusCode,
      body: JSON.parse(res.body ?? '{}') as Record<string, unknown>,
      headers: res.headers ?? {},
    };
  };
  let token = '';
  const P = `/secrets/2023-11-28/organizations/${org}/projects/${project}`;

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamo();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    const client = connectDynamo({
      endpoint: dynamo.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await ensureTable(client, 'coffer-prod');
    const directory = new DynamoDirectoryStore(new Table(client, 'coffer-prod'));
    const principal = randomUUID();
    await directory.createOrganization(
      { id: org, name: 'acme', createdAt: new Date().toISOString() },
      { id: principal, type: 'SERVICE_PRINCIPAL' },
    );
    await directory.createProject(
      { id: project, orgId: org, name: 'p', description: '', createdAt: new Date().toISOString() },
      unsafeOrgScope(org),
    );
    await new DynamoPrincipalStore(new Table(client, 'coffer-prod')).putClientKey(unsafeOrgScope(org), {
      clientId: 'lambda-client',
      orgId: org,
      principalId: principal,
      principalName: 'ci',
      secretHash: hashClientSecret('lambda-secret-lambda-secret-lambda-secret'),
      createdAt: new Date().toISOString(),
    });
    client.destroy();
    kms = fakeKms();
    handler = createLambdaHandler({ ...lambdaEnv, AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint });
  });
  afterAll(async () => {
    kms.mock.restore();
    process.env = saved;
    await dynamo.close();
  });

  it('issues a KMS-signed token for client credentials', async () => {
    const res = await invoke(
      event('POST', '/oauth2/token', {
        form: {
          grant_type: 'client_credentials',
          client_id: 'lambda-client',
          client_secret: 'lambda-secret-lambda-secret-lambda-secret',
        },
      }),
    );
    expect(res.status).toBe(200);
    token = String(res.body.access_token);
    expect(kms.calls.sign).toBe(1);
    const jwks = await invoke(event('GET', '/.well-known/jwks.json'));
    expect(jwks.body.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256' })]);
  });

  it('serves the whole secret lifecycle with KMS data keys', async () => {
    const generatedBefore = kms.calls.generate;
    expect((await invoke(event('POST', `${P}/apps`, { token, body: { name: 'lambda-app' } }))).status).toBe(
      200,
    );
    const write = await invoke(
      event('POST', `${P}/apps/lambda-app/secret/kv`, {
        token,
        body: { name: 'API_KEY', value: 'from-lambda' },
      }),
    );
    expect(write.status).toBe(200);
    expect(kms.calls.generate - generatedBefore).toBe(1);
    const open = await invoke(event('GET', `${P}/apps/lambda-app/secrets/API_KEY:open`, { token }));
    expect(open.body.secret).toMatchObject({ static_version: { value: 'from-lambda' } });
    expect(kms.calls.decrypt).toBe(0); // the key generated for the write is cached
    const all = await invoke(
      event('GET', `${P}/apps/lambda-app/secrets:open?pagination.page_size=10`, { token }),
    );
    expect(all.body.secrets).toHaveLength(1);
    expect(open.headers['x-request-id']).toBeTruthy();
  });

  it('routes a LIST event, should API Gateway pass one, as a Vault list (GET ?list=true)', async () => {
    const viaList = await invoke(event('LIST', '/v1/secret/metadata/', { token }));
    const viaGet = await invoke(event('GET', '/v1/secret/metadata?list=true', { token }));
    expect([viaList.status, viaList.body.data]).toEqual([200, { keys: ['lambda-app'] }]);
    expect(viaGet.body.data).toEqual({ keys: ['lambda-app'] });
  });

  it('answers 401 without a token and 404 for an unknown route', async () => {
    expect((await invoke(event('GET', `${P}/apps`))).body.code).toBe(16);
    const missing = await invoke(event('GET', '/nope', { token }));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(5);
  });

  describe('when KMS fails on a cold data key', () => {
    // A fresh handler has an empty data key cache, so its first read must call Decrypt.
    const coldRead = async () => {
      const cold = createLambdaHandler({ ...lambdaEnv, AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint });
      const res = (await cold(
        event('GET', `${P}/apps/lambda-app/secrets/API_KEY:open`, { token }) as unknown as LambdaEvent,
        {} as Context,
      )) as APIGatewayProxyStructuredResultV2;
      return {
        status: res.statusCode,
        body: JSON.parse(res.body ?? '{}') as Record<string, unknown>,
        headers: res.headers ?? {},
      };
    };
    it.each([
      ['ThrottlingException', 503, 14, /throttling/],
      ['DisabledException', 503, 14, /disabled, pending deletion or unavailable/],
      ['KMSInvalidStateException', 503, 14, /disabled, pending deletion or unavailable/],
      ['InvalidCiphertextException', 500, 15, /altered/],
    ])('maps %s to HTTP %i with code %i and a clear message', async (name, status, code, message) => {
      kms.mock
        .on(DecryptCommand)
        .rejects(new KMSServiceException({ name, $fault: 'client', $metadata: {}, message: 'x' }));
      const res = await coldRead();
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(String(res.body.message)).toMatch(message);
      expect(JSON.stringify(res.body)).not.toContain('from-lambda');
      if (status === 503) expect(res.headers['retry-after']).toBe('1');
    });
  });
});
