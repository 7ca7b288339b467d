import { connectDynamo } from '../shared/adapters/dynamodb/connect.js';
import type { DynamoHttpClient } from '../shared/adapters/dynamodb/http-client.js';
import { instrumentDynamo, type DynamoStats } from '../shared/adapters/dynamodb/metrics.js';
import type { DataKeys } from '../shared/domain/crypto/data-keys.js';
import { openValue } from '../shared/domain/crypto/envelope.js';

/**
 * The floor under open-one: the same strongly consistent GetItem of the secret's head item that the
 * service makes, then the same envelope open through the service's own DataKeys (warm data key; once
 * warm, the opened-values memo answers as it does for the service), with no
 * HTTP, routing, validation, token check or JSON. It runs in the service's process, against the
 * same embedded table, with the same number of concurrent callers as the HTTP runs.
 */
export interface FloorTarget {
  readonly endpoint: string;
  readonly table: string;
  readonly orgId: string;
  readonly projectId: string;
  readonly app: string;
  readonly secret: string;
  /** The value the item must open to, so a broken floor cannot look fast. */
  readonly expected: string;
}

export interface FloorResult {
  readonly completed: number;
  readonly elapsedMs: number;
  /** Latency of each operation, ms. */
  readonly latencyMs: number[];
  readonly dynamo: DynamoStats;
  readonly failures: number;
  readonly firstError: string | undefined;
}

export class Floor {
  readonly client: DynamoHttpClient;
  readonly stats: DynamoStats;

  constructor(
    private readonly target: FloorTarget,
    private readonly dataKeys: DataKeys,
    /** The same instrumentation as the service's client (injected latency, partition heat). */
    instrument: (client: DynamoHttpClient) => void = () => undefined,
  ) {
    // Configured like the service's own client (functions/local/runtime.ts).
    this.client = connectDynamo({
      endpoint: target.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    this.stats = instrumentDynamo(this.client);
    instrument(this.client);
  }

  /**
   * The floor under open-all: the one strongly consistent Query of the app's secret heads that the
   * service makes (one page of up to `limit` items), with no decryption.
   */
  async onceQuery(limit: number): Promise<string> {
    const t = this.target;
    const out = await this.client.send('Query', {
      TableName: t.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': { S: `O#${t.orgId}#P#${t.projectId}#A#${t.app}` },
        ':prefix': { S: 'S#' },
      },
      Limit: limit,
      ConsistentRead: true,
      ReturnConsumedCapacity: 'TOTAL',
    });
    if ((out.Items?.length ?? 0) !== limit)
      throw new Error('benchmark app does not hold the expected secrets');
    return this.target.expected;
  }

  /** One operation: GetItem + open. */
  async once(): Promise<string> {
    const t = this.target;
    const out = await this.client.send('GetItem', {
      TableName: t.table,
      Key: { pk: { S: `O#${t.orgId}#P#${t.projectId}#A#${t.app}` }, sk: { S: `S#${t.secret}` } },
      ConsistentRead: true,
      ReturnConsumedCapacity: 'TOTAL',
    });
    const blob = out.Item?.blob?.B;
    const version = Number(out.Item?.version?.N);
    if (!blob || !Number.isInteger(version)) throw new Error('benchmark secret head item not found');
    return openValue(
      this.dataKeys,
      { orgId: t.orgId, projectId: t.projectId, app: t.app, secret: t.secret, version },
      blob,
    );
  }

  /** `concurrency` callers loop for `durationMs`; every operation's latency is recorded. */
  async run(
    concurrency: number,
    durationMs: number,
    once: () => Promise<string> = () => this.once(),
  ): Promise<FloorResult> {
    const before = snapshot(this.stats);
    const latencies: number[] = [];
    let failures = 0;
    let firstError: string | undefined;
    const started = performance.now();
    const deadline = started + durationMs;
    const caller = async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const value = await once();
          if (value !== this.target.expected) throw new Error('floor opened an unexpected value');
          latencies.push(performance.now() - t0);
        } catch (e) {
          failures++;
          firstError ??= String((e as Error)?.message ?? e);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, caller));
    const elapsedMs = performance.now() - started;
    return {
      completed: latencies.length,
      elapsedMs,
      latencyMs: latencies,
      dynamo: diff(snapshot(this.stats), before),
      failures,
      firstError,
    };
  }

  close(): void {
    this.client.destroy();
  }
}

export const snapshot = (s: DynamoStats): DynamoStats => ({
  requests: s.requests,
  byOperation: { ...s.byOperation },
  readUnits: s.readUnits,
  writeUnits: s.writeUnits,
});

export const diff = (after: DynamoStats, before: DynamoStats): DynamoStats => {
  const byOperation: Record<string, number> = {};
  for (const [op, n] of Object.entries(after.byOperation)) {
    const d = n - (before.byOperation[op] ?? 0);
    if (d !== 0) byOperation[op] = d;
  }
  return {
    requests: after.requests - before.requests,
    byOperation,
    readUnits: after.readUnits - before.readUnits,
    writeUnits: after.writeUnits - before.writeUnits,
  };
};
