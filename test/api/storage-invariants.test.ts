import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCoffer } from '../../functions/local/runtime.js';
import { parseLocalConfig } from '../../shared/config.js';
import { startTestCoffer, type Tenant, type TestCoffer } from '../helpers/coffer.js';

const filesUnder = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    out.push(...(entry.isDirectory() ? await filesUnder(p) : [p]));
  }
  return out;
};

const filesContaining = async (dir: string, needle: string) => {
  const hits: string[] = [];
  for (const f of await filesUnder(dir)) if ((await readFile(f)).includes(Buffer.from(needle))) hits.push(f);
  return hits;
};

const headKey = (tenant: Tenant, app: string, name: string) => ({
  pk: { S: `O#${tenant.org}#P#${tenant.project}#A#${app}` },
  sk: { S: `S#${name}` },
});

describe('what the store holds', () => {
  let t: TestCoffer;
  let other: Tenant;
  beforeAll(async () => {
    t = await startTestCoffer();
    other = await t.newTenant('acme');
    for (const tenant of [t, other]) {
      await tenant.api('POST', `${tenant.P}/apps`, { name: 'app-one' });
      await tenant.api('POST', `${tenant.P}/apps`, { name: 'app-two' });
    }
  });
  afterAll(() => t.close());

  it('never holds a plaintext value, in the table or in any file under the data directory', async () => {
    const canary = `canary-${randomBytes(24).toString('base64url')}`;
    const control = `control-${randomBytes(24).toString('base64url')}`;
    await t.api('POST', `${t.P}/apps/app-one/secret/kv`, { name: 'CANARY', value: canary });
    await t.api('POST', `${t.P}/apps/app-one/secret/kv`, { name: 'CANARY', value: `${canary}-v2` });
    // Positive control: an app description is stored as text, so this search does find stored text.
    await t.api('POST', `${t.P}/apps`, { name: 'control', description: control });

    const items = JSON.stringify(await t.rawItems(), (_k, v: unknown) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
    );
    expect(items).toContain(control);
    expect(items).not.toContain(canary);
    expect(await filesContaining(t.dataDir, control)).not.toEqual([]);
    expect(await filesContaining(t.dataDir, canary)).toEqual([]);
  });

  describe('a ciphertext moved anywhere else fails to open with an integrity error', () => {
    const plant = async (
      from: Tenant,
      fromApp: string,
      fromName: string,
      to: Tenant,
      toApp: string,
      toName: string,
      version?: number,
    ) => {
      const src = await t
        .rawClient()
        .send(new GetItemCommand({ TableName: 'coffer', Key: headKey(from, fromApp, fromName) }));
      const blob = src.Item?.blob?.B;
      expect(blob).toBeInstanceOf(Uint8Array);
      const key =
        version === undefined
          ? headKey(to, toApp, toName)
          : { pk: headKey(to, toApp, toName).pk, sk: { S: await versionSk(to, toApp, toName, version) } };
      await t.rawClient().send(
        new UpdateItemCommand({
          TableName: 'coffer',
          Key: key,
          UpdateExpression: 'SET #b = :b',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#b': 'blob' },
          ExpressionAttributeValues: { ':b': { B: blob as Uint8Array } },
        }),
      );
    };
    const versionSk = async (tenant: Tenant, app: string, name: string, version: number) => {
      const head = await t
        .rawClient()
        .send(new GetItemCommand({ TableName: 'coffer', Key: headKey(tenant, app, name) }));
      return `V#${name}#${head.Item?.gen?.S}#${String(version).padStart(10, '0')}`;
    };

    beforeAll(async () => {
      for (const tenant of [t, other]) {
        for (const app of ['app-one', 'app-two']) {
          for (const name of ['SOURCE', 'TARGET']) {
            await tenant.api('POST', `${tenant.P}/apps/${app}/secret/kv`, {
              name,
              value: `${name}-${app}-v1`,
            });
            await tenant.api('POST', `${tenant.P}/apps/${app}/secret/kv`, {
              name,
              value: `${name}-${app}-v2`,
            });
          }
        }
      }
    });

    it.each([
      ['another secret of the same app', 'same', 'app-one', 'TARGET', undefined],
      ['another version of the same secret', 'same', 'app-one', 'SOURCE', 1],
      ['another app of the same organization', 'same', 'app-two', 'SOURCE', undefined],
      ['another organization', 'other', 'app-one', 'SOURCE', undefined],
    ] as const)('onto %s', async (_label, where, app, name, version) => {
      const target = where === 'same' ? t : other;
      await plant(t, 'app-one', 'SOURCE', target, app, name, version);
      const path =
        version === undefined
          ? `/apps/${app}/secrets/${name}:open`
          : `/apps/${app}/secrets/${name}/versions/${version}:open`;
      const res = await target.api('GET', `${target.P}${path}`);
      expect(res.status).toBe(500);
      expect(res.body.code).toBe(15);
      expect(JSON.stringify(res.body)).not.toContain('SOURCE-app-one');
    });
  });

  it('gives 50 concurrent writers to one secret versions 1..50 with no gap and no lost value', async () => {
    await t.api('POST', `${t.P}/apps`, { name: 'race' });
    const values = Array.from({ length: 50 }, (_, i) => `value-${i}`);
    const results = await Promise.all(
      values.map((value) => t.api('POST', `${t.P}/apps/race/secret/kv`, { name: 'HOT', value })),
    );
    expect(results.map((r) => r.status)).toEqual(values.map(() => 200));
    expect(
      results.map((r) => (r.body.secret as { latest_version: number }).latest_version).sort((a, b) => a - b),
    ).toEqual(values.map((_, i) => i + 1));
    const versions = await t.api(
      'GET',
      `${t.P}/apps/race/secrets/HOT/versions:open?pagination.page_size=100`,
    );
    const history = (versions.body.static_versions as { versions: { version: number; value: string }[] })
      .versions;
    expect(history.map((v) => v.version)).toEqual(values.map((_, i) => i + 1));
    expect(history.map((v) => v.value).sort()).toEqual([...values].sort());
  });

  it('lets exactly one of two writers with the same expected_version win', async () => {
    await t.api('POST', `${t.P}/apps/race/secret/kv`, { name: 'CAS_RACE', value: 'base' });
    const [a, b] = await Promise.all(
      ['a', 'b'].map((value) =>
        t.api('POST', `${t.P}/apps/race/secret/kv`, { name: 'CAS_RACE', value, expected_version: '1' }),
      ),
    );
    expect([a?.status, b?.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r?.status === 409)?.body.code).toBe(10);
    const versions = await t.api('GET', `${t.P}/apps/race/secrets/CAS_RACE/versions`);
    expect((versions.body.static_versions as { versions: unknown[] }).versions).toHaveLength(2);
  });

  it('keeps everything across a restart on the same data directory', async () => {
    await t.api('POST', `${t.P}/apps`, { name: 'durable' });
    await t.api('POST', `${t.P}/apps/durable/secret/kv`, { name: 'KEEP', value: 'still-here' });
    t = await t.restart();
    const res = await t.api('GET', `${t.P}/apps/durable/secrets/KEEP:open`);
    expect(res.body.secret).toMatchObject({ static_version: { value: 'still-here' } });
    const orgs = await t.api('GET', '/resource-manager/2019-12-10/organizations');
    expect(orgs.body.organizations).toHaveLength(1);
  });
});

