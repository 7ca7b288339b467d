/**
 * Presenters live in presenters/, one file per resource. This keeps the pagination block for the
 * audit listing, whose tokens it builds itself.
 */
export const pagination = (next: string) => ({ next_page_token: next, previous_page_token: '' });
