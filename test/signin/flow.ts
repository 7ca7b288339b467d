import { expect } from 'vitest';
import type { Browser, Page } from '../helpers/browser.js';

export const CSRF = { 'x-coffer-csrf': '1' };

/** Starts sign-in in `browser` and stops at the provider's login form. */
export const openLoginForm = async (b: Browser, base: string, returnTo?: string): Promise<Page> => {
  const page = await b.navigate(
    `${base}/auth/login${returnTo ? `?return_to=${encodeURIComponent(returnTo)}` : ''}`,
  );
  expect(page.status).toBe(200);
  expect(page.text).toContain('Local development sign-in');
  return page;
};

/** Posts the login form and stops at Coffer's callback (returned, not yet followed). */
export const loginAtProvider = async (
  b: Browser,
  form: Page,
  email: string,
  password: string,
): Promise<string> => {
  const hop = await b.submit(
    form,
    { email, password },
    (next) => new URL(next).pathname === '/auth/callback',
  );
  expect(hop.status, hop.text.slice(0, 300)).toBe(0);
  return hop.url;
};

/** The whole flow: the browser ends up holding a session cookie. */
export const signIn = async (b: Browser, base: string, email: string, password: string) => {
  const callback = await loginAtProvider(b, await openLoginForm(b, base), email, password);
  const done = await b.fetch(callback);
  expect(done.status, done.text).toBe(302);
  return done;
};
