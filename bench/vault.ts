/**
 * Vault phase of `npm run bench` (issue 11): the same app of 100 secrets read whole through both
 * front doors, side by side on one in-process Coffer:
 *   hcp    GET P/apps/bench-vault/secrets:open      (Authorization: Bearer)
 *   vault  GET /v1/secret/data/bench-vault          (X-Vault-Token, the same Coffer token)
 * Slices of a fixed request count alternate between the two in rotating order, so background load
 * falls on both alike. Per operation: requests completed, DynamoDB requests (by command) and
 * latency percentiles. The Vault read must cost no more DynamoDB requests than `secrets:open`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCoffer } from '../functions/local/runtime.js';
import type { DynamoStats } from '../shared/adapters/dynamodb/metrics.js';
import { parseLocalConfig } from '../shared/config.js';
import { CofferClient } from './coffer-client.js';
import { diff, snapshot } from './floor.js';
import { HttpLoad } from './http-load.js';
import { round, summarize, type Summary } from './stats.js';

const CONNECTIONS = Number(process.env.COFFER_BENCH_CONNECTIONS ?? 16);
const SECRETS = 100;
const APP = 'bench-vault';
const ROUNDS = 4;
/** Requests per slice: enough for stable percentiles, little enough for a loaded 2-core machine. */
const PER_SLICE = 300;
const WARMUP = 100;
const SETTLE_MS = 150;

export interface VaultSide {
  readonly label: string;
  readonly request: string;
  readonly requests: number;
  readonly non2xx: number;
  readonly requestsPerSecond: number;
  readonly dynamoRequestsPerOperation: number;
  readonly dynamoByOperation: Record<string, number>;
  readonly latencyMs: Summary;
}

