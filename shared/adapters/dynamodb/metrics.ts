import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Request and capacity counters, for tests ("one request per read") and the benchmark's cost model. */
export interface DynamoStats {
  requests: number;
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

/** Counts every request the client sends, with the capacity DynamoDB reports it consumed. */
export const instrumentDynamo = (
  client: DynamoDBClient,
  stats: DynamoStats = newDynamoStats(),
): DynamoStats => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const op = context.commandName ?? 'unknown';
      stats.requests++;
      stats.byOperation[op] = (stats.byOperation[op] ?? 0) + 1;
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: ConsumedCapacityLike | ConsumedCapacityLike[] };
      const consumed = output.ConsumedCapacity;
      for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        const units = c.CapacityUnits ?? 0;
        if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
          stats.readUnits += c.ReadCapacityUnits ?? 0;
          stats.writeUnits += c.WriteCapacityUnits ?? 0;
        } else if (/^(Get|Query|Scan|BatchGet)/.test(op)) stats.readUnits += units;
        else stats.writeUnits += units;
      }
      return result;
    },
    { step: 'initialize', name: 'cofferDynamoStats' },
  );
  return stats;
};
