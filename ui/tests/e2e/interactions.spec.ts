/**
 * What people do all day, against the fake backend: sign in, read, mark read, like,
 * vote, comment, keyboard navigation, live updates, deep scrolling with paging, settings.
 */
import { test, expect } from '@playwright/test';
import { openApp, shot, fake, calls } from './helpers';

test.use({ locale: 'fr-FR' });

test('sign-in errors are clear, the demo opens the app', async ({ page }) => {
  await openApp(page, { signedIn: false, language: 'fr' });
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Renseignez l’adresse du serveur, l’identifiant et le mot de passe.');
  await page.getByLabel('Adresse du serveur').fill('https://hublot.cpam-exemple.fr');
  await page.getByLabel('Identifiant').fill('marie');
  await page.getByLabel('Mot de passe').fill('mauvais');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect.');
  await expect(page.getByLabel('Mot de passe')).toHaveValue('');
  await shot(page, 'fr-light-first-run-error');
  await page.getByRole('button', { name: 'Essayer la démo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tous mes groupes' })).toBeVisible();
});

test('opening a group marks it read; likes, votes and comments', async ({ page }) => {
  await openApp(page, { language: 'fr' });
  const nav = page.getByRole('navigation');
  const group = nav.getByRole('button', { name: /Négociation temps de travail/ });
  await expect(group).toContainText('1');
  await group.click();
  await expect(group.locator('.count')).toHaveCount(0);
  expect((await calls(page)).filter((c) => c.cmd === 'mark_read')).toEqual([{ cmd: 'mark_read', args: { groupId: 2 } }]);
  // The shell is told which group is on screen, so it does not notify about it.
  expect((await calls(page)).filter((c) => c.cmd === 'shown_group').at(-1)?.args).toEqual({ groupId: 2 });
  await nav.getByRole('button', { name: 'Annuaire' }).click();
  await expect.poll(async () => (await calls(page)).filter((c) => c.cmd === 'shown_group').at(-1)?.args).toEqual({ groupId: null });
  await group.click();

  const post = page.locator('article', { hasText: 'Compte rendu de la séance' });
  const like = post.getByRole('button', { name: /J’aime/ });
  await expect(like).toHaveAttribute('aria-pressed', 'false');
  await like.click();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  await expect(like).toContainText('2');

  await post.getByRole('radio', { name: /Semaine de 4,5 jours/ }).check();
  await post.getByRole('button', { name: 'Voter' }).click();
  await expect(post.getByText('Vote en attente d’envoi')).toBeVisible();
  const all = await calls(page);
  expect(all.find((c) => c.cmd === 'set_like')?.args).toEqual({ postId: expect.any(Number), liked: true });
  expect(all.find((c) => c.cmd === 'vote')?.args).toEqual({ postId: expect.any(Number), optionIds: [1] });

  await post.locator('[data-action="reply"]').click();
  const box = page.getByRole('combobox', { name: 'Votre commentaire' });
  await expect(box).toBeFocused();
  await box.fill('Je suis favorable à une expérimentation.');
  await page.getByRole('button', { name: 'Commenter' }).click();
  const mine = page.locator('.comment', { hasText: 'Je suis favorable' });
  await expect(mine).toBeVisible();
  // Delivered by the fake shortly after; the page refreshes on cache-changed.
  await expect(mine.getByText('En attente d’envoi')).toHaveCount(0);
});