export interface VaultPhaseResult {
  readonly secrets: number;
  readonly connections: number;
  readonly hcp: VaultSide;
  readonly vault: VaultSide;
  readonly target: { readonly target: string; readonly met: boolean; readonly summary: string };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const measureVaultRead = async (): Promise<VaultPhaseResult> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'coffer-bench-vault-'));
  const config = parseLocalConfig({ COFFER_DATA_DIR: dataDir, PORT: '0', COFFER_LOG_LEVEL: 'silent' });
  const coffer = await startLocalCoffer(config);
  const load = new HttpLoad();
  try {
    const { organization_id: org, project_id: project, client_id: clientId } = coffer.bootstrap.state;
    const api = await CofferClient.login(coffer.url, clientId, coffer.bootstrap.generatedSecret as string);
    const P = `/secrets/2023-11-28/organizations/${org}/projects/${project}`;
    await api.call('POST', `${P}/apps`, { name: APP, description: 'benchmark' });
    const secrets = Array.from({ length: SECRETS }, (_, i) => ({
      name: `SECRET_${String(i).padStart(3, '0')}`,
      value: randomBytes(24).toString('base64url'),
    }));
    await api.call('POST', `${P}/apps/${APP}/secret/kv:batch`, { secrets });

    const vaultHeaders = { 'x-vault-token': api.token };
    const check = await fetch(`${coffer.url}/v1/secret/data/${APP}`, { headers: vaultHeaders });
    const body = (await check.json()) as { data?: { data?: Record<string, string> } };
    if (secrets.some((s) => body.data?.data?.[s.name] !== s.value)) {
      throw new Error(`the Vault read returned wrong values (${check.status})`);
    }

    const sides = [
      {
        label: 'HCP secrets:open',
        request: `GET P/apps/${APP}/secrets:open`,
        path: `${P}/apps/${APP}/secrets:open`,
        headers: api.authHeaders,
      },
      {
        label: 'Vault KV v2 read',
        request: `GET /v1/secret/data/${APP}`,
        path: `/v1/secret/data/${APP}`,
        headers: vaultHeaders,
      },
    ];
    const slice = async (side: (typeof sides)[number], amount: number) => {
      const before = snapshot(coffer.dynamoStats);
      const r = await load.run({
        url: coffer.url,
        path: side.path,
        method: 'GET',
        headers: side.headers,
        connections: CONNECTIONS,
        amount,
      });
      await sleep(SETTLE_MS);
      return { r, dynamo: diff(snapshot(coffer.dynamoStats), before) };
    };
    for (const side of sides) await slice(side, WARMUP);
    const acc = sides.map(() => ({
      completed: 0,
      elapsedMs: 0,
      non2xx: 0,
      latencies: [] as number[],
      dynamo: { requests: 0, byOperation: {}, readUnits: 0, writeUnits: 0 } as DynamoStats,
    }));
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < sides.length; k++) {
        const i = (k + round) % sides.length;
        const { r, dynamo } = await slice(sides[i]!, PER_SLICE);
        const a = acc[i]!;
        a.completed += r.completed;
        a.elapsedMs += r.elapsedMs;
        a.non2xx += Object.entries(r.statusCounts)
          .filter(([s]) => !s.startsWith('2'))
          .reduce((n, [, c]) => n + c, 0);
        for (const l of r.latencyMs) a.latencies.push(l);
        a.dynamo.requests += dynamo.requests;
        for (const [op, n] of Object.entries(dynamo.byOperation)) {
          a.dynamo.byOperation[op] = (a.dynamo.byOperation[op] ?? 0) + n;
        }
      }
    }
    const [hcp, vault] = sides.map((side, i): VaultSide => {
      const a = acc[i]!;
      return {
        label: side.label,
        request: side.request,
        requests: a.completed,
        non2xx: a.non2xx,
        requestsPerSecond: round(a.completed / (a.elapsedMs / 1000), 1),
        dynamoRequestsPerOperation: round(a.dynamo.requests / a.completed),
        dynamoByOperation: Object.fromEntries(
          Object.entries(a.dynamo.byOperation).map(([op, n]) => [op, round(n / a.completed)]),
        ),
        latencyMs: summarize(a.latencies),
      };
    }) as [VaultSide, VaultSide];
    const met = vault.dynamoRequestsPerOperation <= hcp.dynamoRequestsPerOperation && vault.non2xx === 0;
    return {
      secrets: SECRETS,
      connections: CONNECTIONS,
      hcp,
      vault,
      target: {
        target: 'a Vault read of the map costs no more DynamoDB requests than secrets:open of the same app',
        met,
        summary:
          `${vault.dynamoRequestsPerOperation} vs ${hcp.dynamoRequestsPerOperation} DynamoDB requests per read ` +
          `(audit write included); p50 ${round(vault.latencyMs.p50, 2)} vs ${round(hcp.latencyMs.p50, 2)} ms`,
      },
    };
  } finally {
    await load.close().catch(() => undefined);
    await sleep(4 * SETTLE_MS);
    await coffer.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
};

/** The phase, printed; failures are reported in the results instead of stopping the benchmark. */
export const runVaultPhase = async (): Promise<VaultPhaseResult | { error: string }> => {
  try {
    const r = await measureVaultRead();
    console.log(
      `\nVault API beside the HCP API: one app of ${r.secrets} secrets, ${r.connections} connections`,
    );
    const row = (cells: string[]) =>
      console.log(`  ${cells.map((c, i) => c.padEnd(i === 0 ? 20 : 12)).join('')}`);
    row(['', 'requests', 'req/s', 'DynamoDB/op', 'p50 ms', 'p99 ms']);
    for (const s of [r.hcp, r.vault]) {
      row([
        s.label,
        String(s.requests),
        String(s.requestsPerSecond),
        String(s.dynamoRequestsPerOperation),
        String(round(s.latencyMs.p50, 2)),
        String(round(s.latencyMs.p99, 2)),
      ]);
    }
    console.log(`  ${r.target.met ? 'MET' : 'NOT MET'}: ${r.target.target}: ${r.target.summary}`);
    return r;
  } catch (e) {
    console.warn(`  vault phase failed: ${String((e as Error)?.message ?? e)}`);
    return { error: String((e as Error)?.message ?? e) };
  }
};
