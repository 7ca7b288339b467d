/**
 * Shared plumbing for the destination stand-ins: a plain `node:http` server bound to 127.0.0.1 on a
 * random port, a request log that tests can count writes from, and fault injection (5xx and rate
 * limits) that the concrete stand-ins render in their vendor's own error format.
 *
 * Nothing here knows about any vendor; see github.ts, vercel.ts, aws-secrets-manager.ts,
 * gcp-secret-manager.ts and azure-key-vault.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface LoggedRequest {
  method: string;
  /** Path without the query string, still percent-encoded exactly as the client sent it. */
  path: string;
  query: string;
  status: number;
  /** Vendor operation where the path does not say it (AWS `X-Amz-Target`). */
  operation?: string;
  /** True when the stand-in classes this request as a write to destination state (attempted, not necessarily successful). */
  write: boolean;
  /** True for token endpoints (GCP/Azure), which are not destination API calls. */
  auth: boolean;
  /** True when the reply came from `failNext` / `rateLimitNext` rather than the emulated API. */
  injected: boolean;
}

export interface Call {
  method: string;
  url: URL;
  /** Raw (percent-encoded) pathname. */
  path: string;
  /** Pathname split on `/` and each segment percent-decoded, so `%2F` inside a segment survives. */
  segments: string[];
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else is JSON-encoded. `undefined` sends no body. */
  body?: unknown;
}

/** Narrows which requests an injected fault applies to. All given fields must match. */
export interface FaultMatch {
  method?: string;
  path?: string | RegExp;
  operation?: string;
}

interface Fault {
  remaining: number;
  match?: FaultMatch;
  reply: (call: Call) => Reply;
}

export class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`stand-in reply ${reply.status}`);
  }
}

export abstract class StandIn {
  private readonly entries: LoggedRequest[] = [];
  private readonly faults: Fault[] = [];
  private server: http.Server | undefined;
  private baseUrl: string | undefined;
  private inFlight = 0;
  /** Highest number of requests being handled at the same time, to check a client's concurrency cap. */
  maxInFlight = 0;

  async start(): Promise<{ url: string }> {
    if (this.baseUrl) return { url: this.baseUrl };
    await this.prepare();
    const server = http.createServer((req, res) => {
      void this.dispatch(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return { url: this.baseUrl };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.baseUrl = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('stand-in not started');
    return this.baseUrl;
  }

  /** Every request handled so far, oldest first (a copy). */
  get requests(): LoggedRequest[] {
    return [...this.entries];
  }

  /** Destination write requests received (including rejected and fault-injected ones). */
  writeCount(): number {
    return this.entries.filter((e) => e.write).length;
  }

  clearLog(): void {
    this.entries.length = 0;
    this.maxInFlight = 0;
  }

  /**
   * The next `count` matching requests fail with `status` (default 500) in the vendor's error format,
   * without touching state. Token endpoints are never affected unless `match` names them.
   */
  failNext(count = 1, status = 500, match?: FaultMatch): void {
    if (status < 500 || status > 599) throw new Error('failNext injects 5xx only; use rateLimitNext for 429');
    this.faults.push({ remaining: count, match, reply: (call) => this.serverError(status, call) });
  }

  /** Drop queued faults (e.g. between tests). */
  clearFaults(): void {
    this.faults.length = 0;
  }

  protected addFault(count: number, reply: (call: Call) => Reply, match?: FaultMatch): void {
    this.faults.push({ remaining: count, match, reply });
  }

  /** One-time async setup before listening (key generation). */
  protected async prepare(): Promise<void> {}

  protected abstract handle(call: Call): Promise<Reply> | Reply;
  protected abstract serverError(status: number, call: Call): Reply;

  /** Whether a request modifies (or tries to modify) destination state. */
  protected isWrite(call: Call): boolean {
    return call.method !== 'GET' && call.method !== 'HEAD';
  }

  protected isAuthEndpoint(_call: Call): boolean {
    return false;
  }

  protected operationOf(_call: Call): string | undefined {
    return undefined;
  }

  private takeFault(call: Call, operation: string | undefined): Fault | undefined {
    const auth = this.isAuthEndpoint(call);
    for (const fault of this.faults) {
      if (fault.remaining <= 0) continue;
      const m = fault.match;
      if (!m && auth) continue;
      if (m?.method && m.method.toUpperCase() !== call.method) continue;
      if (m?.operation && m.operation !== operation) continue;
      if (m?.path !== undefined) {
        const ok = typeof m.path === 'string' ? call.path === m.path : m.path.test(call.path);
        if (!ok) continue;
      }
      if (m && !m.path && auth) continue;
      fault.remaining -= 1;
      return fault;
    }
    return undefined;
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let reply: Reply;
    let call: Call | undefined;
    let injected = false;
    let operation: string | undefined;
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', this.baseUrl ?? 'http://127.0.0.1');
      call = {
        method: (req.method ?? 'GET').toUpperCase(),
        url,
        path: url.pathname,
        segments: url.pathname
          .split('/')
          .filter((s) => s.length > 0)
          .map(safeDecode),
        query: url.searchParams,
        headers: req.headers,
        body,
        text: body.toString('utf8'),
      };
      operation = this.operationOf(call);
      const fault = this.takeFault(call, operation);
      if (fault) {
        injected = true;
        reply = fault.reply(call);
      } else {
        reply = await this.handle(call);
      }
    } catch (err) {
      if (err instanceof HttpError) {
        reply = err.reply;
      } else {
        console.error('stand-in crashed', err);
        reply = { status: 599, body: `stand-in bug: ${String(err)}` };
      }
    } finally {
      this.inFlight -= 1;
    }
    if (call) {
      this.entries.push({
        method: call.method,
        path: call.path,
        query: call.url.search,
        status: reply.status,
        operation,
        write: !this.isAuthEndpoint(call) && this.isWrite(call),
        auth: this.isAuthEndpoint(call),
        injected,
      });
    }
    send(res, reply);
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks);
}

function send(res: http.ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload: Buffer | undefined;
  if (reply.body === undefined) {
    payload = undefined;
  } else if (Buffer.isBuffer(reply.body)) {
    payload = reply.body;
  } else if (typeof reply.body === 'string') {
    payload = Buffer.from(reply.body);
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else {
    payload = Buffer.from(JSON.stringify(reply.body));
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  if (payload) headers['content-length'] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

// ---------- small helpers shared by the stand-ins ----------

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a JSON body; `undefined` when the body is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function randomId(length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  return out;
}

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

export function bearerToken(headers: http.IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  if (!value) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return m?.[1];
}

/** Monotonic millisecond clock: never returns the same value twice, so timestamps order entries. */
export class Clock {
  private last = 0;
  now(): number {
    const t = Math.max(Date.now(), this.last + 1);
    this.last = t;
    return t;
  }
}
