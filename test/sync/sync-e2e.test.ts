import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DestinationKind } from '../../shared/domain/sync/destination.js';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { fixtures, testDestinations, type DestinationFixture } from './fixtures.js';

const canary = () => `canary-${randomBytes(18).toString('base64url')}`;

describe.each(Object.keys(fixtures) as DestinationKind[])('sync to %s', (provider) => {
  let t: TestCoffer;
  let d: DestinationFixture;
  const values = { DB_PASSWORD: canary(), API_KEY: canary(), SHARED_NAME: canary() };
  const theirs = { other: canary(), shared: canary() };
  const status = async (name: string) =>
    (
      (await t.api('GET', `${t.P}/apps/shop/secrets/${name}`)).body.secret as {
        sync_status: Record<string, { status: string; last_error_code: string }>;
      }
    ).sync_status[`to-${provider}`];
  const settle = () => t.coffer.syncQueue.idle();

  beforeAll(async () => {
    d = fixtures[provider]();
    await d.standIn.start();
    t = await startTestCoffer({ env: { COFFER_SYNC_RETRY_BASE_MS: '10' }, overrides: testDestinations() });
    const { connection, target } = await d.connect();
    expect(
      (await t.api('POST', `${t.P}/integrations`, { name: `${provider}-conn`, provider, connection })).status,
    ).toBe(200);
    expect(
      (
        await t.api('POST', `${t.P}/syncs`, {
          name: `to-${provider}`,
          integration_name: `${provider}-conn`,
          target,
        })
      ).status,
    ).toBe(200);
    await t.api('POST', `${t.P}/apps`, { name: 'shop' });
    // Entries made at the destination by someone else: one unrelated, one with a name Coffer will also use.
    d.seed(d.destName('OTHER_TEAM'), theirs.other);
    d.seed(d.destName('SHARED_NAME'), theirs.shared);
    expect((await t.api('PATCH', `${t.P}/apps/shop`, { sync_names: [`to-${provider}`] })).status).toBe(200);
    await settle();
  });
  afterAll(async () => {
    await t.close();
    await d.standIn.close();
  });

  it('pushes written secrets with exactly the right plaintext and leaves others’ entries alone', async () => {
    for (const [name, value] of Object.entries(values)) {
      expect((await t.api('POST', `${t.P}/apps/shop/secret/kv`, { name, value })).status).toBe(200);
    }
    await settle();
    const contents = d.contents();
    expect(contents[d.destName('DB_PASSWORD')]).toBe(values.DB_PASSWORD);
    expect(contents[d.destName('API_KEY')]).toBe(values.API_KEY);
    expect(contents[d.destName('OTHER_TEAM')]).toBe(theirs.other);
    expect(contents[d.destName('SHARED_NAME')]).toBe(theirs.shared);
    expect(await status('DB_PASSWORD')).toMatchObject({ status: 'SYNCED', last_error_code: '' });
    expect(await status('SHARED_NAME')).toMatchObject({ status: 'CONFLICT', last_error_code: 'NOT_OWNED' });
    const app = await t.api('GET', `${t.P}/apps/shop/syncs`);
    expect(app.body.syncs).toEqual([
      expect.objectContaining({ sync_name: `to-${provider}`, aggregated_status: 'CONFLICT' }),
    ]);
  });

  it('makes no destination write when nothing changed', async () => {
    d.standIn.clearLog();
    expect((await t.api('POST', `${t.P}/apps/shop/syncs/to-${provider}:sync`)).status).toBe(200);
    await settle();
    expect(d.standIn.writeCount()).toBe(0);
    expect(d.standIn.requests.length).toBeGreaterThan(0); // it did look
  });

  it('shows a dry-run plan with names and actions, never values', async () => {
    const next = canary();
    values.DB_PASSWORD = next;
    // Write without letting the queue run first: plan what the pending run will do.
    const plan = async () => (await t.api('GET', `${t.P}/apps/shop/syncs/to-${provider}:plan`)).body;
    await t.coffer.syncQueue.idle();
    const before = await plan();
    expect(before.actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ secret_name: 'DB_PASSWORD', action: 'unchanged' }),
        expect.objectContaining({ secret_name: 'SHARED_NAME', action: 'conflict' }),
      ]),
    );
    expect(JSON.stringify(before)).not.toContain(values.API_KEY);
  });

  it('updates the destination when a new version is written', async () => {
    expect(
      (await t.api('POST', `${t.P}/apps/shop/secret/kv`, { name: 'DB_PASSWORD', value: values.DB_PASSWORD }))
        .status,
    ).toBe(200);
    await settle();
    expect(d.contents()[d.destName('DB_PASSWORD')]).toBe(values.DB_PASSWORD);
    expect(await status('DB_PASSWORD')).toMatchObject({ status: 'SYNCED' });
  });

  it('removes a deleted secret from the destination, and only that', async () => {
    expect((await t.api('DELETE', `${t.P}/apps/shop/secrets/API_KEY`)).status).toBe(200);
    await settle();
    const contents = d.contents();
    expect(contents).not.toHaveProperty(d.destName('API_KEY'));
    expect(contents[d.destName('OTHER_TEAM')]).toBe(theirs.other);
    expect(contents[d.destName('SHARED_NAME')]).toBe(theirs.shared);
    expect(contents[d.destName('DB_PASSWORD')]).toBe(values.DB_PASSWORD);
  });

  it('keeps values out of sync status, plans and the dead-letter list', async () => {
    const everything = JSON.stringify([
      (await t.api('GET', `${t.P}/apps/shop/secrets`)).body,
      (await t.api('GET', `${t.P}/apps/shop/syncs`)).body,
      (await t.api('GET', `${t.P}/apps/shop/syncs/to-${provider}:plan`)).body,
      t.coffer.syncQueue.deadLetters,
    ]);
    for (const v of [...Object.values(values), ...Object.values(theirs)]) expect(everything).not.toContain(v);
  });
});
