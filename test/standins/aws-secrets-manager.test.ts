import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  paginateListSecrets,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsSecretsManagerStandIn } from './aws-secrets-manager.js';

const credentials = { accessKeyId: 'AKIASTANDIN', secretAccessKey: 'standin-secret' };
const TOKEN_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const TOKEN_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

async function awsError(p: Promise<unknown>): Promise<{ name: string; status?: number; attempts?: number }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Error) {
      const meta =
        '$metadata' in err ? (err.$metadata as { httpStatusCode?: number; attempts?: number }) : {};
      return { name: err.name, status: meta.httpStatusCode, attempts: meta.attempts };
    }
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('AWS Secrets Manager stand-in', () => {
  const aws = new AwsSecretsManagerStandIn();
  let sm: SecretsManagerClient;

  beforeAll(async () => {
    const { url } = await aws.start();
    sm = new SecretsManagerClient({ endpoint: url, region: 'us-east-1', credentials });
  });
  afterAll(async () => {
    sm.destroy();
    await aws.close();
  });
  beforeEach(() => {
    aws.clearLog();
    aws.clearFaults();
  });

  it('requires a SigV4 Authorization header scoped to its region and service', async () => {
    const anon = await fetch(aws.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.ListSecrets' },
      body: '{}',
    });
    expect(anon.status).toBe(403);
    expect(await anon.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });

    const elsewhere = new SecretsManagerClient({
      endpoint: aws.url,
      region: 'eu-west-1',
      credentials,
      maxAttempts: 1,
    });
    expect(await awsError(elsewhere.send(new ListSecretsCommand({})))).toMatchObject({
      name: 'InvalidSignatureException',
      status: 403,
    });
    elsewhere.destroy();

    const unknownOp = await fetch(aws.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.RotateEverything',
        'x-amz-date': '20240101T000000Z',
        authorization: `AWS4-HMAC-SHA256 Credential=AKIA/20240101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
      },
      body: '{}',
    });
    expect(unknownOp.status).toBe(400);
    expect(await unknownOp.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('creates and reads back a secret with tags, ARN and AWSCURRENT', async () => {
    const created = await sm.send(
      new CreateSecretCommand({
        Name: 'coffer/app/DB_PASSWORD',
        SecretString: 'p@ss ✓',
        ClientRequestToken: TOKEN_A,
        Tags: [{ Key: 'managed-by', Value: 'coffer' }],
      }),
    );
    expect(created.ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-1:123456789012:secret:coffer\/app\/DB_PASSWORD-[A-Za-z0-9]{6}$/,
    );
    expect(created.VersionId).toBe(TOKEN_A);
    expect(aws.requests.at(-1)).toMatchObject({ operation: 'CreateSecret', status: 200, write: true });

    const got = await sm.send(new GetSecretValueCommand({ SecretId: created.ARN }));
    expect(got).toMatchObject({
      Name: 'coffer/app/DB_PASSWORD',
      SecretString: 'p@ss ✓',
      VersionStages: ['AWSCURRENT'],
    });
    expect(got.CreatedDate).toBeInstanceOf(Date);
    expect(aws.secret('coffer/app/DB_PASSWORD')).toMatchObject({
      current: 'p@ss ✓',
      tags: { 'managed-by': 'coffer' },
      origin: 'api',
    });
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'coffer/app/DB_PASSWORD' }));
    expect(described.Tags).toEqual([{ Key: 'managed-by', Value: 'coffer' }]);
    expect(described.VersionIdsToStages).toEqual({ [TOKEN_A]: ['AWSCURRENT'] });
  });

  it('CreateSecret: existing name → ResourceExistsException, but a retry with the same token and value succeeds', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'one', ClientRequestToken: TOKEN_A }));
    const retry = await sm.send(
      new CreateSecretCommand({ Name: 'dup', SecretString: 'one', ClientRequestToken: TOKEN_A }),
    );
    expect(retry.VersionId).toBe(TOKEN_A);
    expect(
      await awsError(sm.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'two' }))),
    ).toMatchObject({
      name: 'ResourceExistsException',
      status: 400,
    });
    expect(aws.secret('dup')?.versions).toHaveLength(1);
  });

  it('PutSecretValue: new token → new AWSCURRENT; same token+value → no-op; same token, other value → error', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'rotating', SecretString: 'v1' }));
    const put = await sm.send(
      new PutSecretValueCommand({ SecretId: 'rotating', SecretString: 'v2', ClientRequestToken: TOKEN_B }),
    );
    expect(put).toMatchObject({ VersionId: TOKEN_B, VersionStages: ['AWSCURRENT'] });
    const again = await sm.send(
      new PutSecretValueCommand({ SecretId: 'rotating', SecretString: 'v2', ClientRequestToken: TOKEN_B }),
    );
    expect(again.VersionId).toBe(TOKEN_B);
    expect(aws.secret('rotating')?.versions).toHaveLength(2);
    expect(
      await awsError(
        sm.send(
          new PutSecretValueCommand({
            SecretId: 'rotating',
            SecretString: 'v3',
            ClientRequestToken: TOKEN_B,
          }),
        ),
      ),
    ).toMatchObject({ name: 'ResourceExistsException' });

    const s = aws.secret('rotating');
    expect(s?.current).toBe('v2');
    expect(s?.versions.map((v) => [v.secretString, v.stages])).toEqual([
      ['v1', ['AWSPREVIOUS']],
      ['v2', ['AWSCURRENT']],
    ]);
    const previous = await sm.send(
      new GetSecretValueCommand({ SecretId: 'rotating', VersionStage: 'AWSPREVIOUS' }),
    );
    expect(previous.SecretString).toBe('v1');
  });

  it('DeleteSecret: recovery window rules, scheduled secrets are unusable and hidden, restore and force delete', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'x' }));
    expect(
      await awsError(sm.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 3 }))),
    ).toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(
      await awsError(
        sm.send(
          new DeleteSecretCommand({
            SecretId: 'doomed',
            RecoveryWindowInDays: 7,
            ForceDeleteWithoutRecovery: true,
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });

    const before = Date.now();
    const del = await sm.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }));
    expect((del.DeletionDate?.getTime() ?? 0) - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    expect(await awsError(sm.send(new GetSecretValueCommand({ SecretId: 'doomed' })))).toMatchObject({
      name: 'InvalidRequestException',
    });
    expect(
      await awsError(sm.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'y' }))),
    ).toMatchObject({
      name: 'InvalidRequestException',
    });
    const listed = await sm.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['doomed'] }] }));
    expect(listed.SecretList ?? []).toEqual([]);
    const planned = await sm.send(
      new ListSecretsCommand({
        Filters: [{ Key: 'name', Values: ['doomed'] }],
        IncludePlannedDeletion: true,
      }),
    );
    expect(planned.SecretList?.map((s) => [s.Name, s.DeletedDate instanceof Date])).toEqual([
      ['doomed', true],
    ]);

    await sm.send(new RestoreSecretCommand({ SecretId: 'doomed' }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'doomed' }))).SecretString).toBe('x');

    await sm.send(new DeleteSecretCommand({ SecretId: 'doomed', ForceDeleteWithoutRecovery: true }));
    expect(aws.secret('doomed')).toBeUndefined();
    expect(await awsError(sm.send(new DescribeSecretCommand({ SecretId: 'doomed' })))).toMatchObject({
      name: 'ResourceNotFoundException',
      status: 400,
    });
    await sm.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'reborn' }));
    expect(aws.secret('doomed')?.current).toBe('reborn');
  });

  it('tags and untags', async () => {
    await sm.send(
      new CreateSecretCommand({ Name: 'tagged', SecretString: 'x', Tags: [{ Key: 'a', Value: '1' }] }),
    );
    await sm.send(
      new TagResourceCommand({
        SecretId: 'tagged',
        Tags: [
          { Key: 'a', Value: '2' },
          { Key: 'b', Value: '3' },
        ],
      }),
    );
    expect(aws.secret('tagged')?.tags).toEqual({ a: '2', b: '3' });
    await sm.send(new UntagResourceCommand({ SecretId: 'tagged', TagKeys: ['a'] }));
    expect(aws.secret('tagged')?.tags).toEqual({ b: '3' });
    expect(aws.writeCount()).toBe(3);
  });

  it('lists with MaxResults/NextToken and Filters (prefix, tag-key, negation)', async () => {
    const own = new AwsSecretsManagerStandIn();
    const { url } = await own.start();
    const client = new SecretsManagerClient({ endpoint: url, region: 'us-east-1', credentials });
    try {
      for (const n of ['app/a', 'app/b', 'app/c', 'app/d', 'app/e']) {
        await client.send(
          new CreateSecretCommand({
            Name: n,
            SecretString: n,
            Tags: [{ Key: 'managed-by', Value: 'coffer' }],
          }),
        );
      }
      own.seedSecret('app/theirs', 'not ours', { tags: { owner: 'someone-else' } });
      own.seedSecret('other/x', 'x');

      const first = await client.send(new ListSecretsCommand({ MaxResults: 2 }));
      expect(first.SecretList?.map((s) => s.Name)).toEqual(['app/a', 'app/b']);
      expect(first.NextToken).toEqual(expect.any(String));

      own.clearLog();
      const names: string[] = [];
      for await (const page of paginateListSecrets(
        { client, pageSize: 3 },
        { Filters: [{ Key: 'name', Values: ['app/'] }] },
      )) {
        names.push(...(page.SecretList ?? []).map((s) => s.Name ?? ''));
      }
      expect(names).toEqual(['app/a', 'app/b', 'app/c', 'app/d', 'app/e', 'app/theirs']);
      expect(own.requests.map((r) => r.operation)).toEqual(['ListSecrets', 'ListSecrets']);

      const ours = await client.send(
        new ListSecretsCommand({ Filters: [{ Key: 'tag-key', Values: ['managed-by'] }] }),
      );
      expect(ours.SecretList).toHaveLength(5);
      const notApp = await client.send(
        new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['!app/'] }] }),
      );
      expect(notApp.SecretList?.map((s) => s.Name)).toEqual(['other/x']);
      expect(await awsError(client.send(new ListSecretsCommand({ NextToken: 'garbage' })))).toMatchObject({
        name: 'InvalidNextTokenException',
      });
      expect(await awsError(client.send(new ListSecretsCommand({ MaxResults: 101 })))).toMatchObject({
        name: 'ValidationException',
      });
      expect(own.secret('app/theirs')).toMatchObject({ current: 'not ours', origin: 'seed' });
      expect(own.writeCount()).toBe(0);
    } finally {
      client.destroy();
      await own.close();
    }
  });

  it('validates names and value size', async () => {
    expect(
      await awsError(sm.send(new CreateSecretCommand({ Name: 'has space', SecretString: 'x' }))),
    ).toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(
      await awsError(sm.send(new CreateSecretCommand({ Name: 'big', SecretString: 'x'.repeat(65_537) }))),
    ).toMatchObject({ name: 'ValidationException' });
    await sm.send(new CreateSecretCommand({ Name: 'big', SecretString: 'x'.repeat(65_536) }));
    expect(aws.secret('big')?.current).toHaveLength(65_536);
    expect(
      await awsError(sm.send(new PutSecretValueCommand({ SecretId: 'nope', SecretString: 'x' }))),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('ThrottlingException is retried by the SDK; the value then lands once', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'throttled', SecretString: 'v1' }));
    aws.clearLog();
    aws.rateLimitNext('throttling', { match: { operation: 'PutSecretValue' } });
    const res = await sm.send(new PutSecretValueCommand({ SecretId: 'throttled', SecretString: 'v2' }));
    expect(res.$metadata.attempts).toBe(2);
    expect(aws.requests.map((r) => [r.operation, r.status, r.injected])).toEqual([
      ['PutSecretValue', 400, true],
      ['PutSecretValue', 200, false],
    ]);
    expect(aws.secret('throttled')?.versions.map((v) => v.secretString)).toEqual(['v1', 'v2']);
  });

  it('gives up after maxAttempts of throttling, and retries injected 5xx', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'flaky', SecretString: 'v1' }));
    const twice = new SecretsManagerClient({
      endpoint: aws.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 2,
    });
    try {
      aws.rateLimitNext('throttling', { count: 2 });
      expect(await awsError(twice.send(new GetSecretValueCommand({ SecretId: 'flaky' })))).toEqual({
        name: 'ThrottlingException',
        status: 400,
        attempts: 2,
      });

      aws.clearLog();
      aws.failNext(1, 500);
      const ok = await twice.send(new PutSecretValueCommand({ SecretId: 'flaky', SecretString: 'v2' }));
      expect(ok.$metadata.attempts).toBe(2);
      expect(aws.requests.map((r) => r.status)).toEqual([500, 200]);
      expect(aws.secret('flaky')?.current).toBe('v2');
    } finally {
      twice.destroy();
    }
  });
});
