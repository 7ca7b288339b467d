import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';

/**
 * Counts what one API call costs in storage and key-service requests (the benchmark prices these).
 * Every request also writes its audit event: one PutItem, counted here too.
 */
describe('requests per operation', () => {
  let t: TestCoffer;
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
    t = await startTestCoffer();
    await t.api('POST', `${t.P}/apps`, { name: 'counted' });
    const secrets = Array.from({ length: 100 }, (_, i) => ({
      name: `SECRET_${String(i).padStart(3, '0')}`,
      value: `value-${i}`,
    }));
    const res = await t.api('POST', `${t.P}/apps/counted/secret/kv:batch`, { secrets });
    expect(res.status).toBe(200);
  });
  afterAll(() => t.close());

  it('opens one secret with one GetItem (plus its audit write) and no key-service call once warm', async () => {
    await t.api('GET', `${t.P}/apps/counted/secrets/SECRET_001:open`); // warms the grant cache
    const cost = await measure(async () => {
      const res = await t.api('GET', `${t.P}/apps/counted/secrets/SECRET_042:open`);
      expect(res.body.secret).toMatchObject({ static_version: { value: 'value-42' } });
    });
    expect(cost).toEqual({ dynamoRequests: 2, ops: { GetItemCommand: 1, PutItemCommand: 1 }, kmsCalls: 0 });
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

  it('asks the key service once after the cache is emptied, then not again', async () => {
    // A new process has an empty cache: restart and read twice.
    t = await t.restart();
    const first = await measure(() => t.api('GET', `${t.P}/apps/counted/secrets/SECRET_010:open`));
    const second = await measure(() => t.api('GET', `${t.P}/apps/counted/secrets/SECRET_011:open`));
    expect(first.kmsCalls).toBe(1);
    expect(second).toEqual({ dynamoRequests: 2, ops: { GetItemCommand: 1, PutItemCommand: 1 }, kmsCalls: 0 });
  });
});
