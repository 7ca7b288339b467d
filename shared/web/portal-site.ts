/**
 * Facts about the web portal that both the local process and the CloudFront distribution need: which
 * paths belong to the API (everything else is the single-page app) and the headers on its files.
 */

import { HSTS } from './hsts.js';

/**
 * First path segments served by the API (and the sign-in layer). CloudFront routes exactly these to
 * API Gateway; the local process serves every other GET from the portal's files, falling back to
 * index.html so a deep link (`/orgs/…/apps/web`) opens the app.
 */
export const API_PATH_PREFIXES = [
  '/secrets/',
  '/resource-manager/',
  '/iam/',
  '/audit/',
  '/oauth2/',
  '/.well-known/',
  '/auth/',
  '/v1/',
  // HCP's OpenAppSecretByResourceName: `/2023-11-28/secrets/project/…/secret/NAME:open`.
  '/2023-11-28/',
] as const;
/** Single API paths outside the prefixes above. */
export const API_EXACT_PATHS = ['/openapi.json', '/healthz', '/auth'] as const;

export const isApiPath = (path: string): boolean =>
  (API_EXACT_PATHS as readonly string[]).includes(path) || API_PATH_PREFIXES.some((p) => path.startsWith(p));

/**
 * The portal's Content-Security-Policy: only its own scripts and styles (no inline script, no eval,
 * no inline style attributes), API calls to its own origin only, never framed. Values the portal shows
 * therefore cannot become script, and a stolen page cannot talk to another origin.
 */
export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Security headers on every portal response, locally and from CloudFront's response-headers policy. */
export const PORTAL_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': PORTAL_CSP,
  'strict-transport-security': HSTS,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
});

/** Hashed build assets never change; index.html must always be revalidated to pick up a new build. */
export const cacheControlFor = (path: string): string =>
  path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
