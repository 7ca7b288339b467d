import type { PutItemInput } from '@aws-sdk/client-dynamodb';
import { connectDynamo } from '../shared/adapters/dynamodb/connect.js';
import { ensureTable } from '../shared/adapters/dynamodb/create-table.js';
import type { DynamoHttpClient } from '../shared/adapters/dynamodb/http-client.js';
import { startStoreProcess, type RemoteStore } from './remote-store.js';

/**
 * A model of one thing the single embedded store gets wrong (benchmark only).
 *
 * A reveal sends its GetItem (the app's partition) and its audit PutItem (an audit shard's partition)
 * together. DynamoDB serves different partitions on different storage nodes, so the two are served
 * side by side and the reader waits for the slower one. The embedded store is one single-threaded
 * process: it serves the two one after the other, interleaved, so the GetItem's answer also waits for
 * the PutItem's work (≈ 1 ms at 5 ms injected, measured). While `on`, this routes audit PutItems to a
 * second store process, so each partition has a server of its own, as in DynamoDB. Everything else
 * (latency injection, counters, partition heat) still sees every request: the route is the innermost
 * interceptor. The benchmark reports open-one and open-all both ways.
 */
export class AuditApart {
  on = false;

  private constructor(
    private readonly store: RemoteStore,
    private readonly client: DynamoHttpClient,
  ) {}

  static async start(path: string, table: string): Promise<AuditApart> {
    const store = await startStoreProcess(path);
    const client = connectDynamo({
      endpoint: store.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(client, table);
    return new AuditApart(store, client);
  }

  /** Adds the route to the service's client; call after every other interceptor. */
  attach(client: DynamoHttpClient): void {
    client.use(async (call, next) => {
      if (!this.on || call.operation !== 'PutItem') return next();
      const pk = (call.input as { Item?: { pk?: { S?: string } } }).Item?.pk?.S ?? '';
      return pk.includes('#AUDIT#') ? this.client.send('PutItem', call.input as PutItemInput) : next();
    });
  }

  /** Runs `f` with audit writes on their own store. */
  async during<T>(f: () => Promise<T>): Promise<T> {
    this.on = true;
    try {
      return await f();
    } finally {
      this.on = false;
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
    await this.store.close();
  }
}
