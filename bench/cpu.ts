import type { LocalCoffer } from '../functions/local/runtime.js';
import type { CofferClient } from './coffer-client.js';
import type { Floor } from './floor.js';

const RUNS = 400;

/** CPU milliseconds (user + system, whole process) per call of `f`, run one at a time. */
const cpuPer = async (f: () => Promise<unknown>, runs = RUNS): Promise<number> => {
  for (let i = 0; i < 20; i++) await f(); // warm
  const t0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) await f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000 / runs;
};

export interface CpuFigures {
  readonly runs: number;
  /** One warm open-one over HTTP: client, server, handler and the embedded store, all in this process. */
  readonly openOneMs: number;
  /** GET /healthz over HTTP: the HTTP client and server with no handler work (baseline). */
  readonly healthzMs: number;
  /** The floor's GetItem + open: SDK client, embedded store, AES-GCM. */
  readonly getItemAndOpenMs: number;
  /** One ES256 access-token verification, which the verified-token cache saves on warm requests. */
  readonly es256VerifyMs: number;
  /** openOne − healthz − 2 × getItemAndOpen: what the handler itself still spends (approximate). */
  readonly handlerRemainingMs: number;
}

/**
 * What is left of a warm request's CPU once the token and grant caches are warm. The embedded store
 * and the HTTP client run in this process, so they are measured alone and subtracted; the figure
 * is an estimate of the handler's own work (routing, validation, authorization, audit event,
 * response), which on Lambda is billed as duration.
 */
export const measureCpu = async (
  coffer: LocalCoffer,
  api: CofferClient,
  floor: Floor,
  openOnePath: string,
): Promise<CpuFigures> => {
  const get =
    (path: string, headers: Record<string, string> = {}) =>
    async () => {
      const res = await fetch(coffer.url + path, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path} → ${res.status}`);
    };
  const openOneMs = await cpuPer(get(openOnePath, api.authHeaders));
  const healthzMs = await cpuPer(get('/healthz'));
  const getItemAndOpenMs = await cpuPer(() => floor.once());
  const es256VerifyMs = await cpuPer(() => coffer.services.tokens.verify(api.token));
  return {
    runs: RUNS,
    openOneMs,
    healthzMs,
    getItemAndOpenMs,
    es256VerifyMs,
    handlerRemainingMs: openOneMs - healthzMs - 2 * getItemAndOpenMs,
  };
};

export const printCpu = (c: CpuFigures) => {
  console.log(`\nCPU per request (process CPU time, ${c.runs} warm requests one at a time, 0 ms latency):`);
  console.log(`  open-one over HTTP (client + server + store, one process)  ${c.openOneMs.toFixed(3)} ms`);
  console.log(`  GET /healthz over HTTP (baseline)                          ${c.healthzMs.toFixed(3)} ms`);
  console.log(
    `  GetItem + open (SDK + store + AES-GCM)                     ${c.getItemAndOpenMs.toFixed(3)} ms`,
  );
  console.log(
    `  handler's own remaining CPU ≈ open − healthz − 2 × GetItem  ${c.handlerRemainingMs.toFixed(3)} ms`,
  );
  console.log(
    `  one ES256 verification (saved by the token cache)          ${c.es256VerifyMs.toFixed(3)} ms`,
  );
};
