import type { Page, PageRequest } from '../../shared/domain/ports.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import { DEFAULT_PAGE_SIZE, type PageQueryT } from './schemas/common.js';

/**
 * HCP pagination at the edge. `listing` names what is listed (and every filter), so a token from
 * one listing is refused by another. A previous_page_token reads backwards from its position.
 */
export const pageRequestOf = (listing: string, q: PageQueryT): PageRequest => {
  const limit = q['pagination.page_size'] || DEFAULT_PAGE_SIZE;
  const previous = q['pagination.previous_page_token'];
  if (previous) return { limit, cursor: decodePageToken(listing, previous), backward: true };
  return { limit, cursor: decodePageToken(listing, q['pagination.next_page_token']) };
};

export const paginationOf = (listing: string, page: Page<unknown>) => ({
  next_page_token: encodePageToken(listing, page.nextCursor),
  previous_page_token: encodePageToken(listing, page.prevCursor),
});
