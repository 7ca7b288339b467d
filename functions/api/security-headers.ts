import type { MiddlewareHandler } from 'hono';
import { HSTS } from '../../shared/web/hsts.js';

/**
 * Headers every API response carries, errors and 404s included. The API answers JSON to programs, so
 * nothing in a response should be cached by a proxy or browser (values, tokens and even metadata are
 * tenant data), sniffed into HTML, framed, or leak its URL in a Referer. A route that sets its own
 * `Cache-Control` (the public JWKS and discovery documents) keeps it; a route that serves HTML (the
 * portal) keeps its own Content-Security-Policy.
 */
const ALWAYS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  // Browsers ignore it over plain http (npm start); on AWS every request is https.
  'strict-transport-security': HSTS,
};
const DEFAULTS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  // A JSON document needs no scripts, styles or frames; if one is ever rendered, nothing runs.
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

export const securityHeaders = (): MiddlewareHandler =>
  async function securityHeaders(c, next) {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(ALWAYS)) headers.set(name, value);
    for (const [name, value] of Object.entries(DEFAULTS)) if (!headers.has(name)) headers.set(name, value);
  };
