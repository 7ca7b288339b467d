import { createApi } from '../functions/api/app.js';
import type { LocalCoffer } from '../functions/local/runtime.js';
import type { CofferClient } from './coffer-client.js';
import type { Floor } from './floor.js';

const RUNS = Number(process.env.COFFER_BENCH_CPU_RUNS ?? 400);

/** CPU milliseconds (user + system, this process) per call of `f`, run one at a time. */
const cpuPer = async (f: () => Promise<unknown>, runs = RUNS): Promise<number> => {
  for (let i = 0; i < 20; i++) await f(); // warm
  const t0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) await f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000 / runs;
};

export interface CpuFigures {
  readonly runs: number;
  /** Whether the store's own CPU is in these figures (only with `--store inline`). */
  readonly storeInProcess: boolean;
  /**
   * One warm open-one through the API's fetch handler in this process (what Lambda runs, without the
   * HTTP client and server): routing, validation, caches, the handler, the audit event, the DynamoDB
   * client's two requests, the envelope open, the JSON answer.
   */
  readonly openOneMs: number;
  /** The floor's GetItem + open: the DynamoDB client's request and the envelope open. */
  readonly getItemAndOpenMs: number;
  /** One PutItem of an item the size of an audit event: the DynamoDB client's share of the audit write. */
  readonly auditSizedPutItemMs: number;
  /** One ES256 access-token verification, which the verified-token cache saves on warm requests. */
  readonly es256VerifyMs: number;
  /**
   * openOne − getItemAndOpen − auditSizedPutItem: the handler's own work (routing,
   * validation, authorization from the caches, the audit event, the response), which on Lambda is
   * billed as duration.
   */
  readonly handlerOwnMs: number;
}

/**
 * What is left of a warm request's CPU once the token and grant caches are warm: the API's fetch
 * handler called in this process (no HTTP client or server to subtract), less the two DynamoDB
 * requests the DynamoDB client sends and the envelope open, measured alone; what remains is the handler's
 * own work.
 */
export const measureCpu = async (
  coffer: LocalCoffer,
  api: CofferClient,
  floor: Floor,
  openOnePath: string,
  table: string,
  storeInProcess: boolean,
): Promise<CpuFigures> => {
  const api2 = createApi(coffer.services, { clientIp: () => '127.0.0.1' });
  const openOne = async () => {
    const res = await api2.fetch(new Request(`http://127.0.0.1${openOnePath}`, { headers: api.authHeaders }));
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${openOnePath} → ${res.status}`);
  };
  let n = 0;
  // ≈ 420 bytes, as a warm open-one's audit event.
  const put = () =>
    floor.client.send('PutItem', {
      TableName: table,
      Item: {
        pk: { S: `BENCH#CPU#${n % 16}` },
        sk: { S: `${new Date().toISOString()}#${n++}` },
        body: { S: 'x'.repeat(360) },
      },
      ReturnConsumedCapacity: 'TOTAL',
    });
  // Interleaved in short blocks, so background load falls on every figure alike.
  const totals = { openOne: 0, getItemAndOpen: 0, put: 0 };
  const blocks = 4;
  for (let b = 0; b < blocks; b++) {
    totals.openOne += await cpuPer(openOne, RUNS / blocks);
    totals.getItemAndOpen += await cpuPer(() => floor.once(), RUNS / blocks);
    totals.put += await cpuPer(put, RUNS / blocks);
  }
  const openOneMs = totals.openOne / blocks;
  const getItemAndOpenMs = totals.getItemAndOpen / blocks;
  const auditSizedPutItemMs = totals.put / blocks;
  const es256VerifyMs = await cpuPer(() => coffer.services.tokens.verify(api.token));
  return {
    runs: RUNS,
    storeInProcess,
    openOneMs,
    getItemAndOpenMs,
    auditSizedPutItemMs,
    es256VerifyMs,
    handlerOwnMs: openOneMs - getItemAndOpenMs - auditSizedPutItemMs,
  };
};

export const printCpu = (c: CpuFigures) => {
  console.log(
    `\nCPU per request (this process's CPU time, ${c.runs} warm requests one at a time, 0 ms latency; ` +
      `store ${c.storeInProcess ? 'in this process' : 'in its own process, not counted'}):`,
  );
  const row = (label: string, v: number) => console.log(`  ${label.padEnd(62)} ${v.toFixed(3)} ms`);
  row("open-one through the API's fetch handler (no HTTP)", c.openOneMs);
  row('GetItem + envelope open (DynamoDB client)', c.getItemAndOpenMs);
  row('PutItem of an audit-sized item (DynamoDB client)', c.auditSizedPutItemMs);
  row("handler's own CPU ≈ open-one − GetItem+open − PutItem", c.handlerOwnMs);
  row('one ES256 verification (saved by the token cache)', c.es256VerifyMs);
};
