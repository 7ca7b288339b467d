import type { DynamoHttpClient } from '../shared/adapters/dynamodb/http-client.js';

/** DynamoDB's per-partition limits: read and write units per second. */
export const PARTITION_READ_UNITS = 3000;
export const PARTITION_WRITE_UNITS = 1000;

type Units = { read: number; write: number };
type Av = { S?: string };
interface Input {
  TableName?: string;
  IndexName?: string;
  Key?: Record<string, Av>;
  Item?: Record<string, Av>;
  ExpressionAttributeValues?: Record<string, Av>;
  RequestItems?: Record<
    string,
    | { Keys?: Record<string, Av>[] }
    | { PutRequest?: { Item?: Record<string, Av> }; DeleteRequest?: { Key?: Record<string, Av> } }[]
  >;
}

const READS = /^(Get|BatchGet|Query|Scan)/;

/** The partition keys a request touches (a GSI's are prefixed with the index name). */
const partitionsOf = (input: Input): string[] => {
  if (input.Key?.pk?.S) return [input.Key.pk.S];
  if (input.Item?.pk?.S) return [input.Item.pk.S];
  const v = input.ExpressionAttributeValues;
  if (v) {
    const pk = v[':pk']?.S ?? v[':v']?.S;
    if (pk) return [input.IndexName ? `${input.IndexName}:${pk}` : pk];
  }
  const out: string[] = [];
  for (const req of Object.values(input.RequestItems ?? {})) {
    if (Array.isArray(req)) {
      for (const w of req) {
        const pk = w.PutRequest?.Item?.pk?.S ?? w.DeleteRequest?.Key?.pk?.S;
        if (pk) out.push(pk);
      }
    } else for (const k of req.Keys ?? []) if (k.pk?.S) out.push(k.pk.S);
  }
  return out;
};

/**
 * Counts read and write units per partition key from the requests the DynamoDB client sends (the units
 * DynamoDB reports with ReturnConsumedCapacity; a batch's are shared evenly by its items).
 */
export class PartitionHeat {
  #units = new Map<string, Units>();

  attach(client: DynamoHttpClient): void {
    client.use(async ({ operation: op, input }, next) => {
      const result = await next();
      const output = result as {
        ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
      };
      const consumed = output.ConsumedCapacity;
      const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
        (a, c) => a + (c.CapacityUnits ?? 0),
        0,
      );
      const keys = partitionsOf(input as Input);
      for (const pk of keys) {
        const u = this.#units.get(pk) ?? { read: 0, write: 0 };
        if (READS.test(op)) u.read += units / keys.length;
        else u.write += units / keys.length;
        this.#units.set(pk, u);
      }
      return result;
    });
  }

  /** What was counted since the last take, and a fresh start. */
  take(): Map<string, Units> {
    const out = this.#units;
    this.#units = new Map();
    return out;
  }
}

export const mergeHeat = (into: Map<string, Units>, from: Map<string, Units>): void => {
  for (const [pk, u] of from) {
    const t = into.get(pk) ?? { read: 0, write: 0 };
    t.read += u.read;
    t.write += u.write;
    into.set(pk, t);
  }
};