test('keyboard: j/k focus posts, l likes, o opens, Esc goes back, / searches, g h goes home', async ({ page }) => {
  await openApp(page, { language: 'fr' });
  await page.keyboard.press('j');
  const first = page.locator('article').nth(0);
  await expect(first).toBeFocused();
  await page.keyboard.press('j');
  const second = page.locator('[data-index="1"] article');
  await expect(second).toBeFocused();
  await page.keyboard.press('k');
  await expect(page.locator('[data-index="0"] article')).toBeFocused();
  await page.keyboard.press('l');
  await expect(page.locator('[data-index="0"] [data-action="like"]')).toHaveAttribute('aria-pressed', 'true');
  await shot(page, 'fr-light-keyboard-focus');
  await page.keyboard.press('o');
  await expect(page.getByRole('heading', { name: /Commentaires/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Tous mes groupes' })).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.type('parking');
  await expect(page.locator('.hit').first()).toBeVisible();
  await page.locator('.hit').first().focus();
  await page.keyboard.press('g');
  await page.keyboard.press('h');
  await expect(page.getByRole('heading', { level: 1, name: 'Tous mes groupes' })).toBeVisible();
});

test('live updates: a new post arrives, navigate opens a post, the sync state is announced', async ({ page }) => {
  await openApp(page, { language: 'fr' });
  await page.getByRole('navigation').getByRole('button', { name: /Site de Nantes/ }).click();
  await page.evaluate(() => window.blur());
  const id = await fake<number>(page, 'addIncomingPost', 4, 'Le parking du bâtiment C rouvre demain.');
  await expect(page.locator('article', { hasText: 'Le parking du bâtiment C rouvre demain.' })).toBeVisible();
  await fake(page, 'emit', 'navigate', { postId: id, groupId: null });
  await expect(page.getByRole('heading', { name: /Commentaires/ })).toBeVisible();
  await fake(page, 'emit', 'navigate', { postId: null, groupId: 1 });
  await expect(page.getByRole('heading', { level: 1, name: 'Annonces de la direction' })).toBeVisible();
  // Pinned posts sit on top of a group's feed.
  await expect(page.locator('[data-index="0"] article')).toContainText('Épinglé');
  await fake(page, 'emit', 'sync-status', { state: { state: 'syncing', applied: 3 }, last_synced_at: null, pending: 0, failed: 0 });
  await expect(page.locator('.sync [role="status"]')).toHaveText('Synchronisation…');
});

test('the feed scrolls through thousands of posts, keeps the DOM small, and pages from cache then server', async ({ page }) => {
  await openApp(page, { language: 'fr', bulkPosts: 6000 });
  await page.getByRole('navigation').getByRole('button', { name: /Projet Hublot/ }).click();
  const scroller = page.locator('main .scroller');
  const rendered = () => page.locator('main [data-index]').count();
  // Scroll down in big steps: the list pages older posts from the cache as it goes.
  let maxRendered = 0;
  let lastIndex = 0;
  for (let i = 0; i < 120; i++) {
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForTimeout(40);
    maxRendered = Math.max(maxRendered, await rendered());
    lastIndex = Math.max(lastIndex, ...(await page.locator('main [data-index]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.index)))));
    if ((await page.getByRole('button', { name: 'Charger l’historique depuis le serveur' }).count()) > 0) break;
    if (await page.evaluate(() => (window as unknown as { __fake: { calls: { cmd: string }[] } }).__fake.calls.some((c) => c.cmd === 'fetch_history'))) break;
  }
  expect(lastIndex).toBeGreaterThan(1500);
  expect(maxRendered).toBeLessThan(60);
  const feedCalls = (await calls(page)).filter((c) => c.cmd === 'feed' && (c.args.query as { before: number | null }).before !== null);
  expect(feedCalls.length).toBeGreaterThan(20);
  // Then the server's history: fetch_history for this group, and the archive appears.
  await expect.poll(async () => (await calls(page)).some((c) => c.cmd === 'fetch_history' && c.args.groupId === 3)).toBe(true);
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator('article', { hasText: 'Archive :' }).first()).toBeVisible();
  await shot(page, 'fr-light-deep-history');
});

test('history from the server while offline says so and offers a retry', async ({ page }) => {
  await openApp(page, { language: 'fr', bulkPosts: 30 });
  await fake(page, 'setOffline', Date.now());
  await page.getByRole('navigation').getByRole('button', { name: /Projet Hublot/ }).click();
  const scroller = page.locator('main .scroller');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByText('L’historique plus ancien sera disponible une fois en ligne.')).toBeVisible();
  await fake(page, 'setOnline');
  await page.getByRole('button', { name: 'Réessayer' }).last().click();
  await expect(page.locator('article', { hasText: 'Archive :' }).first()).toBeAttached();
});

test('settings: theme, language, pause and quiet hours are saved', async ({ page }) => {
  await openApp(page, { language: 'fr', theme: 'light' });
  await page.getByRole('navigation').getByRole('button', { name: 'Réglages' }).click();
  await page.getByText('Sombre', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Jusqu’à reprise' }).click();
  await expect(page.getByText('En pause jusqu’à ce que vous repreniez')).toBeVisible();
  const saved = (await calls(page)).filter((c) => c.cmd === 'save_settings').at(-1)!.args.settings as { notifications: { paused_until: number } };
  expect(saved.notifications.paused_until).toBe(Number.MAX_SAFE_INTEGER);
  await page.getByRole('button', { name: 'Reprendre' }).click();
  await page.getByRole('button', { name: '1 heure' }).click();
  await expect(page.getByText(/En pause jusqu’à .*\d\d:\d\d/)).toBeVisible();
  await page.locator('select.time').nth(1).selectOption('07:30');
  await expect.poll(async () => {
    const last = (await calls(page)).filter((c) => c.cmd === 'save_settings').at(-1)!.args.settings as { notifications: { quiet_hours: { start_minute: number; end_minute: number } } };
    return last.notifications.quiet_hours;
  }).toEqual({ start_minute: 1140, end_minute: 450, weekends: true });
  await page.getByRole('checkbox', { name: 'Son' }).check();
  await page.getByRole('button', { name: /Suivre \(notifications\) — Projet Hublot/ }).click();
  expect((await calls(page)).find((c) => c.cmd === 'set_follow')?.args).toEqual({ groupId: 3, following: true });
  await shot(page, 'fr-dark-settings-paused');
  await page.getByLabel('Langue').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('my own post and comment can be edited and deleted; a mention opens the profile', async ({ page }) => {
  await openApp(page, { language: 'fr' });
  await page.locator('a.mention').first().click();
  await expect(page.getByRole('heading', { name: 'Publications récentes' })).toBeVisible();
  await page.keyboard.press('Escape');
  const post = page.locator('article', { hasText: 'peux-tu partager la nouvelle fiche' });
  await post.locator('[data-action="reply"]').click();
  await page.getByRole('button', { name: 'Modifier', exact: true }).click();
  const editor = page.getByRole('combobox', { name: 'Modifier' });
  await editor.fill('Fiche reçue, merci **à toutes**.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('article strong', { hasText: 'à toutes' })).toBeVisible();
  await expect(page.locator('article').getByText('(modifié)')).toBeVisible();

  const mine = page.locator('.comment', { hasText: 'Merci beaucoup !' });
  await mine.getByRole('button', { name: /^Supprimer/ }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Supprimer ce commentaire ?');
  await shot(page, 'fr-light-confirm-delete');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirmer' }).click();
  await expect(mine).toHaveCount(0);
  // Others' comments have no edit or delete buttons.
  await expect(page.locator('.comment', { hasText: 'C’est fait' }).getByRole('button', { name: /Modifier|Supprimer/ })).toHaveCount(0);
  const all = await calls(page);
  expect(all.find((c) => c.cmd === 'edit_post')?.args).toEqual({ postId: expect.any(Number), body: 'Fiche reçue, merci **à toutes**.' });
  expect(all.some((c) => c.cmd === 'delete_comment')).toBe(true);
});
