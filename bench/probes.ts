import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DynamoHttpClient } from '../shared/adapters/dynamodb/http-client.js';
import type { LocalCoffer } from '../functions/local/runtime.js';
import type { KeyProviderStats } from '../shared/domain/crypto/data-keys.js';
import type { CofferClient } from './coffer-client.js';
import { diff, snapshot, type Floor } from './floor.js';
import { itemSize, readUnits, writeUnits } from './item-size.js';

/** One-off checks around the timed runs: exact counts, capacity sizing, provenance, cold start. */

export const kmsDelta = (after: KeyProviderStats, before: KeyProviderStats): KeyProviderStats => ({
  generate: after.generate - before.generate,
  decrypt: after.decrypt - before.decrypt,
});

/**
 * One request of each kind, alone, with exact counter deltas (after the caches are warm) and its
 * sequential round trips (`trips`, measured while `latencyMs` is injected so overlaps are real).
 */
export const singleRequestCounts = async (
  coffer: LocalCoffer,
  api: CofferClient,
  trips: RoundTrips,
  requests: Record<string, { method: 'GET' | 'POST'; path: string; body?: () => unknown; warm?: boolean }>,
) => {
  const out: Record<string, unknown> = {};
  for (const [id, r] of Object.entries(requests)) {
    if (r.warm !== false) await api.call(r.method, r.path, r.body?.()); // warm
    const d0 = snapshot(coffer.dynamoStats);
    const k0 = { ...coffer.services.dataKeys.stats };
    const roundTrips = await trips.during(() => api.call(r.method, r.path, r.body?.()));
    const d = diff(snapshot(coffer.dynamoStats), d0);
    out[id] = {
      dynamoRequests: d.requests,
      sequentialRoundTrips: roundTrips.sequential,
      waves: roundTrips.waves.map((w) => w.join(' ∥ ')),
      byOperation: d.byOperation,
      readUnits: d.readUnits,
      writeUnits: d.writeUnits,
      kms: kmsDelta(coffer.services.dataKeys.stats, k0),
    };
  }
  return out;
};

/**
 * Checks the capacity units the embedded server reports against DynamoDB's sizing rules, for the
 * two reads the benchmark prices: the open-one GetItem and the open-all Query (both strongly
 * consistent, as the service makes them).
 */
export const checkCapacity = async (
  floor: Floor,
  target: { table: string; pk: string; oneSk: string; headPrefix: string; limit: number },
) => {
  const get = await floor.client.send('GetItem', {
    TableName: target.table,
    Key: { pk: { S: target.pk }, sk: { S: target.oneSk } },
    ConsistentRead: true,
    ReturnConsumedCapacity: 'TOTAL',
  });
  const query = await floor.client.send('Query', {
    TableName: target.table,
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :p)',
    ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
    ExpressionAttributeValues: { ':pk': { S: target.pk }, ':p': { S: target.headPrefix } },
    Limit: target.limit,
    ConsistentRead: true,
    ReturnConsumedCapacity: 'TOTAL',
  });
  const headBytes = itemSize(get.Item ?? {});
  const queryBytes = (query.Items ?? []).reduce((a, i) => a + itemSize(i), 0);
  const expectedGet = readUnits(headBytes, true);
  const expectedQuery = readUnits(queryBytes, true);
  const reportedGet = get.ConsumedCapacity?.CapacityUnits;
  const reportedQuery = query.ConsumedCapacity?.CapacityUnits;
  const agrees = reportedGet === expectedGet && reportedQuery === expectedQuery;
  return {
    source: agrees
      ? 'reported by the embedded server (dynalite) through ReturnConsumedCapacity; they agree with ' +
        "DynamoDB's sizing rules for the priced reads"
      : 'reported by the embedded server (dynalite) through ReturnConsumedCapacity; they DISAGREE with ' +
        "DynamoDB's sizing rules for the priced reads (see capacityCheck)",
    agrees,
    headItemBytes: headBytes,
    headItemWriteUnits: writeUnits(headBytes),
    getItem: { consistent: true, reported: reportedGet, bySizingRules: expectedGet },
    query: {
      items: query.Items?.length ?? 0,
      bytes: queryBytes,
      consistent: true,
      reported: reportedQuery,
      bySizingRules: expectedQuery,
    },
  };
};

/** The commit measured, and whether service code differed from it (others may be editing). */
export const gitState = (repoRoot: string) => {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  try {
    const changed = git('status', '--porcelain', '--', 'functions', 'shared', 'package.json')
      .split('\n')
      .filter(Boolean);
    return { commit: git('rev-parse', 'HEAD'), serviceCodeModified: changed.length > 0, changed };
  } catch {
    return { commit: 'unknown' };
  }
};

/**
 * bench/cold-start.ts (bundle sizes and API init time) is written separately. It is loaded only if
 * present, through a computed specifier so this file compiles and runs without it.
 */
export const measureColdStartIfPresent = async (): Promise<unknown> => {
  const file = new URL('./cold-start.ts', import.meta.url);
  if (!existsSync(fileURLToPath(file))) return { skipped: 'bench/cold-start.ts not present' };
  process.stdout.write('  cold start: bench/cold-start.ts measureColdStart() …');
  try {
    const mod = (await import(file.href)) as { measureColdStart?: () => unknown };
    if (typeof mod.measureColdStart !== 'function') {
      process.stdout.write(' skipped\n');
      return { skipped: 'bench/cold-start.ts has no measureColdStart export' };
    }
    const result: unknown = await mod.measureColdStart();
    process.stdout.write(' done\n');
    return result;
  } catch (e) {
    process.stdout.write(' failed\n');
    return { error: String((e as Error)?.message ?? e) };
  }
};

/**
 * Sequential round trips: the DynamoDB requests of one API call grouped into waves, a wave being the
 * requests that start while another of the wave is still in flight. The count of waves is what a
 * caller waits for at N ms a round trip (measured with latency injected, so overlaps are real).
 */
export class RoundTrips {
  #events: { kind: 'start' | 'end'; op: string }[] | undefined;

  attach(client: DynamoHttpClient): void {
    client.use(async ({ operation: op }, next) => {
      this.#events?.push({ kind: 'start', op });
      try {
        return await next();
      } finally {
        this.#events?.push({ kind: 'end', op });
      }
    });
  }

  async during(call: () => Promise<unknown>): Promise<{ sequential: number; waves: string[][] }> {
    this.#events = [];
    try {
      await call();
      const waves: string[][] = [];
      let inFlight = 0;
      for (const e of this.#events) {
        if (e.kind === 'start') {
          if (inFlight === 0) waves.push([]);
          waves[waves.length - 1]?.push(e.op);
          inFlight++;
        } else inFlight--;
      }
      return { sequential: waves.length, waves };
    } finally {
      this.#events = undefined;
    }
  }
}
