import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface PortalBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** CSP violations seen so far (securitypolicyviolation events and console reports). */
  readonly cspViolations: string[];
  /** Every console message the pages wrote, and every URL a page frame navigated to. */
  readonly consoleLines: string[];
  readonly urls: string[];
  close(): Promise<void>;
}

/** A fresh, isolated Chromium: its own profile directory, no network services of its own. */
export const openChromium = async (origin: string): Promise<PortalBrowser> => {
  const profile = await mkdtemp(join(tmpdir(), 'coffer-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 860 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const cspViolations: string[] = [];
  // Runs before any page script; reports what the browser blocked, not what the test guessed.
  // (Strings, not functions: the test code is type-checked without the DOM library.)
  await context.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
  );
  const page = context.pages()[0] ?? (await context.newPage());
  // Fail a step in 15 s, not Playwright's 30 s default: every step here answers in well under a second.
  page.setDefaultTimeout(15_000);
  const consoleLines: string[] = [];
  const urls: string[] = [];
  page.on('console', (m) => {
    consoleLines.push(m.text());
    if (/Content Security Policy|CSP violation/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on('framenavigated', (f) => urls.push(f.url()));
  return {
    context,
    page,
    cspViolations,
    consoleLines,
    urls,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
};

/** What every screen must satisfy: nothing blocked by the CSP, web storage empty, axe clean. */
export const assessScreen = async (b: PortalBrowser, screen: string) => {
  const { page } = b;
  expect(b.cspViolations, screen).toEqual([]);
  const storage = await page.evaluate(
    '({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })',
  );
  expect(storage, screen).toEqual({ local: [], session: [] });
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE);
  const result = await page.evaluate("axe.run(document, { resultTypes: ['violations'] })");
  const serious = (
    result as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }
  ).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, screen).toEqual([]);
};