/** Partition keys with ids and dates replaced by their kind, so the report names a pattern. */
export const partitionPattern = (pk: string): string =>
  pk
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{id}')
    .replace(/\d{4}-\d{2}-\d{2}/g, '{day}')
    .replace(/#AUDIT#\{day\}#\d+$/, '#AUDIT#{day}#{shard}')
    .replace(/#A#[^#]+$/, '#A#{app}');

/**
 * The same units as they would have landed before issue 15: every audit event of an organization
 * and day in one partition (`O#{org}#AUDIT#{day}`, the shard suffix dropped).
 */
export const unsharded = (units: Map<string, Units>): Map<string, Units> => {
  const out = new Map<string, Units>();
  for (const [pk, u] of units) {
    const key = pk.replace(/(#AUDIT#\d{4}-\d{2}-\d{2})#\d+$/, '$1');
    const t = out.get(key) ?? { read: 0, write: 0 };
    t.read += u.read;
    t.write += u.write;
    out.set(key, t);
  }
  return out;
};

/** Per partition pattern: the hottest partition of that pattern, its units per operation and ceiling. */
export interface PatternHeat {
  readonly partitions: number;
  readonly readUnitsPerOp: number;
  readonly writeUnitsPerOp: number;
  readonly ceilingOpsPerSecond: number;
}

export const heatByPattern = (units: Map<string, Units>, operations: number): Record<string, PatternHeat> => {
  const out: Record<string, { partitions: number; read: number; write: number }> = {};
  for (const [pk, u] of units) {
    const p = (out[partitionPattern(pk)] ??= { partitions: 0, read: 0, write: 0 });
    p.partitions++;
    p.read = Math.max(p.read, u.read);
    p.write = Math.max(p.write, u.write);
  }
  return Object.fromEntries(
    Object.entries(out).map(([pattern, p]) => [
      pattern,
      {
        partitions: p.partitions,
        readUnitsPerOp: p.read / operations,
        writeUnitsPerOp: p.write / operations,
        ceilingOpsPerSecond: Math.min(
          p.read > 0 ? PARTITION_READ_UNITS / (p.read / operations) : Infinity,
          p.write > 0 ? PARTITION_WRITE_UNITS / (p.write / operations) : Infinity,
        ),
      },
    ]),
  );
};

export interface HeatReport {
  readonly partitions: number;
  readonly readUnitsPerOp: number;
  readonly writeUnitsPerOp: number;
  readonly hottestRead?: { partition: string; share: number; unitsPerOp: number };
  readonly hottestWrite?: { partition: string; share: number; unitsPerOp: number };
  /** Operations per second at which the hottest partition reaches 3,000 RCU or 1,000 WCU. */
  readonly ceilingOpsPerSecond: number;
  readonly limitedBy: 'reads' | 'writes' | 'none';
  /** The hottest partition of each pattern (app partition, audit shard, organization item, …). */
  readonly byPattern: Record<string, PatternHeat>;
  /**
   * The ceiling when this mix is spread over many apps, set by the partitions apps share: the
   * organization's items and audit trail, the deployment trail, indexes (all but `…#A#{app}`).
   */
  readonly beyondAppCeilingOpsPerSecond: number;
  /** The same with the audit trail unsharded, as before issue 15. */
  readonly before?: {
    readonly beyondAppCeilingOpsPerSecond: number;
    readonly auditWriteUnitsPerOp: number;
  };
}

/** Patterns whose partition belongs to one app (their heat is that app's, not the organization's). */
const APP_PATTERN = /#A#\{app\}$/;

const beyondAppCeiling = (byPattern: Record<string, PatternHeat>): number =>
  Math.min(
    Infinity,
    ...Object.entries(byPattern)
      .filter(([pattern]) => !APP_PATTERN.test(pattern))
      .map(([, h]) => h.ceilingOpsPerSecond),
  );

/** The hottest partition of one operation mix and the rate at which it hits DynamoDB's limits. */
export const heatReport = (units: Map<string, Units>, operations: number): HeatReport => {
  let read = 0;
  let write = 0;
  let hotR: [string, number] | undefined;
  let hotW: [string, number] | undefined;
  for (const [pk, u] of units) {
    read += u.read;
    write += u.write;
    if (u.read > 0 && (!hotR || u.read > hotR[1])) hotR = [pk, u.read];
    if (u.write > 0 && (!hotW || u.write > hotW[1])) hotW = [pk, u.write];
  }
  const byPattern = heatByPattern(units, operations);
  const old = heatByPattern(unsharded(units), operations);
  const oldAudit = Object.entries(old).filter(([p]) => /#AUDIT#\{day\}$/.test(p));
  const before = oldAudit.length
    ? {
        beyondAppCeilingOpsPerSecond: beyondAppCeiling(old),
        auditWriteUnitsPerOp: Math.max(...oldAudit.map(([, h]) => h.writeUnitsPerOp)),
      }
    : undefined;
  const readCeiling = hotR ? PARTITION_READ_UNITS / (hotR[1] / operations) : Infinity;
  const writeCeiling = hotW ? PARTITION_WRITE_UNITS / (hotW[1] / operations) : Infinity;
  return {
    partitions: units.size,
    readUnitsPerOp: read / operations,
    writeUnitsPerOp: write / operations,
    ...(hotR
      ? {
          hottestRead: {
            partition: partitionPattern(hotR[0]),
            share: hotR[1] / read,
            unitsPerOp: hotR[1] / operations,
          },
        }
      : {}),
    ...(hotW
      ? {
          hottestWrite: {
            partition: partitionPattern(hotW[0]),
            share: hotW[1] / write,
            unitsPerOp: hotW[1] / operations,
          },
        }
      : {}),
    ceilingOpsPerSecond: Math.min(readCeiling, writeCeiling),
    byPattern,
    beyondAppCeilingOpsPerSecond: beyondAppCeiling(byPattern),
    ...(before ? { before } : {}),
    limitedBy:
      readCeiling === Infinity && writeCeiling === Infinity
        ? 'none'
        : readCeiling <= writeCeiling
          ? 'reads'
          : 'writes',
  };
};
