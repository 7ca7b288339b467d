import type { DynamoHttpClient } from '../shared/adapters/dynamodb/http-client.js';

/**
 * Injected DynamoDB latency (benchmark only): every request waits `ms` before it is sent, as a
 * round trip to a regional endpoint would (4-8 ms from Lambda). Mutable, so one run can measure
 * the same service at 0 and at N ms.
 */
export interface InjectedLatency {
  ms: number;
}

export const addLatency = (client: DynamoHttpClient, latency: InjectedLatency): void => {
  client.use(async (_call, next) => {
    if (latency.ms > 0) await new Promise((r) => setTimeout(r, latency.ms));
    return next();
  });
};

/** `--dynamo-latency-ms N` from the command line (npm run bench -- --dynamo-latency-ms 5). */
export const latencyArgument = (argv: readonly string[], fallback: number): number => {
  const i = argv.findIndex((a) => a === '--dynamo-latency-ms' || a.startsWith('--dynamo-latency-ms='));
  if (i < 0) return fallback;
  const raw = argv[i]?.includes('=') ? argv[i]?.split('=')[1] : argv[i + 1];
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0 || ms > 1000)
    throw new Error(`--dynamo-latency-ms: not a number of ms: ${raw}`);
  return ms;
};
