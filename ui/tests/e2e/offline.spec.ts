/**
 * Offline: the sync badge says since when, a new post shows at once as pending, and the
 * pending mark goes when the outbox is delivered and the cache says so.
 */
import { test, expect } from '@playwright/test';
import { openApp, shot, fake, calls } from './helpers';

test.use({ locale: 'fr-FR' });

test('offline post is pending, then delivered', async ({ page }) => {
  await openApp(page, { language: 'fr', theme: 'light' });
  const since = await page.evaluate(() => new Date(2026, 10, 29, 9, 41).getTime());
  await fake(page, 'setOffline', since);
  const status = page.locator('.sync [role="status"]');
  await expect(status).toHaveText('Hors ligne depuis 09:41');

  await page.getByRole('navigation').getByRole('button', { name: /Accueil des assurés/ }).click();
  await expect(page.getByText('Hors ligne : la publication partira')).toBeVisible();
  await page.getByRole('combobox').first().fill('Publication écrite **hors ligne** depuis le train.');
  await page.getByRole('button', { name: 'Publier', exact: true }).click();

  const mine = page.locator('article', { hasText: 'Publication écrite hors ligne' });
  await expect(mine).toBeVisible();
  await expect(mine.getByTestId('pending-badge')).toHaveText('En attente d’envoi');
  await expect(page.getByTestId('pending-count')).toHaveText('1 envoi en attente');
  await shot(page, 'fr-light-offline-pending');

  // The outbox screen lists it.
  await page.getByRole('navigation').getByRole('button', { name: 'Envois en attente' }).click();
  await expect(page.getByRole('main').locator('.item')).toContainText('Publication écrite **hors ligne**');
  await shot(page, 'fr-light-offline-outbox');
  await page.getByRole('navigation').getByRole('button', { name: /Accueil des assurés/ }).click();
  await expect(mine.getByTestId('pending-badge')).toBeVisible();

  // Back online: the shell delivers and says the cache changed.
  await fake(page, 'setOnline');
  await expect(status).toHaveText('En ligne');
  await fake(page, 'deliver');
  await expect(mine).toBeVisible();
  await expect(mine.getByTestId('pending-badge')).toHaveCount(0);
  await expect(page.getByTestId('pending-count')).toHaveCount(0);
  expect((await calls(page)).filter((c) => c.cmd === 'create_post')).toHaveLength(1);
});

test('a refused post offers retry and discard; the error state offers retry', async ({ page }) => {
  await openApp(page, { language: 'fr', theme: 'light', autoDeliver: false });
  await page.getByRole('navigation').getByRole('button', { name: /Site de Nantes/ }).click();
  await page.getByRole('combobox').first().fill('Un message que le serveur refusera.');
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await fake(page, 'failOutbox', 'Le groupe est archivé.');
  const mine = page.locator('article', { hasText: 'Un message que le serveur refusera.' });
  await expect(mine.getByTestId('failed-badge')).toBeVisible();
  await expect(mine.getByRole('alert')).toContainText('Le groupe est archivé.');
  await shot(page, 'fr-light-failed-post');
  await mine.getByRole('button', { name: 'Abandonner' }).click();
  expect((await calls(page)).some((c) => c.cmd === 'discard_outbox')).toBe(true);

  await fake(page, 'setError', 'Le serveur répond 503.');
  await expect(page.locator('.sync [role="status"]')).toHaveText('Erreur de synchronisation');
  await page.locator('.sync').getByRole('button', { name: 'Réessayer' }).click();
  expect((await calls(page)).some((c) => c.cmd === 'sync_now')).toBe(true);
  await shot(page, 'fr-light-sync-error');
});
