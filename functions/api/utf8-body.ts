import type { MiddlewareHandler } from 'hono';
import { CofferError } from '../../shared/domain/errors.js';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a request body that is not valid UTF-8 (stray bytes, overlong forms, encoded surrogates,
 * truncated sequences). JSON and form parsers would otherwise replace such bytes with U+FFFD, and a
 * secrets service must store exactly what it was given or refuse it. Every body the API accepts is
 * JSON or a form, both text, so the check applies to all of them, once, before any route parses.
 * The bytes are cached on the request, so the route's own parser reads them without a second copy
 * of the stream.
 */
export const requireUtf8Body = (): MiddlewareHandler =>
  async function requireUtf8Body(c, next) {
    if (METHODS_WITH_BODY.has(c.req.method) && c.req.raw.body !== null) {
      const bytes = await c.req.arrayBuffer();
      try {
        new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        throw new CofferError('INVALID_ARGUMENT', 'request body is not valid UTF-8');
      }
    }
    await next();
  };
