import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Statuses whose response has no body (the Response constructor refuses one). */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * `fetch` on node:http(s), for every request the CLI makes. Node's global fetch (undici) parses
 * HTTP with a WebAssembly build of llhttp; V8 keeps optimizing that module on a background thread
 * after the request, and Node waits for that work before the process may exit: 100-400 ms (more on
 * a busy machine) added to every online `coffer run`, measured in bench/cli.ts. node:http's parser
 * is native, so the process exits as soon as the child has.
 *
 * Same contract as fetch for what the CLI uses: method, headers, body, abort signal; a network
 * failure rejects with a TypeError whose `cause` is the socket error. Redirects are returned, not
 * followed (the caller says what to do about one), and the body is buffered (API answers are small).
 */
export const nodeFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
  new Promise<Response>((resolve, reject) => {
    const request = input instanceof Request && !init ? input : new Request(input, init);
    const url = new URL(request.url);
    const send =
      url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : undefined;
    if (!send) return reject(new TypeError(`unsupported protocol ${url.protocol}`));
    const fail = (e: unknown) => reject(new TypeError('fetch failed', { cause: e }));
    void (request.body ? request.arrayBuffer() : Promise.resolve(undefined)).then((body) => {
      const headers: Record<string, string> = {};
      request.headers.forEach((v, k) => (headers[k] = v));
      if (body) headers['content-length'] = String(body.byteLength);
      const req = send(url, { method: request.method, headers, signal: request.signal }, (res) =>
        collect(res).then(
          (buf) => resolve(toResponse(res, request.method === 'HEAD' ? undefined : buf)),
          fail,
        ),
      );
      req.on('error', fail);
      req.end(body ? Buffer.from(body) : undefined);
    }, fail);
  });

const collect = (res: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
  });

const toResponse = (res: IncomingMessage, body: Buffer | undefined): Response => {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
    headers.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
  const status = res.statusCode ?? 0;
  return new Response(NO_BODY.has(status) || !body ? null : body, {
    status,
    statusText: res.statusMessage ?? '',
    headers,
  });
};
