/**
 * Load generator, run in its own worker thread (see http-load.ts) so that autocannon's request
 * generation does not compete with the service for the main thread's event loop. It records every
 * response's client-side latency and the handler time the service reports in `server-timing`.
 */
import { parentPort } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from './http-load.js';

const SERVER_TIMING = /(?:^|,)\s*app;dur=([0-9.]+)/;

const run = async (spec: LoadSpec): Promise<LoadResult> => {
  const latencies: number[] = [];
  const serverMs: number[] = [];
  const statusCounts: Record<string, number> = {};
  let missingServerTiming = 0;
  let counter = 0;
  let firstError: string | undefined;

  const rotate = spec.rotate;
  const requests: autocannon.Request[] | undefined = rotate
    ? [
        {
          method: spec.method,
          setupRequest: (req) => {
            const i = counter++;
            const name = rotate.names[i % rotate.names.length] as string;
            return { ...req, body: JSON.stringify({ name, value: `${rotate.valuePrefix}-${i}` }) };
          },
        },
      ]
    : undefined;

  const started = performance.now();
  const result = await autocannon({
    url: spec.url + spec.path,
    method: spec.method,
    headers: spec.headers,
    body: spec.body,
    requests,
    connections: spec.connections,
    ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.durationSeconds ?? 5 }),
    timeout: 20,
    setupClient: (client) => {
      let pendingTiming: number | undefined;
      let pendingStatus = 0;
      client.on('headers', (h) => {
        // autocannon passes http-parser-js's header info (raw header list), not IncomingHttpHeaders.
        const info = h as unknown as { statusCode?: number; headers?: string[] };
        pendingStatus = info.statusCode ?? 0;
        pendingTiming = undefined;
        const raw = info.headers ?? [];
        for (let i = 0; i + 1 < raw.length; i += 2) {
          if ((raw[i] as string).toLowerCase() !== 'server-timing') continue;
          const m = SERVER_TIMING.exec(raw[i + 1] as string);
          if (m?.[1]) pendingTiming = Number(m[1]);
        }
      });
      client.on('body', (body: Buffer) => {
        if (pendingStatus >= 400 && firstError === undefined)
          firstError = body.toString('utf8').slice(0, 300);
      });
      client.on('response', (status, _bytes, durationMs) => {
        statusCounts[String(status)] = (statusCounts[String(status)] ?? 0) + 1;
        latencies.push(durationMs);
        if (pendingTiming === undefined) missingServerTiming++;
        else serverMs.push(pendingTiming);
        pendingTiming = undefined;
      });
    },
  });
  const elapsedMs = performance.now() - started;

  return {
    completed: latencies.length,
    elapsedMs,
    statusCounts,
    connErrors: result.errors,
    timeouts: result.timeouts,
    firstError,
    latencyMs: latencies,
    serverMs,
    missingServerTiming,
  };
};

parentPort?.on('message', (msg: { id: number; spec: LoadSpec }) => {
  run(msg.spec).then(
    (result) => parentPort?.postMessage({ id: msg.id, result }),
    (e: unknown) => parentPort?.postMessage({ id: msg.id, error: String((e as Error)?.stack ?? e) }),
  );
});
