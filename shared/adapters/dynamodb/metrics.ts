import type { DynamoHttpClient, DynamoOperation } from './http-client.js';

/** Request and capacity counters, for tests ("one request per read") and the benchmark's cost model. */
export interface DynamoStats {
  requests: number;
  /** By command name as the SDK names them (`GetItemCommand`), as the benchmark's reports always have. */
  byOperation: Record<string, number>;
  readUnits: number;
  writeUnits: number;
}

export const newDynamoStats = (): DynamoStats => ({
  requests: 0,
  byOperation: {},
  readUnits: 0,
  writeUnits: 0,
});

interface ConsumedCapacityLike {
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  CapacityUnits?: number;
}

const READS: ReadonlySet<DynamoOperation> = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem']);

/** Counts every request the client sends, with the capacity DynamoDB reports it consumed. */
export const instrumentDynamo = (
  client: DynamoHttpClient,
  stats: DynamoStats = newDynamoStats(),
): DynamoStats => {
  client.use(async ({ operation }, next) => {
    const op = `${operation}Command`;
    stats.requests++;
    stats.byOperation[op] = (stats.byOperation[op] ?? 0) + 1;
    const output = (await next()) as { ConsumedCapacity?: ConsumedCapacityLike | ConsumedCapacityLike[] };
    const consumed = output.ConsumedCapacity;
    for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
      const units = c.CapacityUnits ?? 0;
      if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
        stats.readUnits += c.ReadCapacityUnits ?? 0;
        stats.writeUnits += c.WriteCapacityUnits ?? 0;
      } else if (READS.has(operation)) stats.readUnits += units;
      else stats.writeUnits += units;
    }
    return output;
  });
  return stats;
};
