import type { CostBreakdown } from './cost-model.js';
import type { HeatReport } from './partition-heat.js';
import type { Summary } from './stats.js';

export type OpId =
  | 'openOne'
  | 'openAll'
  | 'openOneApart'
  | 'openAllApart'
  | 'write'
  | 'callerIdentity'
  | 'floor'
  | 'queryFloor';

export interface PerOperation {
  readonly kmsCalls: number;
  readonly kmsGenerate: number;
  readonly kmsDecrypt: number;
  readonly dynamoRequests: number;
  readonly dynamoByOperation: Record<string, number>;
  readonly readUnits: number;
  readonly writeUnits: number;
}

/** Latency and handler time of one pass (loaded, or one request at a time). */
export interface PassResult {
  readonly completed: number;
  readonly elapsedMs: number;
  readonly requestsPerSecond: number;
  readonly latencyMs: Summary;
  /** server-timing handler time; absent for the in-process floor. */
  readonly serverMs?: Summary;
  /** Mean handler time with each request rounded up to a whole ms, as Lambda bills. */
  readonly lambdaBilledMs?: number;
  readonly costPerMillion?: CostBreakdown;
  readonly p50RatioToFloor: number;
  readonly p50RatioToNoop: number;
}

export interface OpResult {
  readonly id: OpId;
  readonly label: string;
  readonly description: string;
  readonly loaded: PassResult & { readonly costPerMillion: CostBreakdown };
  readonly singleConnection: PassResult;
  readonly non2xx: number;
  readonly errors: number;
  readonly firstError?: string;
  readonly perOperation: PerOperation;
}

export interface TargetResult {
  readonly target: string;
  readonly met: boolean;
  readonly summary: string;
}

export const fmt = (v: number | undefined, digits = 2) =>
  v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
const dollars = (v: number | undefined) => (v === undefined ? '–' : `$${v.toFixed(4)}`);

export const printReport = (
  rows: OpResult[],
  opts: { connections: number; targets: TargetResult[]; capacitySource: string },
) => {
  console.log(
    `\nLoaded: ${opts.connections} concurrent connections (floor: ${opts.connections} concurrent callers)`,
  );
  printGrid(
    [
      'operation',
      'req/s',
      'p50 ms',
      'p99 ms',
      'srv ms',
      'bill ms',
      'KMS/op',
      'DDB req/op',
      'RCU/op',
      'WCU/op',
      '$/M ops',
      'p50÷floor',
      'p50÷no-op',
    ],
    rows.map((r) => [
      r.label,
      fmt(r.loaded.requestsPerSecond, 0),
      fmt(r.loaded.latencyMs.p50),
      fmt(r.loaded.latencyMs.p99),
      fmt(r.loaded.serverMs?.mean),
      fmt(r.loaded.lambdaBilledMs),
      fmt(r.perOperation.kmsCalls, 3),
      fmt(r.perOperation.dynamoRequests, 3),
      fmt(r.perOperation.readUnits, 3),
      fmt(r.perOperation.writeUnits, 3),
      `${dollars(r.loaded.costPerMillion.total)}${r.id === 'floor' || r.id === 'queryFloor' ? '*' : ''}`,
      fmt(r.loaded.p50RatioToFloor),
      fmt(r.loaded.p50RatioToNoop),
    ]),
  );
  console.log(
    '  srv ms: mean server-timing handler time. bill ms: its mean with each request rounded up to 1 ms,',
  );
  console.log(
    '  priced as Lambda duration at 512 MB arm64. * the floor is priced for DynamoDB and KMS only.',
  );
  console.log(`  Capacity units: ${opts.capacitySource}.`);

  console.log('\nOne request at a time (1 connection; what one Lambda instance sees):');
  printGrid(
    ['operation', 'req/s', 'p50 ms', 'p99 ms', 'srv ms', 'bill ms', '$/M ops', 'p50÷floor', 'p50÷no-op'],
    rows.map((r) => {
      const s = r.singleConnection;
      return [
        r.label,
        fmt(s.requestsPerSecond, 0),
        fmt(s.latencyMs.p50),
        fmt(s.latencyMs.p99),
        fmt(s.serverMs?.mean),
        fmt(s.lambdaBilledMs),
        r.id === 'floor' || r.id === 'queryFloor' ? '–' : dollars(s.costPerMillion?.total),
        fmt(s.p50RatioToFloor),
        fmt(s.p50RatioToNoop),
      ];
    }),
  );
  console.log(
    "  $/M ops here: the loaded run's counters, with this pass's handler time as the Lambda duration.",
  );

  console.log('\nCost by component, $ per million operations (loaded handler time):');
  printGrid(
    ['operation', 'API GW', 'Lambda req', 'Lambda dur', 'DDB read', 'DDB write', 'KMS', 'total'],
    rows.map((r) => {
      const c = r.loaded.costPerMillion;
      return [
        r.label,
        ...[
          c.apiGateway,
          c.lambdaRequests,
          c.lambdaDuration,
          c.dynamoReads,
          c.dynamoWrites,
          c.kms,
          c.total,
        ].map(dollars),
      ];
    }),
  );

  // Every check at this level; which level decides each target is the verdict printed at the end.
  console.log('\nChecks at this latency (the verdict per target follows all levels):');
  for (const t of opts.targets) console.log(`  ${t.met ? 'MET    ' : 'NOT MET'}  ${t.target}: ${t.summary}`);
};

const printGrid = (head: string[], body: string[][]) => {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(line(r));
};

/** The partition-heat model: per operation mix, its hottest partition and where it hits the limits. */
export const printHeat = (heat: Record<string, HeatReport>) => {
  console.log(
    '\nPartition heat (units per partition key during the loaded runs; limits 3,000 RCU / 1,000 WCU):',
  );
  printGrid(
    [
      'operation',
      'partitions',
      'hottest read (share, RCU/op)',
      'hottest write (share, WCU/op)',
      'one app: op/s',
      'many apps: op/s',
      'before (1 audit partition)',
    ],
    Object.entries(heat).map(([id, h]) => [
      id,
      String(h.partitions),
      h.hottestRead
        ? `${h.hottestRead.partition} (${fmt(h.hottestRead.share * 100, 0)}%, ${fmt(h.hottestRead.unitsPerOp, 3)})`
        : '–',
      h.hottestWrite
        ? `${h.hottestWrite.partition} (${fmt(h.hottestWrite.share * 100, 0)}%, ${fmt(h.hottestWrite.unitsPerOp, 3)})`
        : '–',
      `${fmt(h.ceilingOpsPerSecond, 0)} (${h.limitedBy})`,
      fmt(h.beyondAppCeilingOpsPerSecond, 0),
      h.before ? fmt(h.before.beyondAppCeilingOpsPerSecond, 0) : '–',
    ]),
  );
  console.log(
    '  one app: all of the mix on one app, as measured. many apps: the same mix spread over many apps, where\n' +
      '  the partitions apps share set the ceiling. before: the same units with the audit trail in one\n' +
      '  partition per organization and day (before issue 15). – = no shared partition in the mix.',
  );
};
