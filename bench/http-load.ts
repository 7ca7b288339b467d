import { Worker } from 'node:worker_threads';

/** One autocannon run, described in plain data so it can cross to the load worker. */
export interface LoadSpec {
  readonly url: string;
  readonly path: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** POST `{"name","value"}` bodies, cycling through `names` (one request each, round-robin). */
  readonly rotate?: { readonly names: readonly string[]; readonly valuePrefix: string };
  readonly connections: number;
  /** Exactly this many requests (so counters can be divided exactly)… */
  readonly amount?: number;
  /** …or run for this long. */
  readonly durationSeconds?: number;
}

export interface LoadResult {
  readonly completed: number;
  readonly elapsedMs: number;
  readonly statusCounts: Record<string, number>;
  readonly connErrors: number;
  readonly timeouts: number;
  readonly firstError: string | undefined;
  /** Client-side latency of each response, ms. */
  readonly latencyMs: number[];
  /** The service's own handler time of each response, from `server-timing: app;dur=`, ms. */
  readonly serverMs: number[];
  readonly missingServerTiming: number;
}

/**
 * Drives autocannon in a worker thread. The worker is a TypeScript module, so it is started through
 * a tiny bootstrap that loads it with tsx's API (a Worker does not inherit tsx's loader on Node 20).
 */
export class HttpLoad {
  readonly #worker: Worker;
  #next = 0;
  readonly #pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();

  constructor() {
    const file = new URL('./load-worker.ts', import.meta.url).href;
    const tsxApi = import.meta.resolve('tsx/esm/api');
    const boot =
      `import(${JSON.stringify(tsxApi)})` +
      `.then(({ tsImport }) => tsImport(${JSON.stringify(file)}, ${JSON.stringify(import.meta.url)}))`;
    this.#worker = new Worker(boot, { eval: true });
    this.#worker.on('message', (msg: { id: number; result?: LoadResult; error?: string }) => {
      const p = this.#pending.get(msg.id);
      if (!p) return;
      this.#pending.delete(msg.id);
      if (msg.result) p.resolve(msg.result);
      else p.reject(new Error(`load worker failed: ${msg.error ?? 'unknown error'}`));
    });
    this.#worker.on('error', (e) => {
      for (const p of this.#pending.values()) p.reject(e);
      this.#pending.clear();
    });
  }

  run(spec: LoadSpec): Promise<LoadResult> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, spec });
    });
  }

  #closed = false;

  /** Stops the worker; safe to call more than once. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#worker.terminate();
  }
}
