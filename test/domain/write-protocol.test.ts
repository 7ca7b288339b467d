import type { SyncStore } from '../../shared/domain/sync/sync-store.js';
import { randomBytes } from 'node:crypto';
import { connectDynamo } from '../../shared/adapters/dynamodb/connect.js';
import type { DynamoHttpClient } from '../../shared/adapters/dynamodb/http-client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAppStore } from '../../shared/adapters/dynamodb/app-store.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { DynamoSecretStore } from '../../shared/adapters/dynamodb/secret-store.js';
import { Table } from '../../shared/adapters/dynamodb/table.js';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../../shared/adapters/local/embedded-dynamo.js';
import { LocalKeyring } from '../../shared/adapters/local/local-keyring.js';
import { createApp } from '../../shared/domain/apps/manage-apps.js';
import { DynamoSyncStore } from '../../shared/adapters/dynamodb/sync-store.js';
import { DataKeyCache } from '../../shared/domain/crypto/data-key-cache.js';
import { DataKeys } from '../../shared/domain/crypto/data-keys.js';
import { sealValue } from '../../shared/domain/crypto/envelope.js';
import {
  listVersions,
  openHead,
  openVersionRecord,
  getSecret,
} from '../../shared/domain/secrets/read-secrets.js';
import { prepareWrite, writeSecret } from '../../shared/domain/secrets/write-secret.js';
import { readAppMap, readAppMapAt } from '../../shared/domain/secrets/app-map.js';
import { appScope, projectScope, unsafeOrgScope } from '../../shared/domain/scope.js';
import type { DirectoryStore } from '../../shared/domain/stores.js';

/** The secret write protocol against the embedded DynamoDB-compatible server, including crashes. */
describe('secret write protocol', () => {
  let dynamo: EmbeddedDynamo;
  let client: DynamoHttpClient;
  const actor = { name: 'tester', type: 'SERVICE' as const };
  const scope = appScope(projectScope(unsafeOrgScope('org-1'), 'proj-1'), 'crashy');
  let deps: Parameters<typeof writeSecret>[0] & { secrets: DynamoSecretStore; apps: DynamoAppStore };

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamo();
    client = connectDynamo({
      endpoint: dynamo.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    await ensureTable(client, 'coffer');
    const table = new Table(client, 'coffer');
    deps = {
      apps: new DynamoAppStore(table),
      secrets: new DynamoSecretStore(table),
      dataKeys: new DataKeys(LocalKeyring.fromBytes(randomBytes(32)), new DataKeyCache()),
      clock: { now: () => new Date('2026-11-26T12:00:00Z') },
      sleep: async () => undefined,
    };
    const directory = { getProject: async () => ({ id: 'proj-1' }) } as unknown as DirectoryStore;
    await createApp(
      { ...deps, directory, syncs: new DynamoSyncStore(table) },
      scope,
      { description: '' },
      actor,
    );
  });
  afterAll(async () => {
    client.destroy();
    await dynamo.close();
  });

  it('rolls forward a version whose writer died before publishing it, leaving no gap', async () => {
    await writeSecret(deps, scope, { name: 'DB', value: 'v1' }, actor);
    const head = await getSecret(deps, scope, 'DB');
    // A writer inserts version 2 and dies before replacing the head.
    const { key, revision } = await prepareWrite(deps, scope);
    const orphan = {
      version: 2,
      revision,
      createdAt: 'x',
      createdBy: actor,
      blob: sealValue(key, { ...scope, secret: 'DB', version: 2 }, 'v2-from-dead-writer'),
    };
    expect(await deps.secrets.insertVersion(scope, 'DB', head.gen, orphan)).toBe('inserted');
    // Readers still see version 1: readable state.
    expect((await openHead(deps.dataKeys, scope, await getSecret(deps, scope, 'DB'))).latest.value).toBe(
      'v1',
    );

    const written = await writeSecret(deps, scope, { name: 'DB', value: 'v3' }, actor);
    expect(written.latest.version).toBe(3);
    const history = await listVersions(deps, scope, 'DB', { limit: 10 });
    const opened = await Promise.all(
      history.items.map((v) => openVersionRecord(deps.dataKeys, scope, 'DB', v)),
    );
    expect(opened.map((v) => [v.version, v.value])).toEqual([
      [1, 'v1'],
      [2, 'v2-from-dead-writer'],
      [3, 'v3'],
    ]);
  });

  it('never lets a dead incarnation’s versions resurface after delete and re-create', async () => {
    await writeSecret(deps, scope, { name: 'GONE', value: 'old' }, actor);
    const old = await getSecret(deps, scope, 'GONE');
    expect(await deps.secrets.deleteHead(scope, 'GONE', old.gen)).toBe(true);
    // Crash before the history was cleaned: old version items remain in the table.
    const fresh = await writeSecret(deps, scope, { name: 'GONE', value: 'new' }, actor);
    expect(fresh.gen).not.toBe(old.gen);
    const history = await listVersions(deps, scope, 'GONE', { limit: 10 });
    const opened = await Promise.all(
      history.items.map((v) => openVersionRecord(deps.dataKeys, scope, 'GONE', v)),
    );
    expect(opened.map((v) => v.value)).toEqual(['new']);
  });

  it('prunes versions beyond the app’s limit', async () => {
    for (let i = 1; i <= 53; i++) await writeSecret(deps, scope, { name: 'ROTATED', value: `v${i}` }, actor);
    const history = await listVersions(deps, scope, 'ROTATED', { limit: 100 });
    expect(history.items.map((v) => v.version)).toEqual(Array.from({ length: 50 }, (_, i) => i + 4));
    expect((await getSecret(deps, scope, 'ROTATED')).versionCount).toBe(50);
  });

  it('leaves a readable map when a writer dies after claiming a revision: the revision changed nothing', async () => {
    const revScope = appScope(projectScope(unsafeOrgScope('org-1'), 'proj-1'), 'revisions');
    const directory = { getProject: async () => ({ id: 'proj-1' }) } as unknown as DirectoryStore;
    await createApp(
      { ...deps, directory, syncs: {} as unknown as SyncStore },
      revScope,
      { description: '' },
      actor,
    );
    await writeSecret(deps, revScope, { name: 'KEPT', value: 'kept-1' }, actor);
    // A writer claims the next revision and dies before writing anything.
    const { revision } = await prepareWrite(deps, revScope);
    expect(revision).toBe(2);
    const now = await readAppMap(deps, revScope);
    expect([now.revision, now.data]).toEqual([2, { KEPT: 'kept-1' }]);
    expect((await readAppMapAt(deps, revScope, 2)).data).toEqual({ KEPT: 'kept-1' });
    // The next writer carries on from there.
    await writeSecret(deps, revScope, { name: 'KEPT', value: 'kept-3' }, actor);
    expect((await readAppMapAt(deps, revScope, 1)).data).toEqual({ KEPT: 'kept-1' });
    expect((await readAppMap(deps, revScope)).data).toEqual({ KEPT: 'kept-3' });
  });
});
