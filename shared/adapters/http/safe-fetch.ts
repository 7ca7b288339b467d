/**
 * Outbound requests to addresses a tenant chose (workload identity issuers and their JWKS, sync
 * destinations' base URLs, token endpoints and vaults). Without care, such a request is a blind SSRF:
 * a tenant names `http://169.254.169.254/` or an internal service and Coffer calls it from inside its
 * network. Every request here:
 * - goes to `https:` only (plain `http:` only to loopback, and only when the local-only setting allows
 *   it, for tests against stand-ins);
 * - refuses loopback, private (RFC 1918, CGNAT, ULA), link-local, metadata, multicast and reserved
 *   addresses as resolved at connect time: the DNS lookup of every connection is checked, so a name
 *   that resolves to a public address when written and to 127.0.0.1 later (DNS rebinding) is still
 *   refused; IP literals are checked before connecting;
 * - never follows redirects, times out, and stops reading a response past a size limit.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';

export interface OutboundPolicy {
  /** Allow `http:` and loopback addresses (tests and local development against local servers). */
  readonly allowLoopbackHttp: boolean;
  /** Whole-request timeout unless the caller's own signal is shorter. Default 10 s. */
  readonly timeoutMs?: number;
  /** Largest response body read. Default 1 MiB. */
  readonly maxResponseBytes?: number;
}

/** Thrown for an address or URL the policy refuses; `code` is stable. */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused';
  readonly code = 'OUTBOUND_ADDRESS_REFUSED';
}

export const DEFAULT_OUTBOUND_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** Never reachable from a tenant's URL. (IPv4-mapped IPv6 addresses are checked as IPv4.) */
const FORBIDDEN = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // CGNAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  FORBIDDEN.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64: would reach any IPv4 address, private ones included
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['fc00::', 7], // unique local (ULA), including AWS's metadata address fd00:ec2::254
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  FORBIDDEN.addSubnet(net, bits, 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const mappedIpv4 = (address: string) => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
const familyOf = (ip: string) => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');
const isLoopback = (address: string) => {
  const ip = mappedIpv4(address) ?? address;
  return LOOPBACK.check(ip, familyOf(ip));
};

/** Why an IP address may not be reached under the policy, or undefined when it may. */
export const addressProblem = (address: string, policy: OutboundPolicy): string | undefined => {
  const ip = mappedIpv4(address) ?? address;
  if (policy.allowLoopbackHttp && isLoopback(ip)) return undefined;
  return FORBIDDEN.check(ip, familyOf(ip))
    ? `${address} is a loopback, private, link-local or reserved address`
    : undefined;
};

/** Why a URL may not be fetched under the policy (scheme, credentials, literal address), or undefined. */
export const urlProblem = (raw: string, policy: OutboundPolicy): string | undefined => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackName = host === 'localhost' || (isIP(host) !== 0 && isLoopback(host));
  if (url.protocol === 'http:') {
    if (!policy.allowLoopbackHttp || !loopbackName) return 'must use https';
  } else if (url.protocol !== 'https:') return 'must use https';
  if (url.username || url.password) return 'must not carry credentials';
  if (isIP(host) !== 0) return addressProblem(host, policy);
  if (host === 'localhost' && !policy.allowLoopbackHttp) return 'must not name localhost';
  return undefined;
};

/**
 * A DNS lookup for `net.connect` that refuses the connection when any address the name resolves to is
 * forbidden (checking them all, so a name that mixes a public and a private address cannot be used
 * to pick the private one).
 */
