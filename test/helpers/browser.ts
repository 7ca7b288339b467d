import { CookieJar } from 'tough-cookie';

export interface Page {
  status: number;
  url: string;
  headers: Headers;
  text: string;
}

/**
 * A browser without a browser: `fetch` plus a real cookie jar (tough-cookie, RFC 6265 rules for
 * Path, SameSite-less sending, Secure on loopback), following redirects by hand so a test can stop
 * at any hop. Enough to drive an OpenID Connect authorization-code flow through HTTP.
 */
export class Browser {
  readonly jar = new CookieJar();

  /** One request, cookies in and out; no redirect followed. */
  async fetch(url: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Page> {
    const cookie = await this.jar.getCookieString(url);
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...init.headers },
    });
    for (const c of res.headers.getSetCookie()) await this.jar.setCookie(c, url);
    return { status: res.status, url, headers: res.headers, text: await res.text() };
  }

  /**
   * Follows redirects from `url` (GET) until a non-redirect answer, or until `stop(url)` says the
   * next hop is where the test wants to look (the hop is returned, not fetched).
   */
  async navigate(url: string, stop: (next: string) => boolean = () => false, first?: Page): Promise<Page> {
    let page = first ?? (await this.fetch(url));
    for (let hops = 0; hops < 20 && page.status >= 300 && page.status < 400; hops++) {
      const next = new URL(page.headers.get('location') as string, page.url).toString();
      if (stop(next)) return { status: 0, url: next, headers: new Headers(), text: '' };
      page = await this.fetch(next);
    }
    return page;
  }

  /** Submits a form the way a browser would (urlencoded POST), then follows redirects. */
  async submit(page: Page, fields: Record<string, string>, stop?: (next: string) => boolean): Promise<Page> {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.text)?.[1]?.replace(/&amp;/g, '&');
    if (!action) throw new Error(`no form on ${page.url}`);
    const target = new URL(action, page.url).toString();
    const res = await this.fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return this.navigate(target, stop, res);
  }

  async cookie(url: string, name: string): Promise<string | undefined> {
    return (await this.jar.getCookies(url)).find((c) => c.key === name)?.value;
  }
}
