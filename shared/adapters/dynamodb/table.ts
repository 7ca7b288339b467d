import type { AttributeValue, QueryInput } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { unmarshallItem } from './unmarshall.js';
import { CofferError } from '../../domain/errors.js';
import type { DynamoHttpClient } from './http-client.js';

export type Item = Record<string, unknown>;
type Av = Record<string, AttributeValue>;

/** SDK error names that mean "try again later", not "your request was wrong". */
const UNAVAILABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
]);

const wrap = (e: unknown): never => {
  const name = (e as { name?: string; code?: string })?.name ?? '';
  const code = (e as { code?: string })?.code ?? '';
  if (UNAVAILABLE.has(name) || UNAVAILABLE.has(code) || (e as { $retryable?: unknown })?.$retryable) {
    throw new CofferError('STORE_UNAVAILABLE', 'the secret store is unavailable; retry shortly', {
      cause: e,
    });
  }
  throw new CofferError('INTERNAL', 'unexpected storage failure', { cause: e });
};

/** A conditional write whose condition did not hold answers `false`; every other failure throws. */
const held = (e: unknown): false => {
  if ((e as { name?: string })?.name === 'ConditionalCheckFailedException') return false;
  return wrap(e);
};

const m = (v: Item): Av => marshall(v, { removeUndefinedValues: true });
const key = (pk: string, sk: string): Av => ({ pk: { S: pk }, sk: { S: sk } });

/**
 * Thin helper over one DynamoDB table: marshalling, consumed-capacity reporting and error
 * translation live here once. Store adapters own keys and conditions.
 */
export class Table {
  constructor(
    readonly client: DynamoHttpClient,
    readonly name: string,
  ) {}

  async get(pk: string, sk: string, consistent = false): Promise<Item | undefined> {
    const out = await this.client
      .send('GetItem', {
        TableName: this.name,
        Key: key(pk, sk),
        ConsistentRead: consistent,
        ReturnConsumedCapacity: 'TOTAL',
      })
      .catch(wrap);
    return out.Item ? unmarshallItem(out.Item) : undefined;
  }