export const safeLookup = (policy: OutboundPolicy): LookupFunction =>
  ((
    hostname: string,
    options: { all?: boolean; family?: number },
    callback: (...args: unknown[]) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      const bad = addresses.map((a) => addressProblem(a.address, policy)).find((p) => p !== undefined);
      if (bad || addresses.length === 0) {
        return callback(new OutboundRefused(`${hostname} resolves to a refused address (${bad ?? 'none'})`));
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  }) as LookupFunction;

/** Node agents with the checked lookup, for clients that take agents instead of a fetch (AWS SDK). */
export const safeAgents = (policy: OutboundPolicy) => ({
  http: new http.Agent({ lookup: safeLookup(policy), keepAlive: true }),
  https: new https.Agent({ lookup: safeLookup(policy), keepAlive: true }),
});

/**
 * A `fetch` that applies the policy to every request (see the module comment). It is built on
 * node:http and node:https with the checked lookup rather than on the undici package: Node's own
 * fetch takes no lookup, and undici would add about 540 kB to every Lambda bundle (a slower cold
 * start on every request path). The standard `Request` normalises whatever body and headers a client
 * passes (string, bytes, URLSearchParams, FormData, a stream), so only the transport is ours.
 */
export const createSafeFetch = (policy: OutboundPolicy): typeof fetch => {
  const timeoutMs = policy.timeoutMs ?? DEFAULT_OUTBOUND_TIMEOUT_MS;
  const maxBytes = policy.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const agents = safeAgents(policy);
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const problem = urlProblem(request.url, policy);
    if (problem) throw new OutboundRefused(`${new URL(request.url).origin} ${problem}`);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const res = await send(request, body, signal, agents);
    const bytes = await readLimited(decoded(res), maxBytes, request.url, signal);
    // A redirect is handed back unfollowed: its target was never checked.
    const status = res.statusCode ?? 502;
    const response = new Response(status === 204 || status === 304 ? null : bytes, {
      status,
      statusText: res.statusMessage ?? '',
      headers: headersOf(res),
    });
    // Clients read it (Octokit builds its paging and errors from it).
    Object.defineProperty(response, 'url', { value: request.url });
    return response;
  }) as typeof fetch;
};

const send = (
  request: Request,
  body: Buffer | undefined,
  signal: AbortSignal,
  agents: ReturnType<typeof safeAgents>,
) =>
  new Promise<http.IncomingMessage>((resolve, reject) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    if (body) headers['content-length'] = String(body.byteLength);
    const options: http.RequestOptions = {
      method: request.method,
      headers,
      signal,
      agent: url.protocol === 'https:' ? agents.https : agents.http,
    };
    const req = (url.protocol === 'https:' ? https : http).request(url, options, resolve);
    req.on('error', (e) => reject(signal.aborted ? abortError(signal) : e));
    req.end(body);
  });

const abortError = (signal: AbortSignal) =>
  signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The operation was aborted', 'AbortError');

/** As fetch does: a compressed body is handed over decoded (the size limit counts decoded bytes). */
const DECODERS: Record<string, () => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};
const encodingOf = (res: http.IncomingMessage) =>
  String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
const decoded = (res: http.IncomingMessage): Readable => {
  const decoder = DECODERS[encodingOf(res)];
  if (!decoder) return res;
  const stream = decoder();
  res.on('error', (e) => stream.destroy(e));
  return res.pipe(stream);
};

const headersOf = (res: http.IncomingMessage): Headers => {
  const headers = new Headers();
  const decodedBody = DECODERS[encodingOf(res)] !== undefined;
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    if (decodedBody && (name === 'content-encoding' || name === 'content-length')) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
};

const readLimited = async (
  res: Readable,
  maxBytes: number,
  url: string,
  signal: AbortSignal,
): Promise<Uint8Array> => {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res) {
      const buf = chunk as Buffer;
      total += buf.byteLength;
      if (total > maxBytes) {
        res.destroy();
        throw new OutboundRefused(
          `the response from ${new URL(url).origin} is larger than ${maxBytes} bytes`,
        );
      }
      chunks.push(buf);
    }
  } catch (e) {
    throw signal.aborted && !(e instanceof OutboundRefused) ? abortError(signal) : e;
  }
  return Buffer.concat(chunks);
};
