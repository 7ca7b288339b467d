import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DestinationOptions } from '../../shared/adapters/destinations/factory.js';
import { createDestination } from '../../shared/adapters/destinations/factory.js';
import { crc32c } from '../../shared/adapters/destinations/gcp-secret-manager.js';
import type { Destination } from '../../shared/domain/sync/destination.js';
import { GcpSecretManagerStandIn, crc32c as standInCrc32c } from '../standins/index.js';
import { canary, expectNoValue, fast, rejection } from './helpers.js';

const PROJECT = 'coffer-test';

describe('GCP Secret Manager destination', () => {
  const gcp = new GcpSecretManagerStandIn();
  let nameCount = 0;

  beforeAll(async () => {
    await gcp.start();
  });
  afterAll(() => gcp.close());
  beforeEach(() => {
    gcp.clearLog();
    gcp.clearFaults();
  });

  /** One project for the file: each test uses names of its own. */
  const unique = (base: string): string => `${base}_${++nameCount}`;

  const destination = (options: DestinationOptions = {}, key = gcp.serviceAccountKey()): Destination =>
    createDestination(
      'gcp',
      { service_account_key: key, base_url: gcp.url },
      { project: PROJECT },
      fast(options),
    );

  const apiRequests = () => gcp.requests.filter((r) => !r.auth);
  const tokenRequests = () => gcp.requests.filter((r) => r.auth);

  it('lists across pages with one token for all of them, including secrets someone else created', async () => {
    const seeded = ['A', 'B', 'C', 'D', 'E'].map(unique);
    for (const id of seeded) gcp.seedSecret(PROJECT, id, 'seeded');

    const names = (await destination({ pageSize: 2 }).list()).map((e) => e.name);

    expect(names).toEqual(expect.arrayContaining(seeded));
    expect(apiRequests().length).toBe(Math.ceil(names.length / 2));
    expect(
      apiRequests()
        .slice(1)
        .every((r) => r.query.includes('pageToken=')),
    ).toBe(true);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('creates (labelled managed-by=coffer) and updates with the exact plaintext', async () => {
    const dest = destination();
    const name = unique('DB_PASSWORD');
    const first = 'multi\nline ✓ value with "quotes" and \u0000 a NUL';

    await dest.put(name, first, false);
    expect(gcp.secrets(PROJECT)[name]).toMatchObject({
      latest: first,
      labels: { 'managed-by': 'coffer' },
      origin: 'api',
    });

    await dest.put(name, 'v2', true);
    expect(gcp.secrets(PROJECT)[name]?.versions.map((v) => v.plaintext)).toEqual([first, 'v2']);
    expect(apiRequests().map((r) => `${r.method} ${r.status}`)).toEqual(['POST 200', 'POST 200', 'POST 200']);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('never writes into a secret someone else created: a create answers CONFLICT', async () => {
    const name = unique('THEIRS');
    gcp.seedSecret(PROJECT, name, 'not ours');

    const err = await rejection(destination().put(name, 'ours', false));

    expect(err).toMatchObject({ code: 'CONFLICT', retryable: false });
    expect(gcp.secrets(PROJECT)[name]?.versions.map((v) => v.plaintext)).toEqual(['not ours']);
  });

  it('finishes a create that was interrupted after making the secret (its own label, no version)', async () => {
    const name = unique('HALF_DONE');
    gcp.seedSecret(PROJECT, name, undefined, { 'managed-by': 'coffer' });

    await destination().put(name, 'value', false);

    expect(gcp.secrets(PROJECT)[name]?.latest).toBe('value');
  });

  it('does not fill an empty secret without its label', async () => {
    const name = unique('EMPTY_THEIRS');
    gcp.seedSecret(PROJECT, name);

    expect(await rejection(destination().put(name, 'value', false))).toMatchObject({ code: 'CONFLICT' });
    expect(gcp.secrets(PROJECT)[name]?.versions).toEqual([]);
  });

  it('re-creates on update when the secret is gone', async () => {
    const name = unique('VANISHED');

    await destination().put(name, 'back', true);

    expect(gcp.secrets(PROJECT)[name]).toMatchObject({ latest: 'back', labels: { 'managed-by': 'coffer' } });
  });

  it('deletes, and deleting a missing secret is not an error', async () => {
    const dest = destination();
    const name = unique('GONE');
    await dest.put(name, 'x', false);

    await dest.delete(name);
    await dest.delete(name);

    expect(gcp.secrets(PROJECT)[name]).toBeUndefined();
    expect(
      apiRequests()
        .filter((r) => r.method === 'DELETE')
        .map((r) => r.status),
    ).toEqual([200, 404]);
  });

  it.each([
    ['DB_PASSWORD', { ok: true, name: 'DB_PASSWORD' }],
    ['lower_case_1', { ok: true, name: 'lower_case_1' }],
    ['1ABC', { ok: false, reason: expect.stringContaining('Coffer secret name') }],
    ['A.B', { ok: false, reason: expect.stringContaining('Coffer secret name') }],
  ])('maps %s', (name, expected) => {
    expect(destination().mapName(name)).toEqual(expected);
  });

  it('computes the CRC32C Secret Manager checks payloads against', () => {
    const data = Buffer.from('123456789');
    expect(crc32c(data)).toBe(0xe3069283);
    expect(crc32c(Buffer.from('✓ value'))).toBe(standInCrc32c(Buffer.from('✓ value')));
  });

  describe('tokens', () => {
    it('gets a new token when the API rejects an expired one, and carries on', async () => {
      const dest = destination();
      const name = unique('AFTER_EXPIRY');
      await dest.put(name, 'one', false);
      gcp.expireAccessTokens();

      await dest.put(name, 'two', true);

      expect(gcp.secrets(PROJECT)[name]?.latest).toBe('two');
      expect(gcp.requests.map((r) => (r.auth ? 'token' : String(r.status)))).toEqual([
        'token',
        '200',
        '200',
        '401',
        'token',
        '200',
      ]);
    });

    it('reports a key the token endpoint refuses as UNAUTHORIZED', async () => {
      const other = new GcpSecretManagerStandIn();
      await other.start();
      try {
        // Signed with another service account's key: the stand-in cannot verify the assertion.
        const foreign = { ...other.serviceAccountKey(), token_uri: `${gcp.url}/token` };

        const err = await rejection(destination({}, foreign).list());

        expect(err).toMatchObject({ code: 'UNAUTHORIZED', retryable: false });
        expect(err.message).toContain('invalid_grant');
      } finally {
        await other.close();
      }
    });
  });

  describe('rate limits and failures', () => {
    it('backs off a 429 RESOURCE_EXHAUSTED (no Retry-After, as Google sends) and the value arrives', async () => {
      const name = unique('AFTER_429');
      gcp.rateLimitNext('429', { count: 2 });

      await destination().put(name, 'made it', false);

      expect(gcp.secrets(PROJECT)[name]?.latest).toBe('made it');
      expect(apiRequests().map((r) => r.status)).toEqual([429, 429, 200, 200]);
    });

    it('waits as a Retry-After says when one comes', async () => {
      const name = unique('RETRY_AFTER');
      gcp.rateLimitNext('429', { retryAfter: 1 });

      await destination().put(name, 'made it', false);

      expect(gcp.secrets(PROJECT)[name]?.latest).toBe('made it');
    });

    it('reports a 429 that outlasts the retries as a retryable RATE_LIMITED', async () => {
      gcp.rateLimitNext('429', { count: 3 });

      expect(await rejection(destination().list())).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    });

    it('surfaces a 5xx that outlasts its retries as a retryable UNAVAILABLE, without the value', async () => {
      const name = unique('DOWN');
      const value = canary('gcp-5xx');
      gcp.failNext(3, 503, { path: new RegExp(`${name}:addVersion$`) });

      const err = await rejection(destination().put(name, value, false));

      expect(err).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
      expect(err.message).toContain('UNAVAILABLE');
      expectNoValue(err, value);
      expect(apiRequests().filter((r) => r.path.endsWith(':addVersion'))).toHaveLength(3);
    });

    it('reports a project it may not use as FORBIDDEN', async () => {
      const dest = createDestination(
        'gcp',
        { service_account_key: gcp.serviceAccountKey(), base_url: gcp.url },
        { project: 'someone-elses' },
        fast(),
      );

      expect(await rejection(dest.list())).toMatchObject({ code: 'FORBIDDEN', retryable: false });
    });

    it('refuses a value over 64 KiB before sending anything', async () => {
      const err = await rejection(destination().put(unique('BIG'), 'x'.repeat(64 * 1024 + 1), false));

      expect(err).toMatchObject({ code: 'VALUE_TOO_LARGE' });
      expect(gcp.requests).toHaveLength(0);
    });
  });
});
