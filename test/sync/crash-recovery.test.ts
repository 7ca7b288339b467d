import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appScope, projectScope, unsafeOrgScope } from '../../shared/domain/scope.js';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { fixtures, testDestinations, type DestinationFixture } from './fixtures.js';

/**
 * A worker can die anywhere. Coffer claims an entry ("pending") before creating it, so a create that
 * the destination accepted but Coffer never recorded is recognised as Coffer's on the next run, not
 * reported as someone else's.
 */
describe('a sync job that died mid-way', () => {
  let t: TestCoffer;
  let d: DestinationFixture;
  let link: { connection: Record<string, unknown>; target: Record<string, unknown> };
  beforeAll(async () => {
    d = fixtures.github();
    await d.standIn.start();
    t = await startTestCoffer({ env: { COFFER_SYNC_RETRY_BASE_MS: '10' }, overrides: testDestinations() });
    link = await d.connect();
    const { connection, target } = link;
    expect(
      (await t.api('POST', `${t.P}/integrations`, { name: 'gh-conn', provider: 'github', connection }))
        .status,
    ).toBe(200);
    expect(
      (await t.api('POST', `${t.P}/syncs`, { name: 'to-gh', integration_name: 'gh-conn', target })).status,
    ).toBe(200);
    await t.api('POST', `${t.P}/apps`, { name: 'svc' });
  });
  afterAll(async () => {
    await t.close();
    await d.standIn.close();
  });

  it('is repaired by the next run: the claimed entry is Coffer’s, updated, and reported SYNCED', async () => {
    await t.api('POST', `${t.P}/apps/svc/secret/kv`, { name: 'TOKEN', value: 'value-before-crash' });
    const scope = appScope(projectScope(unsafeOrgScope(t.org), t.project), 'svc');
    const head = await t.coffer.services.secrets.getHead(scope, 'TOKEN');
    // What a worker that died right after the destination accepted the create leaves behind:
    await t.coffer.services.syncs.putEntryState(scope, 'to-gh', {
      secretName: 'TOKEN',
      destName: 'TOKEN',
      owned: 'pending',
      hash: '',
      version: head?.latest.version ?? 1,
      status: 'PENDING',
      lastErrorCode: '',
      updatedAt: new Date().toISOString(),
    });
    await t.coffer.services
      .destinations('github', link.connection, link.target)
      .put('TOKEN', 'value-before-crash', false);

    expect((await t.api('PATCH', `${t.P}/apps/svc`, { sync_names: ['to-gh'] })).status).toBe(200);
    await t.coffer.syncQueue.idle();
    const secret = (await t.api('GET', `${t.P}/apps/svc/secrets/TOKEN`)).body.secret as {
      sync_status: Record<string, { status: string }>;
    };
    expect(secret.sync_status['to-gh']?.status).toBe('SYNCED');
    expect(d.contents().TOKEN).toBe('value-before-crash');
    expect(t.coffer.syncQueue.deadLetters).toEqual([]);

    // And from then on it is an ordinary owned entry: a re-run writes nothing.
    d.standIn.clearLog();
    await t.api('POST', `${t.P}/apps/svc/syncs/to-gh:sync`);
    await t.coffer.syncQueue.idle();
    expect(d.standIn.writeCount()).toBe(0);
  });

  it('treats a claim whose create never reached the destination as not created', async () => {
    const scope = appScope(projectScope(unsafeOrgScope(t.org), t.project), 'svc');
    // A worker claimed LOST and died before the destination saw the create.
    await t.coffer.services.syncs.putEntryState(scope, 'to-gh', {
      secretName: 'LOST',
      destName: 'LOST',
      owned: 'pending',
      hash: '',
      version: 1,
      status: 'PENDING',
      lastErrorCode: '',
      updatedAt: new Date().toISOString(),
    });
    await t.api('POST', `${t.P}/apps/svc/secret/kv`, { name: 'LOST', value: 'never-arrived-123' });
    await t.coffer.syncQueue.idle();
    expect(d.contents().LOST).toBe('never-arrived-123');
    const secret = (await t.api('GET', `${t.P}/apps/svc/secrets/LOST`)).body.secret as {
      sync_status: Record<string, { status: string }>;
    };
    expect(secret.sync_status['to-gh']?.status).toBe('SYNCED');
  });
});
