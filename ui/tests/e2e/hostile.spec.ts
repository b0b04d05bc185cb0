/**
 * Hostile content served as body_html (and as a search snippet) by a compromised
 * backend renders without running any script, firing any dialog, loading anything from
 * another host, or restyling the app; its links open only through the opener, and only
 * when they are web links.
 */
import { test, expect, type Page } from '@playwright/test';
import { openApp, shot, fake } from './helpers';

async function guard(page: Page) {
  const requests: string[] = [];
  const dialogs: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:') {
      requests.push(route.request().url());
      return route.abort();
    }
    return route.continue();
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    (window as unknown as { __canary: string }).__canary = 'intact';
  });
  return { requests, dialogs };
}

/** Scrolls the windowed feed from the top until `text` is rendered. */
async function findInFeed(page: Page, text: string) {
  const target = page.getByText(text, { exact: true }).first();
  const scroller = page.locator('main .scroller');
  await scroller.evaluate((el) => (el.scrollTop = 0));
  for (let y = 0; y < 20000 && (await target.count()) === 0; y += 300) {
    await scroller.evaluate((el, top) => (el.scrollTop = top), y);
    await page.waitForTimeout(30);
  }
  await expect(target).toBeVisible();
  await target.scrollIntoViewIfNeeded();
  return target;
}

const canary = (page: Page) => page.evaluate(() => (window as unknown as { __canary: string }).__canary);

test('the hostile corpus renders inert in the feed, the post page and search', async ({ page }) => {
  const { requests, dialogs } = await guard(page);
  await openApp(page, { hostile: true, language: 'fr', theme: 'light' });
  await page.getByRole('navigation').getByRole('button', { name: /Corpus hostile/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Corpus hostile' })).toBeVisible();
  const feed = page.getByRole('feed');
  await expect(feed.locator('article').first()).toBeVisible();
  // Scroll the whole corpus through the window so every payload is rendered once.
  for (let i = 0; i < 12; i++) {
    await page.mouse.move(600, 500);
    await page.mouse.wheel(0, 700);
    await page.waitForTimeout(80);
  }
  await shot(page, 'hostile-feed');

  // Nothing dangerous survives in the DOM of the posts.
  const bodies = page.locator('.post .rich');
  const forbidden = await bodies.evaluateAll((nodes) =>
    nodes.flatMap((n) =>
      Array.from(n.querySelectorAll('script, img, svg, math, iframe, object, embed, video, audio, source, style, link, meta, base, form, input, button, picture, noscript, marquee, details[ontoggle], [style], [onerror], [onload], [onclick], [onmouseover]')).map((e) => e.outerHTML),
    ),
  );
  expect(forbidden).toEqual([]);
  const hrefs = await page.locator('.post .rich a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:)/i);
  const rels = await page.locator('.post .rich a').evaluateAll((as) => as.map((a) => a.getAttribute('rel')));
  for (const rel of rels) expect(rel).toBe('noopener noreferrer');

  // Hover and click what the payloads hoped people would touch.
  for (const name of ['lien javascript', 'lien onclick', '@faux', 'survol', 'data:']) {
    const link = await findInFeed(page, name);
    await link.hover();
    await link.click();
  }
  // The app is still here, on the same screen.
  await expect(page.getByRole('heading', { level: 1, name: 'Corpus hostile' })).toBeVisible();
  await expect(page.locator('#app')).toBeVisible();

  // A web link is handed to the opener, never navigated to by the webview.
  const opened = await page.evaluate(() => (window as unknown as { __fake: { opened: string[] } }).__fake.opened);
  expect(opened).toEqual(['http://evil.example/']);
  expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:/);

  // The post page (comments are hostile too).
  const lastId = await page.evaluate(() => (window as unknown as { __fake: { posts: { id: number }[] } }).__fake.posts.at(-1)!.id);
  await fake(page, 'emit', 'navigate', { postId: lastId, groupId: null });
  await expect(page.getByText('commentaire hostile')).toBeVisible();
  expect(await page.locator('.comment img, .comment [onerror]').count()).toBe(0);

  // Search snippets keep only <mark>.
  await page.keyboard.press('Escape');
  await page.getByRole('navigation').getByRole('button', { name: /^Rechercher/ }).click();
  await page.getByTestId('search-input').fill('piège');
  const snippet = page.locator('.snippet').first();
  await expect(snippet.locator('mark')).toHaveText('piège');
  expect(await snippet.evaluate((n) => Array.from(n.querySelectorAll('*')).map((e) => e.tagName))).toEqual(['MARK']);
  expect(await snippet.locator('mark').getAttribute('onclick')).toBeNull();
  await shot(page, 'hostile-search');

  expect(await canary(page)).toBe('intact');
  expect(dialogs).toEqual([]);
  expect(requests).toEqual([]);
  // The app's own look is untouched by injected CSS.
  expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('block');
});

test('the markdown preview is sanitised too', async ({ page }) => {
  const { requests, dialogs } = await guard(page);
  await openApp(page, { language: 'fr', theme: 'light' });
  await page.evaluate(() => {
    const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__;
    const original = internals.invoke;
    internals.invoke = (cmd, args) =>
      cmd === 'render_markdown'
        ? Promise.resolve('<p>aperçu</p><img src="http://evil.example/p.png" onerror="window.__canary=\'pwned\'"><script>window.__canary="pwned"</script>')
        : original(cmd, args);
  });
  await page.getByRole('navigation').getByRole('button', { name: /Projet Hublot/ }).click();
  await page.getByRole('combobox').first().fill('texte');
  await page.getByRole('tab', { name: 'Aperçu' }).click();
  await expect(page.locator('.preview')).toContainText('aperçu');
  expect(await page.locator('.preview img, .preview script').count()).toBe(0);
  expect(await canary(page)).toBe('intact');
  expect(dialogs).toEqual([]);
  expect(requests).toEqual([]);
});
