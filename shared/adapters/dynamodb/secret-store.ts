import type { Page, PageRequest } from '../../domain/ports.js';
import type { ActorRef } from '../../domain/principal.js';
import type { SecretHead, VersionRecord } from '../../domain/records.js';
import type { AppScope } from '../../domain/scope.js';
import type { SecretStore } from '../../domain/stores.js';
import * as k from './keys.js';
import { Table, type Item } from './table.js';

/** Secret heads and version history, all in the app's own partition. */
export class DynamoSecretStore implements SecretStore {
  constructor(private readonly table: Table) {}

  async getHead(
    scope: AppScope,
    name: string,
    opts: { consistent?: boolean } = {},
  ): Promise<SecretHead | undefined> {
    const item = await this.table.get(k.appContentsPk(scope), k.headSk(name), opts.consistent);
    return item && toHead(item);
  }

  async getHeads(scope: AppScope, names: readonly string[]): Promise<SecretHead[]> {
    const pk = k.appContentsPk(scope);
    return (await this.table.batchGet(names.map((n) => ({ pk, sk: k.headSk(n) })))).map(toHead);
  }

  async listHeads(
    scope: AppScope,
    page: PageRequest,
    filter: { nameContains?: string } = {},
  ): Promise<Page<SecretHead>> {
    const pk = k.appContentsPk(scope);
    if (!filter.nameContains) {
      const out = await this.table.queryPage({
        pk,
        skPrefix: k.headSkPrefix,
        limit: page.limit,
        startSk: page.cursor,
        backward: page.backward,
        consistent: true,
      });
      return { items: out.items.map(toHead), ...Table.cursors(page, out.items, out.lastSk) };
    }
    // DynamoDB applies Limit before the filter, so keep reading until the page is full.
    const raw: Item[] = [];
    let start = page.cursor;
    do {
      const out = await this.table.queryPage({
        pk,
        skPrefix: k.headSkPrefix,
        limit: page.limit - raw.length,
        startSk: start,
        backward: page.backward,
        consistent: true,
        filter: {
          expression: 'contains(#n, :needle)',
          names: { '#n': 'name' },
          values: { ':needle': filter.nameContains },
        },
      });
      // Backwards, each later request reads items that lie before the earlier ones.
      if (page.backward) raw.unshift(...out.items);
      else raw.push(...out.items);
      start = out.lastSk;
    } while (start && raw.length < page.limit);
    return { items: raw.map(toHead), ...Table.cursors(page, raw, start) };
  }

  async hasSecrets(scope: AppScope): Promise<boolean> {
    const out = await this.table.queryPage({
      pk: k.appContentsPk(scope),
      skPrefix: k.headSkPrefix,
      limit: 1,
      consistent: true,
      keysOnly: true,
    });
    return out.items.length > 0;
  }

  async insertVersion(
    scope: AppScope,
    name: string,
    gen: string,
    record: VersionRecord,
  ): Promise<'inserted' | 'exists'> {
    const inserted = await this.table.put(
      {
        pk: k.appContentsPk(scope),
        sk: k.versionSk(name, gen, record.version),
        kind: 'version',
        name,
        gen,
        ...versionAttrs(record),
      },
      { expression: 'attribute_not_exists(pk)' },
    );
    return inserted ? 'inserted' : 'exists';
  }

  async getVersion(
    scope: AppScope,
    name: string,
    gen: string,
    version: number,
  ): Promise<VersionRecord | undefined> {
    const item = await this.table.get(k.appContentsPk(scope), k.versionSk(name, gen, version), true);
    return item && toVersion(item);
  }

  async listVersions(
    scope: AppScope,
    name: string,
    gen: string,
    page: PageRequest,
  ): Promise<Page<VersionRecord>> {
    const out = await this.table.queryPage({
      pk: k.appContentsPk(scope),
      skPrefix: k.versionSkPrefix(name, gen),
      limit: page.limit,
      startSk: page.cursor,
      backward: page.backward,
      consistent: true,
    });
    return { items: out.items.map(toVersion), ...Table.cursors(page, out.items, out.lastSk) };
  }

  async commitHead(
    scope: AppScope,
    head: SecretHead,
    expected: { gen: string; version: number } | 'absent',
  ): Promise<boolean> {
    return this.table.put(
      {
        pk: k.appContentsPk(scope),
        sk: k.headSk(head.name),
        kind: 'secret',
        name: head.name,
        gen: head.gen,
        version_count: head.versionCount,
        created_at: head.createdAt,
        created_by: head.createdBy,
        sync_status: head.syncStatus,
        ...versionAttrs(head.latest),
      },
      expected === 'absent'
        ? { expression: 'attribute_not_exists(pk)' }
        : {
            expression: '#gen = :g AND #version = :v',
            names: { '#gen': 'gen', '#version': 'version' },
            values: { ':g': expected.gen, ':v': expected.version },
          },
    );
  }

  async deleteHead(scope: AppScope, name: string, gen: string): Promise<boolean> {
    return this.table.delete(k.appContentsPk(scope), k.headSk(name), {
      expression: '#gen = :g',
      names: { '#gen': 'gen' },
      values: { ':g': gen },
    });
  }

  async deleteVersions(
    scope: AppScope,
    name: string,
    gen: string,
    versions: number[] | 'all',
  ): Promise<void> {
    const pk = k.appContentsPk(scope);
    if (versions !== 'all') {
      await this.table.deleteMany(versions.map((v) => ({ pk, sk: k.versionSk(name, gen, v) })));
      return;
    }
    await this.deleteWhere(pk, k.versionSkPrefix(name, gen));
  }

  async deleteAppContents(scope: AppScope): Promise<void> {
    await this.deleteWhere(k.appContentsPk(scope), '');
  }

  private async deleteWhere(pk: string, skPrefix: string): Promise<void> {
    let start: string | undefined;
    do {
      const out = await this.table.queryPage({
        pk,
        skPrefix,
        startSk: start,
        limit: 500,
        consistent: true,
        keysOnly: true,
      });
      await this.table.deleteMany(out.items.map((i) => ({ pk, sk: String(i.sk) })));
      start = out.lastSk;
    } while (start);
  }
}

const versionAttrs = (r: VersionRecord) => ({
  version: r.version,
  blob: r.blob,
  version_created_at: r.createdAt,
  version_created_by: r.createdBy,
});

const toVersion = (i: Item): VersionRecord => ({
  version: Number(i.version),
  createdAt: String(i.version_created_at),
  createdBy: i.version_created_by as ActorRef,
  blob: Buffer.from(i.blob as Uint8Array),
});

const toHead = (i: Item): SecretHead => ({
  name: String(i.name),
  gen: String(i.gen),
  latest: toVersion(i),
  versionCount: Number(i.version_count),
  createdAt: String(i.created_at),
  createdBy: i.created_by as ActorRef,
  ...(i.sync_status ? { syncStatus: i.sync_status as SecretHead['syncStatus'] } : {}),
});