  /** Reads up to 100 items in one request (strongly consistent), retrying unprocessed keys. */
  async batchGet(keys: { pk: string; sk: string }[]): Promise<Item[]> {
    const found: Item[] = [];
    let pending = keys.map((k) => key(k.pk, k.sk));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8)
        throw new CofferError('STORE_UNAVAILABLE', 'the secret store did not answer in full; retry');
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(500, 10 * 2 ** attempt)));
      const out = await this.client
        .send('BatchGetItem', {
          RequestItems: { [this.name]: { Keys: pending, ConsistentRead: true } },
          ReturnConsumedCapacity: 'TOTAL',
        })
        .catch(wrap);
      found.push(...(out.Responses?.[this.name] ?? []).map(unmarshallItem));
      pending = (out.UnprocessedKeys?.[this.name]?.Keys ?? []) as Av[];
    }
    return found;
  }

  /** Puts an item; false when `condition` does not hold (nothing is written then). */
  async put(
    item: Item,
    condition?: { expression: string; names?: Record<string, string>; values?: Item },
  ): Promise<boolean> {
    return this.client
      .send('PutItem', {
        TableName: this.name,
        Item: m(item),
        ConditionExpression: condition?.expression,
        ExpressionAttributeNames: condition?.names,
        ExpressionAttributeValues: condition?.values ? m(condition.values) : undefined,
        ReturnConsumedCapacity: 'TOTAL',
      })
      .then(() => true, held);
  }

  /** Updates an item and returns it as it now is; undefined when `condition` does not hold. */
  async update(
    pk: string,
    sk: string,
    update: { expression: string; condition?: string; names?: Record<string, string>; values?: Item },
  ): Promise<Item | undefined> {
    const out = await this.client
      .send('UpdateItem', {
        TableName: this.name,
        Key: key(pk, sk),
        UpdateExpression: update.expression,
        ConditionExpression: update.condition,
        ExpressionAttributeNames: update.names,
        ExpressionAttributeValues: update.values ? m(update.values) : undefined,
        ReturnValues: 'ALL_NEW',
        ReturnConsumedCapacity: 'TOTAL',
      })
      .catch(held);
    return out ? unmarshallItem(out.Attributes ?? {}) : undefined;
  }

  /** Deletes an item; false when `condition` does not hold. */
  async delete(
    pk: string,
    sk: string,
    condition?: { expression: string; names?: Record<string, string>; values?: Item },
  ): Promise<boolean> {
    return this.client
      .send('DeleteItem', {
        TableName: this.name,
        Key: key(pk, sk),
        ConditionExpression: condition?.expression,
        ExpressionAttributeNames: condition?.names,
        ExpressionAttributeValues: condition?.values ? m(condition.values) : undefined,
        ReturnConsumedCapacity: 'TOTAL',
      })
      .then(() => true, held);
  }

  /** One Query request (one page, at most `limit` items and 1 MB). */
  async queryPage(input: {
    pk: string;
    skPrefix: string;
    limit?: number;
    startSk?: string;
    consistent?: boolean;
    filter?: { expression: string; names?: Record<string, string>; values: Item };
    keysOnly?: boolean;
    /** Read in descending key order from `startSk`; the items are returned in ascending order. */
    backward?: boolean;
  }): Promise<{ items: Item[]; lastSk?: string }> {
    // An empty prefix means the whole partition (begins_with rejects an empty string).
    const whole = input.skPrefix === '';
    const params: QueryInput = {
      TableName: this.name,
      KeyConditionExpression: whole ? '#pk = :pk' : '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: {
        '#pk': 'pk',
        ...(whole && !input.keysOnly ? {} : { '#sk': 'sk' }),
        ...input.filter?.names,
      },
      ExpressionAttributeValues: m({
        ':pk': input.pk,
        ...(whole ? {} : { ':prefix': input.skPrefix }),
        ...input.filter?.values,
      }),
      FilterExpression: input.filter?.expression,
      Limit: input.limit,
      ConsistentRead: input.consistent ?? false,
      ExclusiveStartKey: input.startSk !== undefined ? key(input.pk, input.startSk) : undefined,
      ProjectionExpression: input.keysOnly ? '#pk, #sk' : undefined,
      ScanIndexForward: !input.backward,
      ReturnConsumedCapacity: 'TOTAL',
    };
    const out = await this.client.send('Query', params).catch(wrap);
    const items = (out.Items ?? []).map(unmarshallItem);
    return {
      items: input.backward ? items.reverse() : items,
      lastSk: out.LastEvaluatedKey?.sk?.S,
    };
  }

  /**
   * Turns what a (possibly multi-request) listing read into a domain page: `nextCursor` continues
   * forwards, `prevCursor` backwards, each set only when there is something on that side.
   * `items` are the raw items in ascending key order; `more` is the last request's LastEvaluatedKey.
   */
  static cursors(
    request: { cursor?: string; backward?: boolean },
    items: readonly Item[],
    more: string | undefined,
  ): { nextCursor?: string; prevCursor?: string } {
    const first = items[0]?.sk as string | undefined;
    const last = items.at(-1)?.sk as string | undefined;
    if (request.backward) return { prevCursor: more, nextCursor: last ?? request.cursor };
    return { nextCursor: more, prevCursor: request.cursor !== undefined ? first : undefined };
  }

  /** A Query with caller-built expressions (for range conditions); one request. */
  async queryRaw(
    input: Omit<QueryInput, 'TableName' | 'ExpressionAttributeValues' | 'ExclusiveStartKey'> & {
      values: Item;
      startKey?: { pk: string; sk: string };
    },
  ): Promise<{ items: Item[]; lastSk?: string }> {
    const { values, startKey, ...rest } = input;
    const out = await this.client
      .send('Query', {
        ...rest,
        TableName: this.name,
        ExpressionAttributeValues: m(values),
        ExclusiveStartKey: startKey ? key(startKey.pk, startKey.sk) : undefined,
        ReturnConsumedCapacity: 'TOTAL',
      })
      .catch(wrap);
    return { items: (out.Items ?? []).map(unmarshallItem), lastSk: out.LastEvaluatedKey?.sk?.S };
  }

  /** All items of a global-secondary-index partition (used for small, bounded sets only). */
  async queryIndex(index: string, attr: string, value: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Av | undefined;
    do {
      const out = await this.client
        .send('Query', {
          TableName: this.name,
          IndexName: index,
          KeyConditionExpression: '#k = :v',
          ExpressionAttributeNames: { '#k': attr },
          ExpressionAttributeValues: { ':v': { S: value } },
          ExclusiveStartKey: start,
          ReturnConsumedCapacity: 'TOTAL',
        })
        .catch(wrap);
      items.push(...(out.Items ?? []).map(unmarshallItem));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Deletes keys in batches of 25, retrying unprocessed ones. */
  async deleteMany(keys: { pk: string; sk: string }[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 25) {
      let requests = keys.slice(i, i + 25).map((k) => ({ DeleteRequest: { Key: key(k.pk, k.sk) } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
        if (attempt > 8) throw new CofferError('STORE_UNAVAILABLE', 'could not finish deleting items; retry');
        const out = await this.client
          .send('BatchWriteItem', {
            RequestItems: { [this.name]: requests },
            ReturnConsumedCapacity: 'TOTAL',
          })
          .catch(wrap);
        requests = (out.UnprocessedItems?.[this.name] ?? []) as typeof requests;
      }
    }
  }
}
