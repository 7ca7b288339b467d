import { createHash } from 'node:crypto';
import { CofferError } from '../../shared/domain/errors.js';

/**
 * Opaque page tokens. A token carries the store's cursor, the listing it belongs to, and a digest
 * over both, so a token that was edited, truncated or taken from another listing is refused with
 * 400. The cursor can only ever name a position inside the caller's own, already authorized
 * partition (the store builds the partition key from the scope, never from the token), so even a
 * forged token cannot reach another tenant's data.
 */
const digest = (listing: string, cursor: string) =>
  createHash('sha256').update(listing).update('\0').update(cursor).digest('base64url').slice(0, 22);

export const encodePageToken = (listing: string, cursor: string | undefined): string =>
  cursor === undefined
    ? ''
    : Buffer.from(JSON.stringify({ c: cursor, d: digest(listing, cursor) })).toString('base64url');

export const decodePageToken = (listing: string, token: string | undefined): string | undefined => {
  if (token === undefined || token === '') return undefined;
  const invalid = () =>
    new CofferError('INVALID_PAGE_TOKEN', 'pagination.next_page_token is not a valid token for this listing');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { c, d } = (parsed ?? {}) as { c?: unknown; d?: unknown };
  if (typeof c !== 'string' || typeof d !== 'string' || d !== digest(listing, c)) throw invalid();
  return c;
};
