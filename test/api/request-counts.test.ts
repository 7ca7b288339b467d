import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';

/**
 * Counts what one API call costs in storage and key-service requests (the benchmark prices these).
 * Every request also writes its audit event: one PutItem, counted here too.
 */
describe('requests per operation', () => {
  let t: TestCoffer;
  /** `start X` / `end X` for every DynamoDB request, in the order the SDK saw them. */
  const trace: string[] = [];
  const traced = async (call: () => Promise<unknown>) => {
    const from = trace.length;
    await call();
    return trace.slice(from);
  };
  /** Round trips one after the other: requests that start while none is in flight. */
  const sequential = (order: string[]) => {
    let inFlight = 0;
    let waves = 0;
    for (const step of order) {
      if (step.startsWith('start')) {
        if (inFlight === 0) waves++;
        inFlight++;
      } else inFlight--;
    }
    return waves;
  };
  const measure = async (call: () => Promise<unknown>) => {
    const dynamo = { ...t.coffer.dynamoStats, byOperation: { ...t.coffer.dynamoStats.byOperation } };
    const keys = { ...t.coffer.services.dataKeys.stats };
    await call();
    const after = t.coffer.dynamoStats;
    const ops = Object.fromEntries(
      Object.entries(after.byOperation)
        .map(([op, n]) => [op, n - (dynamo.byOperation[op] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    );
    return {
      dynamoRequests: after.requests - dynamo.requests,
      ops,
      kmsCalls:
        t.coffer.services.dataKeys.stats.decrypt -
        keys.decrypt +
        t.coffer.services.dataKeys.stats.generate -
        keys.generate,
    };
  };

  beforeAll(async () => {
    t = await startTestCoffer({
      // Counts are of warm requests: a slow machine must not expire the grant cache between tests.
      env: { COFFER_POLICY_CACHE_SECONDS: '300' },
      overrides: (table) => {
        table.client.use(async ({ operation }, next) => {
          trace.push(`start ${operation}Command`);
          try {
            return await next();
          } finally {
            trace.push(`end ${operation}Command`);
          }
        });
        return {};
      },
    });
    await t.api('POST', `${t.P}/apps`, { name: 'counted' });
    const secrets = Array.from({ length: 100 }, (_, i) => ({
      name: `SECRET_${String(i).padStart(3, '0')}`,
      value: `value-${i}`,
    }));
    const res = await t.api('POST', `${t.P}/apps/counted/secret/kv:batch`, { secrets });
    expect(res.status).toBe(200);
  });
  afterAll(() => t.close());

  it('opens one secret warm with one GetItem and its audit PutItem in flight together, no KMS call, no signature check', async () => {
    await t.api('GET', `${t.P}/apps/counted/secrets/SECRET_001:open`); // warms the grant and token caches
    const verify = vi.spyOn(t.coffer.services.tokens, 'verify');
    let order: string[] = [];
    const cost = await measure(async () => {
      order = await traced(async () => {
        const res = await t.api('GET', `${t.P}/apps/counted/secrets/SECRET_042:open`);
        expect(res.body.secret).toMatchObject({ static_version: { value: 'value-42' } });
      });
    });
    verify.mockRestore();
    expect(cost).toEqual({ dynamoRequests: 2, ops: { GetItemCommand: 1, PutItemCommand: 1 }, kmsCalls: 0 });
    // Both requests started before either finished: the reader waits for one round trip.
    expect(order.slice(0, 2).sort()).toEqual(['start GetItemCommand', 'start PutItemCommand']);
    expect(verify).not.toHaveBeenCalled();
  });

  it('records the true outcome of a reveal that fails, on the same single event', async () => {
    const res = await t.api('GET', `${t.P}/apps/counted/secrets/NO_SUCH_SECRET:open`, undefined, {
      'x-request-id': 'open-missing-1',
    });
    expect(res.status).toBe(404);
    const events = (await t.auditEvents()).filter((e) => e.request_id === 'open-missing-1');
    expect(events).toEqual([
      expect.objectContaining({ operation: 'OpenAppSecret', outcome: 404, error_code: 'SECRET_NOT_FOUND' }),
    ]);
  });

  it('answers a repeated caller-identity call from the grant cache: only its audit write reaches the table', async () => {
    // Issue 15: uncached, each call reads the principal's record on its organization's partition.
    const first = await measure(() => t.api('GET', '/iam/2019-12-10/caller-identity'));
    const again = await measure(async () => {
      const res = await t.api('GET', '/iam/2019-12-10/caller-identity');
      expect(res.body.principal).toMatchObject({
        type: 'PRINCIPAL_TYPE_SERVICE',
        service: { name: 'bootstrap-admin' },
      });
    });
    expect(first.ops.GetItemCommand).toBe(1);
    expect(again).toEqual({ dynamoRequests: 1, ops: { PutItemCommand: 1 }, kmsCalls: 0 });
  });

  it('opens all 100 secrets of an app with one Query', async () => {
    const cost = await measure(async () => {
      const res = await t.api('GET', `${t.P}/apps/counted/secrets:open`);
      expect(res.body.secrets as unknown[]).toHaveLength(100);
    });
    expect(cost).toEqual({ dynamoRequests: 2, ops: { QueryCommand: 1, PutItemCommand: 1 }, kmsCalls: 0 });
  });

  it('reads all 100 secrets through the Vault API with the same one Query as secrets:open', async () => {
    const h = { 'x-vault-token': t.token };
    await t.api('GET', '/v1/secret/data/counted', undefined, h); // warms the namespace cache
    const cost = await measure(async () => {
      const res = await t.api('GET', '/v1/secret/data/counted', undefined, h);
      expect(Object.keys((res.body.data as { data: object }).data)).toHaveLength(100);
    });
    expect(cost).toEqual({ dynamoRequests: 2, ops: { QueryCommand: 1, PutItemCommand: 1 }, kmsCalls: 0 });
  });

  it('lists metadata with one Query and never touches the key service', async () => {
    const cost = await measure(() => t.api('GET', `${t.P}/apps/counted/secrets`));
    expect(cost).toEqual({ dynamoRequests: 2, ops: { QueryCommand: 1, PutItemCommand: 1 }, kmsCalls: 0 });
  });

  it('writes a new version with two reads, the revision claim, two conditional writes and the audit write', async () => {
    const cost = await measure(() =>
      t.api('POST', `${t.P}/apps/counted/secret/kv`, { name: 'SECRET_007', value: 'v2' }),
    );
    expect(cost).toEqual({
      dynamoRequests: 6,
      ops: { GetItemCommand: 2, PutItemCommand: 3, UpdateItemCommand: 1 },
      kmsCalls: 0,
    });
  });

  it('claims the app revision in the same round trip as the app check and the head read', async () => {
    const order = await traced(async () => {
      const res = await t.api('POST', `${t.P}/apps/counted/secret/kv`, { name: 'SECRET_009', value: 'v2' });
      expect(res.status).toBe(200);
    });
    const firstWave = order.slice(
      0,
      order.findIndex((s) => s.startsWith('end')),
    );
    expect(firstWave.sort()).toEqual([
      'start GetItemCommand',
      'start GetItemCommand',
      'start UpdateItemCommand',
    ]);
  });

  it.each([
    ['a missing app', 'no-such-app', 404],
    ['a missing app, with a batch', 'no-such-app-2', 404],
  ])('leaves no item behind for a write to %s', async (label, app, status) => {
    const res = label.endsWith('batch')
      ? await t.api('POST', `${t.P}/apps/${app}/secret/kv:batch`, { secrets: [{ name: 'K', value: 'v' }] })
      : await t.api('POST', `${t.P}/apps/${app}/secret/kv`, { name: 'K', value: 'v' });
    expect(res.status).toBe(status);
    expect((await t.rawItems()).filter((i) => String(i.pk).includes(`#A#${app}`))).toEqual([]);
  });

  it.each([
    // app check, revision claim and head read together, version insert, head commit, audit event
    [
      'a new version of a secret',
      () => t.api('POST', `${t.P}/apps/counted/secret/kv`, { name: 'SECRET_008', value: 'v2' }),
      4,
    ],
    // the existence check (a refused batch must not claim a revision), the app check and revision
    // claim, the 10 secrets in parallel, the count, the audit event
    [
      'a batch of 10 new secrets',
      () =>
        t.api('POST', `${t.P}/apps/counted/secret/kv:batch`, {
          secrets: Array.from({ length: 10 }, (_, i) => ({ name: `NEW_${i}`, value: `new-${i}` })),
        }),
      6,
    ],
  ])('writes %s in few sequential round trips', async (_label, call, most) => {
    const order = await traced(async () => expect((await call()).status).toBe(200));
    expect(sequential(order)).toBeLessThanOrEqual(most);
  });

  it('asks the key service once after the cache is emptied, then not again', async () => {
    // A new process has an empty cache: restart and read twice.
    t = await t.restart();
    const first = await measure(() => t.api('GET', `${t.P}/apps/counted/secrets/SECRET_010:open`));
    const second = await measure(() => t.api('GET', `${t.P}/apps/counted/secrets/SECRET_011:open`));
    expect(first.kmsCalls).toBe(1);
    expect(second).toEqual({ dynamoRequests: 2, ops: { GetItemCommand: 1, PutItemCommand: 1 }, kmsCalls: 0 });
  });
});