describe('start-up with a damaged master key', () => {
  it.each([
    ['truncated', (k: Buffer) => k.subarray(0, 31)],
    ['empty', () => Buffer.alloc(0)],
    ['too long', (k: Buffer) => Buffer.concat([k, Buffer.from('\n')])],
  ])('refuses to start when the key file is %s', async (_label, damage) => {
    const t = await startTestCoffer();
    await t.close({ keepData: true });
    const path = join(t.dataDir, 'master.key');
    await writeFile(path, damage(await readFile(path)));
    await expect(
      startLocalCoffer(
        parseLocalConfig({ COFFER_DATA_DIR: t.dataDir, PORT: '0', COFFER_LOG_LEVEL: 'silent' }),
      ),
    ).rejects.toThrow(/master\.key is \d+ bytes; a Coffer master key is exactly 32 bytes/);
  });

  it('refuses to open values when the key file was replaced by another valid key', async () => {
    const first = await startTestCoffer();
    await first.api('POST', `${first.P}/apps`, { name: 'keyed' });
    await first.api('POST', `${first.P}/apps/keyed/secret/kv`, { name: 'K', value: 'v' });
    await first.close({ keepData: true });
    await writeFile(join(first.dataDir, 'master.key'), randomBytes(32));
    const t = await startTestCoffer({ dataDir: first.dataDir });
    const res = await t.api('GET', `${t.P}/apps/keyed/secrets/K:open`);
    expect(res.status).toBe(500);
    expect(res.body.code).toBe(15);
    await t.close();
  });
});
