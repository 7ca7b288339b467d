import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DestinationKind } from '../../shared/domain/sync/destination.js';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { fixtures, testDestinations, type DestinationFixture } from './fixtures.js';

/** Builds a Coffer with one app connected to one destination. */
const connected = async (provider: DestinationKind) => {
  const d = fixtures[provider]();
  await d.standIn.start();
  const t = await startTestCoffer({
    env: { COFFER_SYNC_RETRY_BASE_MS: '10' },
    overrides: testDestinations(),
  });
  const { connection, target } = await d.connect();
  await t.api('POST', `${t.P}/integrations`, { name: 'conn', provider, connection });
  await t.api('POST', `${t.P}/syncs`, { name: 'dest', integration_name: 'conn', target });
  await t.api('POST', `${t.P}/apps`, { name: 'svc' });
  await t.api('PATCH', `${t.P}/apps/svc`, { sync_names: ['dest'] });
  await t.coffer.syncQueue.idle();
  return { t, d };
};

describe('sync resilience', () => {
  let t: TestCoffer;
  let d: DestinationFixture;
  afterEach(async () => {
    await t.close();
    await d.standIn.close();
  });

  describe.each([
    [
      'github',
      'secondary rate limit',
      (s: DestinationFixture) =>
        (s.standIn as unknown as { rateLimitNext(k: string, o: object): void }).rateLimitNext('secondary', {
          count: 2,
        }),
    ],
    [
      'github',
      'primary rate limit',
      (s: DestinationFixture) =>
        (s.standIn as unknown as { rateLimitNext(k: string, o: object): void }).rateLimitNext('primary', {
          count: 1,
        }),
    ],
    [
      'aws',
      'ThrottlingException',
      (s: DestinationFixture) =>
        (s.standIn as unknown as { rateLimitNext(k: string, o: object): void }).rateLimitNext('throttling', {
          count: 2,
        }),
    ],
    [
      'vercel',
      '429 with Retry-After',
      (s: DestinationFixture) => s.standIn.rateLimitNext(undefined, { count: 2 }),
    ],
    [
      'azure',
      '429 with Retry-After',
      (s: DestinationFixture) => s.standIn.rateLimitNext(undefined, { count: 2 }),
    ],
    [
      'gcp',
      '429 RESOURCE_EXHAUSTED',
      (s: DestinationFixture) => s.standIn.rateLimitNext(undefined, { count: 1 }),
    ],
  ] as const)('%s answering %s', (provider, _label, limit) => {
    beforeEach(async () => {
      ({ t, d } = await connected(provider));
    });

    it('waits it out and completes the sync', async () => {
      limit(d);
      expect(
        (await t.api('POST', `${t.P}/apps/svc/secret/kv`, { name: 'TOKEN', value: 'rate-limited-value-1' }))
          .status,
      ).toBe(200);
      await t.coffer.syncQueue.idle();
      expect(d.contents()[d.destName('TOKEN')]).toBe('rate-limited-value-1');
      expect(
        d.standIn.requests.some(
          (r) => r.status === 429 || r.status === 403 || (r.status === 400 && r.injected),
        ),
      ).toBe(true);
      expect(t.coffer.syncQueue.deadLetters).toEqual([]);
    });
  });

  describe('a destination that keeps failing', () => {
    beforeEach(async () => {
      ({ t, d } = await connected('github'));
    });

    it('marks secrets FAILED, parks the job in the dead-letter queue, and recovers on the next good run', async () => {
      d.standIn.failNext(10_000, 502);
      expect(
        (await t.api('POST', `${t.P}/apps/svc/secret/kv`, { name: 'TOKEN', value: 'failing-value-123' }))
          .status,
      ).toBe(200);
      await t.coffer.syncQueue.idle();
      const failed = (await t.api('GET', `${t.P}/apps/svc/secrets/TOKEN`)).body.secret as {
        sync_status: Record<string, { status: string; last_error_code: string }>;
      };
      expect(failed.sync_status.dest?.status).toBe('FAILED');
      expect(failed.sync_status.dest?.last_error_code).not.toBe('');
      expect(t.coffer.syncQueue.deadLetters).toEqual([
        expect.objectContaining({
          job: expect.objectContaining({ app: 'svc', sync: 'dest' }),
          attempts: 5,
          error: expect.stringMatching(/^SYNC_FAILED/),
        }),
      ]);
      expect(JSON.stringify(t.coffer.syncQueue.deadLetters)).not.toContain('failing-value-123');
      expect((await t.api('GET', `${t.P}/apps/svc/syncs`)).body.syncs).toEqual([
        expect.objectContaining({ aggregated_status: 'FAILED' }),
      ]);

      d.standIn.clearFaults();
      expect((await t.api('POST', `${t.P}/apps/svc/syncs/dest:sync`)).status).toBe(200);
      await t.coffer.syncQueue.idle();
      expect(d.contents()[d.destName('TOKEN')]).toBe('failing-value-123');
      const healed = (await t.api('GET', `${t.P}/apps/svc/secrets/TOKEN`)).body.secret as {
        sync_status: Record<string, { status: string }>;
      };
      expect(healed.sync_status.dest?.status).toBe('SYNCED');
      expect((await t.api('GET', `${t.P}/apps/svc/syncs`)).body.syncs).toEqual([
        expect.objectContaining({ aggregated_status: 'SYNCED' }),
      ]);
    });
  });
});
