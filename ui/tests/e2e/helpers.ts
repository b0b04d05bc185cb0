/** Shared steps of the UI tests: open the built UI on the fake backend, take screenshots. */
import { expect, type Page } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const FAKE = path.join(here, 'fake-backend.js');
export const SHOTS = path.join(here, '..', '..', 'test-results', 'screenshots');

/** What the fake backend starts with (see fake-backend.js). */
export type FakeConfig = {
  signedIn?: boolean;
  hostile?: boolean;
  language?: 'system' | 'fr' | 'en';
  theme?: 'system' | 'light' | 'dark';
  bulkPosts?: number;
  autoDeliver?: boolean;
};

/** Loads the UI with the fake IPC installed before any of its scripts run. */
export async function openApp(page: Page, config: FakeConfig = {}, scheme: 'light' | 'dark' = 'light'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  await page.addInitScript((cfg) => {
    (window as unknown as { __FAKE_CONFIG__: unknown }).__FAKE_CONFIG__ = cfg;
  }, config);
  await page.addInitScript({ path: FAKE });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto('/');
  if (config.signedIn === false) await expect(page.locator('form')).toBeVisible();
  else await expect(page.locator('nav.sidebar')).toBeVisible();
}

/** Saves a screenshot of the whole window under test-results/screenshots. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Calls a method of the fake backend inside the page. */
export async function fake<T = unknown>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([m, a]) => {
      const f = (window as unknown as { __fake: Record<string, (...x: unknown[]) => unknown> }).__fake;
      return f[m as string](...(a as unknown[])) as T;
    },
    [method, args] as const,
  );
}

/** The commands the UI called so far, in order. */
export async function calls(page: Page): Promise<{ cmd: string; args: Record<string, unknown> }[]> {
  return page.evaluate(() => (window as unknown as { __fake: { calls: { cmd: string; args: Record<string, unknown> }[] } }).__fake.calls);
}

/** Content-Security-Policy violations seen so far (the preview server sends the app's CSP). */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}
