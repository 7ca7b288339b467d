import { DeleteSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DestinationOptions } from '../../shared/adapters/destinations/factory.js';
import { createDestination } from '../../shared/adapters/destinations/factory.js';
import type { Destination } from '../../shared/domain/sync/destination.js';
import { AwsSecretsManagerStandIn } from '../standins/index.js';
import { canary, expectNoValue, fast, rejection } from './helpers.js';

const KEYS = { access_key_id: 'AKIASTANDIN000000001', secret_access_key: 'standin-secret' };

describe('AWS Secrets Manager destination', () => {
  const aws = new AwsSecretsManagerStandIn();
  let prefixCount = 0;

  beforeAll(async () => {
    await aws.start();
  });
  afterAll(() => aws.close());
  beforeEach(() => {
    aws.clearLog();
    aws.clearFaults();
  });

  /** A fresh prefix per test keeps tests apart in the one account. */
  const newPrefix = (): string => `coffer/t${++prefixCount}/`;

  const destination = (
    prefix: string,
    options: DestinationOptions = {},
    tags?: Record<string, string>,
  ): Destination =>
    createDestination(
      'aws',
      { region: 'us-east-1', ...KEYS, endpoint: aws.url },
      { name_prefix: prefix, ...(tags ? { tags } : {}) },
      fast(options),
    );

  /** What "someone else" uses to act on the account directly. */
  const outsider = (): SecretsManagerClient =>
    new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: aws.url,
      credentials: { accessKeyId: KEYS.access_key_id, secretAccessKey: KEYS.secret_access_key },
    });

  it('lists every secret under its prefix across pages, including ones someone else created', async () => {
    const prefix = newPrefix();
    for (const n of ['A', 'B', 'C', 'D', 'E']) aws.seedSecret(`${prefix}${n}`, `seeded-${n}`);
    aws.seedSecret(`other/${prefix}X`, 'outside the prefix');

    const entries = await destination(prefix, { pageSize: 2 }).list();

    expect(entries.map((e) => e.name)).toEqual(['A', 'B', 'C', 'D', 'E'].map((n) => `${prefix}${n}`));
    expect(entries[0]?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(aws.requests.map((r) => r.operation)).toEqual(['ListSecrets', 'ListSecrets', 'ListSecrets']);
  });

  it('creates (tagged managed-by: coffer) and updates with the exact plaintext', async () => {
    const prefix = newPrefix();
    const dest = destination(prefix, {}, { team: 'payments' });
    const name = `${prefix}DB_PASSWORD`;
    const first = '{"user":"app","password":"p@ss ✓"}\n';

    await dest.put(name, first, false);
    expect(aws.secret(name)).toMatchObject({
      current: first,
      tags: { 'managed-by': 'coffer', team: 'payments' },
      origin: 'api',
    });

    await dest.put(name, 'v2', true);
    expect(aws.secret(name)?.current).toBe('v2');
    expect(aws.secret(name)?.versions).toHaveLength(2);
    expect(aws.requests.map((r) => r.operation)).toEqual(['CreateSecret', 'PutSecretValue']);
  });

  it('never overwrites a secret someone else created: a create answers CONFLICT', async () => {
    const prefix = newPrefix();
    aws.seedSecret(`${prefix}THEIRS`, 'not ours');

    const err = await rejection(destination(prefix).put(`${prefix}THEIRS`, 'ours', false));

    expect(err).toMatchObject({ code: 'CONFLICT', retryable: false });
    expect(aws.secret(`${prefix}THEIRS`)).toMatchObject({
      current: 'not ours',
      versions: [expect.anything()],
    });
  });

  it('deletes with a recovery window; the secret leaves the list; deleting again or a missing one is fine', async () => {
    const prefix = newPrefix();
    const dest = destination(prefix);
    await dest.put(`${prefix}GONE`, 'x', false);

    await dest.delete(`${prefix}GONE`);
    await dest.delete(`${prefix}GONE`);
    await dest.delete(`${prefix}NEVER_WAS`);

    expect(aws.secret(`${prefix}GONE`)?.deletedDate).toEqual(expect.any(Number));
    expect(await dest.list()).toEqual([]);
  });

  it('re-creates a name it deleted: deletes its old secret for good and creates it afresh', async () => {
    const prefix = newPrefix();
    const dest = destination(prefix);
    const name = `${prefix}AGAIN`;
    await dest.put(name, 'old value', false);
    await dest.delete(name);

    await dest.put(name, 'new value', false);

    expect(aws.secret(name)).toMatchObject({ current: 'new value' });
    expect(aws.secret(name)?.deletedDate).toBeUndefined();
    expect(aws.secret(name)?.versions.map((v) => v.secretString)).toEqual(['new value']);
  });

  it('re-creates on update when the secret is gone', async () => {
    const prefix = newPrefix();
    const dest = destination(prefix);

    await dest.put(`${prefix}VANISHED`, 'back', true);

    expect(aws.secret(`${prefix}VANISHED`)).toMatchObject({
      current: 'back',
      tags: { 'managed-by': 'coffer' },
    });
  });

  it('leaves a secret someone else scheduled for deletion alone: CONFLICT_SOFT_DELETED', async () => {
    const prefix = newPrefix();
    const name = `${prefix}THEIRS_DELETED`;
    aws.seedSecret(name, 'theirs');
    await outsider().send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 30 }));

    const err = await rejection(destination(prefix).put(name, 'ours', false));

    expect(err).toMatchObject({ code: 'CONFLICT_SOFT_DELETED', retryable: false });
    expect(aws.secret(name)).toMatchObject({ current: 'theirs', deletedDate: expect.any(Number) });
  });

  it.each([
    ['coffer/', 'DB_PASSWORD', { ok: true, name: 'coffer/DB_PASSWORD' }],
    ['', 'api_key', { ok: true, name: 'api_key' }],
    ['prod/app-', 'ABCDEF', { ok: false, reason: expect.stringContaining('ARN suffix') }],
    ['prod/app-', 'ABCDEFG', { ok: true, name: 'prod/app-ABCDEFG' }],
    ['coffer/', 'A-B', { ok: false, reason: expect.stringContaining('Coffer secret name') }],
  ])('maps with prefix %j: %s', (prefix, name, expected) => {
    expect(destination(prefix).mapName(name)).toEqual(expected);
  });

  it('assumes the customer’s role with its external id, and writes with the temporary credentials only', async () => {
    // A minimal STS: AssumeRole answers temporary credentials only for the expected role and external id.
    const calls: URLSearchParams[] = [];
    const sts = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        calls.push(form);
        const ok =
          form.get('Action') === 'AssumeRole' &&
          form.get('RoleArn') === 'arn:aws:iam::123456789012:role/coffer-sync' &&
          form.get('ExternalId') === 'coffer-org-1234';
        res.writeHead(ok ? 200 : 403, { 'content-type': 'text/xml' });
        res.end(
          ok
            ? `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIATEMPORARY0000001</AccessKeyId><SecretAccessKey>temporary-secret</SecretAccessKey><SessionToken>temporary-session</SessionToken><Expiration>${new Date(Date.now() + 900_000).toISOString()}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:coffer-sync</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/coffer-sync/coffer-sync</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`
            : '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied</Message></Error></ErrorResponse>',
        );
      });
    });
    await new Promise<void>((r) => sts.listen(0, '127.0.0.1', () => r()));
    const customer = new AwsSecretsManagerStandIn({
      region: 'eu-west-1',
      accessKeyIds: ['ASIATEMPORARY0000001'],
    });
    const { url } = await customer.start();
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    // The worker's own credentials, which must only ever be used to call STS.
    process.env.AWS_ACCESS_KEY_ID = 'AKIAWORKERROLE000001';
    process.env.AWS_SECRET_ACCESS_KEY = 'worker-secret';
    try {
      const dest = createDestination(
        'aws',
        {
          region: 'eu-west-1',
          role_arn: 'arn:aws:iam::123456789012:role/coffer-sync',
          external_id: 'coffer-org-1234',
          endpoint: url,
          sts_endpoint: `http://127.0.0.1:${(sts.address() as AddressInfo).port}`,
        },
        { name_prefix: 'assumed/' },
        fast(),
      );
      await dest.put('assumed/VIA_ROLE', 'written-with-the-role', false);
      expect(customer.secret('assumed/VIA_ROLE')?.current).toBe('written-with-the-role');
      expect(calls.map((c) => c.get('RoleSessionName'))).toEqual(['coffer-sync']);
      const wrongRole = createDestination(
        'aws',
        {
          region: 'eu-west-1',
          role_arn: 'arn:aws:iam::123456789012:role/coffer-sync',
          external_id: 'someone-elses-id',
          endpoint: url,
          sts_endpoint: `http://127.0.0.1:${(sts.address() as AddressInfo).port}`,
        },
        { name_prefix: 'assumed/' },
        fast(),
      );
      const err = await rejection(wrongRole.put('assumed/NOPE', 'x', false));
      expect(err).toMatchObject({ name: 'DestinationError' });
      expect(customer.secret('assumed/NOPE')).toBeUndefined();
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      sts.close();
      await customer.close();
    }
  });

  describe('throttling and failures', () => {
    it('waits out throttling (the SDK retries ThrottlingException) and the value then arrives', async () => {
      const prefix = newPrefix();
      aws.rateLimitNext('throttling', { count: 2, match: { operation: 'CreateSecret' } });

      await destination(prefix).put(`${prefix}AFTER_THROTTLE`, 'made it', false);

      expect(aws.secret(`${prefix}AFTER_THROTTLE`)?.current).toBe('made it');
      expect(aws.requests.map((r) => r.status)).toEqual([400, 400, 200]);
      // One ClientRequestToken across the retries: one version.
      expect(aws.secret(`${prefix}AFTER_THROTTLE`)?.versions).toHaveLength(1);
    });

    it('reports throttling that outlasts the retries as a retryable RATE_LIMITED', async () => {
      const prefix = newPrefix();
      aws.rateLimitNext('throttling', { count: 3 });

      expect(await rejection(destination(prefix).list())).toMatchObject({
        code: 'RATE_LIMITED',
        retryable: true,
      });
      expect(aws.requests).toHaveLength(3);
    });

    it('reports LimitExceededException (a quota, though the SDK retries it) as QUOTA_EXCEEDED, not retryable', async () => {
      const prefix = newPrefix();
      aws.rateLimitNext('limit-exceeded', { count: 3 });

      const err = await rejection(destination(prefix).put(`${prefix}Q`, 'x', false));

      expect(err).toMatchObject({ code: 'QUOTA_EXCEEDED', retryable: false });
    });

    it('surfaces a 5xx that outlasts the SDK’s retries as a retryable UNAVAILABLE, without the value', async () => {
      const prefix = newPrefix();
      aws.failNext(3, 500, { operation: 'PutSecretValue' });
      const value = canary('aws-5xx');
      await destination(prefix).put(`${prefix}DOWN`, 'before', false);

      const err = await rejection(destination(prefix).put(`${prefix}DOWN`, value, true));

      expect(err).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
      expectNoValue(err, value);
      expect(aws.requests.filter((r) => r.operation === 'PutSecretValue')).toHaveLength(3);
      expect(aws.secret(`${prefix}DOWN`)?.current).toBe('before');
    });

    it('reports a validation refusal without the value', async () => {
      const prefix = newPrefix();
      const value = canary('aws-400');

      const err = await rejection(destination(prefix).put(`${prefix}BAD NAME`, value, false));

      expect(err).toMatchObject({ code: 'VALIDATION', retryable: false });
      expectNoValue(err, value);
    });

    it('reports a credential scoped to another region as UNAUTHORIZED', async () => {
      const dest = createDestination(
        'aws',
        { region: 'eu-west-1', ...KEYS, endpoint: aws.url },
        { name_prefix: newPrefix() },
        fast(),
      );

      expect(await rejection(dest.list())).toMatchObject({ code: 'UNAUTHORIZED', retryable: false });
    });

    it('refuses a value over 65,536 characters before sending anything', async () => {
      const prefix = newPrefix();

      const err = await rejection(destination(prefix).put(`${prefix}BIG`, 'x'.repeat(65_537), false));

      expect(err).toMatchObject({ code: 'VALUE_TOO_LARGE' });
      expect(aws.requests).toHaveLength(0);
    });
  });
});
