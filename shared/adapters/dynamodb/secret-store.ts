import type { Page, PageRequest } from '../../domain/ports.js';
import type { ActorRef } from '../../domain/principal.js';
import type { AppRevisionState, SecretHead, Tombstone, VersionRecord } from '../../domain/records.js';
import type { AppScope } from '../../domain/scope.js';
import type { RevisionClaim, SecretStore } from '../../domain/stores.js';
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
        created_rev: head.createdRevision,
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

  async claimRevision(scope: AppScope, claim: RevisionClaim): Promise<number | undefined> {
    // Every SET operand reads the item as it was, so each tombstone gets the new revision too.
    const sets = ['#rev = if_not_exists(#rev, :zero) + :one', '#at = :at'];
    const names: Record<string, string> = { '#rev': 'rev', '#at': 'at' };
    (claim.deleted ?? []).forEach((d, i) => {
      names[`#d${i}`] = tombstoneAttr(d.name, d.createdRevision);
      sets.push(`#d${i} = if_not_exists(#rev, :zero) + :one`);
    });
    const values: Item = { ':zero': 0, ':one': 1, ':at': claim.at };
    const conditions: string[] = [];
    if (claim.existingOnly) conditions.push('attribute_exists(#rev)');
    if (claim.expected !== undefined) {
      values[':expected'] = claim.expected;
      conditions.push(
        claim.expected === 0 ? '(attribute_not_exists(#rev) OR #rev = :expected)' : '#rev = :expected',
      );
    }
    const condition = conditions.length > 0 ? conditions.join(' AND ') : undefined;
    const item = await this.table.update(k.appContentsPk(scope), k.REVISION_SK, {
      expression: `SET ${sets.join(', ')}`,
      condition,
      names,
      values,
    });
    return item && Number(item.rev);
  }

  async readCurrent(scope: AppScope): Promise<{ state: AppRevisionState; heads: SecretHead[] }> {
    const items = await this.readRange(scope, k.HEADS_END);
    return {
      state: toRevisionState(items.find((i) => i.sk === k.REVISION_SK)),
      heads: items.filter((i) => i.kind === 'secret').map(toHead),
    };
  }

  async readHistory(scope: AppScope) {
    const items = await this.readRange(scope, k.VERSIONS_END);
    return {
      state: toRevisionState(items.find((i) => i.sk === k.REVISION_SK)),
      heads: items.filter((i) => i.kind === 'secret').map(toHead),
      versions: items
        .filter((i) => i.kind === 'version')
        .map((i) => ({ name: String(i.name), gen: String(i.gen), record: toVersion(i) })),
    };
  }

  async setAppMetadata(
    scope: AppScope,
    meta: { customMetadata?: Readonly<Record<string, string>>; casRequired?: boolean },
  ): Promise<void> {
    const sets: string[] = [];
    const names: Record<string, string> = {};
    const values: Item = {};
    if (meta.customMetadata !== undefined) {
      sets.push('#cm = :cm');
      names['#cm'] = 'custom_metadata';
      values[':cm'] = meta.customMetadata;
    }
    if (meta.casRequired !== undefined) {
      sets.push('#cas = :cas');
      names['#cas'] = 'cas_required';
      values[':cas'] = meta.casRequired;
    }
    if (sets.length === 0) return;
    await this.table.update(k.appContentsPk(scope), k.REVISION_SK, {
      expression: `SET ${sets.join(', ')}`,
      names,
      values,
    });
  }

  /** Every item from the revision item up to `end`, strongly consistent, all pages. */
  private async readRange(scope: AppScope, end: string): Promise<Item[]> {
    const pk = k.appContentsPk(scope);
    const items: Item[] = [];
    let start: string | undefined;
    do {
      const out = await this.table.queryRaw({
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        values: { ':pk': pk, ':from': k.REVISION_SK, ':to': end },
        ConsistentRead: true,
        startKey: start === undefined ? undefined : { pk, sk: start },
      });
      items.push(...out.items);
      start = out.lastSk;
    } while (start);
    return items;
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

/** A tombstone is one attribute of the revision item: `d#{created revision}#{name}` = deleted revision. */
const TOMBSTONE = /^d#(\d+)#(.+)$/;
const tombstoneAttr = (name: string, createdRevision: number) => `d#${createdRevision}#${name}`;

const toRevisionState = (i: Item | undefined): AppRevisionState => {
  if (!i) return { revision: 0, tombstones: [] };
  const tombstones: Tombstone[] = [];
  for (const [attr, v] of Object.entries(i)) {
    const m = TOMBSTONE.exec(attr);
    if (m)
      tombstones.push({ name: m[2] as string, createdRevision: Number(m[1]), deletedRevision: Number(v) });
  }
  return {
    revision: Number(i.rev ?? 0),
    ...(i.at ? { revisedAt: String(i.at) } : {}),
    tombstones,
    ...(i.custom_metadata ? { customMetadata: i.custom_metadata as Record<string, string> } : {}),
    ...(i.cas_required !== undefined ? { casRequired: i.cas_required === true } : {}),
  };
};

const versionAttrs = (r: VersionRecord) => ({
  version: r.version,
  rev: r.revision,
  blob: r.blob,
  version_created_at: r.createdAt,
  version_created_by: r.createdBy,
});

const toVersion = (i: Item): VersionRecord => ({
  version: Number(i.version),
  revision: Number(i.rev ?? 0),
  createdAt: String(i.version_created_at),
  createdBy: i.version_created_by as ActorRef,
  blob: asBuffer(i.blob as Uint8Array),
});

/** A view, not a copy: the client already gave this item's bytes a buffer of their own. */
const asBuffer = (b: Uint8Array): Buffer =>
  Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);

const toHead = (i: Item): SecretHead => ({
  name: String(i.name),
  gen: String(i.gen),
  latest: toVersion(i),
  versionCount: Number(i.version_count),
  createdAt: String(i.created_at),
  createdBy: i.created_by as ActorRef,
  createdRevision: Number(i.created_rev ?? 0),
  ...(i.sync_status ? { syncStatus: i.sync_status as SecretHead['syncStatus'] } : {}),
});
