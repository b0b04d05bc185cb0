/**
 * Every screen in French and English, light and dark: the text is in the chosen
 * language, the landmarks are there, and a screenshot is kept for people to look at.
 */
import { test, expect } from '@playwright/test';
import { openApp, shot, cspViolations } from './helpers';

const LANGS = ['fr', 'en'] as const;
const SCHEMES = ['light', 'dark'] as const;

const TEXT = {
  fr: { home: 'Tous mes groupes', browse: 'Découvrir des groupes', directory: 'Annuaire', search: 'Rechercher', outbox: 'Envois en attente', settings: 'Réglages', signin: 'Bienvenue dans Hublot', demo: 'Essayer la démo', comments: 'Commentaires', help: 'Raccourcis clavier', members: 'Membres', recent: 'Publications récentes', vote: 'Voter' },
  en: { home: 'All my groups', browse: 'Discover groups', directory: 'Directory', search: 'Search', outbox: 'Outbox', settings: 'Settings', signin: 'Welcome to Hublot', demo: 'Try the demo', comments: 'Comments', help: 'Keyboard shortcuts', members: 'Members', recent: 'Recent posts', vote: 'Vote' },
};

for (const lang of LANGS) {
  for (const scheme of SCHEMES) {
    test.describe(`${lang} ${scheme}`, () => {
      test.use({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
      const tag = `${lang}-${scheme}`;
      const s = TEXT[lang];

      test('first run', async ({ page }) => {
        await openApp(page, { signedIn: false, language: lang, theme: 'system' }, scheme);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.signin);
        await expect(page.getByRole('button', { name: s.demo })).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await shot(page, `${tag}-01-first-run`);
      });

      test('every screen', async ({ page }) => {
        await openApp(page, { language: lang, theme: 'system' }, scheme);
        await expect(page.getByRole('navigation')).toBeVisible();
        await expect(page.getByRole('main')).toBeVisible();
        await expect(page.getByRole('complementary')).toBeVisible();
        await expect(page.getByRole('heading', { level: 1, name: s.home })).toBeVisible();
        await expect(page.locator('article').first()).toBeVisible();
        await shot(page, `${tag}-02-home`);

        await page.getByRole('navigation').getByRole('button', { name: /Négociation temps de travail/ }).click();
        await expect(page.getByRole('heading', { level: 1, name: 'Négociation temps de travail' })).toBeVisible();
        await expect(page.getByRole('complementary').getByRole('heading', { name: new RegExp(s.members) })).toBeVisible();
        await shot(page, `${tag}-03-group`);

        await page.locator('article', { hasText: 'Compte rendu de la séance' }).locator('[data-action="reply"]').click();
        await expect(page.getByRole('heading', { name: new RegExp(s.comments) })).toBeVisible();
        await expect(page.getByRole('button', { name: s.vote, exact: true })).toBeVisible();
        await shot(page, `${tag}-04-post`);

        await page.getByRole('navigation').getByRole('button', { name: s.browse }).click();
        await expect(page.getByRole('heading', { level: 1, name: s.browse })).toBeVisible();
        await shot(page, `${tag}-05-browse`);

        await page.getByRole('navigation').getByRole('button', { name: s.directory }).click();
        await expect(page.getByRole('heading', { level: 1, name: s.directory })).toBeVisible();
        await expect(page.locator('.person').first()).toBeVisible();
        await shot(page, `${tag}-06-directory`);

        await page.locator('.person').first().click();
        await expect(page.getByRole('heading', { name: s.recent })).toBeVisible();
        await shot(page, `${tag}-07-profile`);

        await page.getByRole('navigation').getByRole('button', { name: new RegExp(`^${s.search}`) }).click();
        await page.getByTestId('search-input').fill('formation');
        await expect(page.locator('.hit').first()).toBeVisible();
        await expect(page.locator('.hit mark').first()).toBeVisible();
        await shot(page, `${tag}-08-search`);

        await page.getByRole('navigation').getByRole('button', { name: s.outbox }).click();
        await expect(page.getByRole('heading', { level: 1, name: s.outbox })).toBeVisible();
        await shot(page, `${tag}-09-outbox`);

        await page.getByRole('navigation').getByRole('button', { name: s.settings }).click();
        await expect(page.getByRole('heading', { level: 1, name: s.settings })).toBeVisible();
        await shot(page, `${tag}-10-settings`);

        await page.getByRole('navigation').getByRole('button', { name: s.home }).first().click();
        await page.keyboard.press('?');
        await expect(page.getByRole('dialog', { name: s.help })).toBeVisible();
        await shot(page, `${tag}-11-shortcuts`);
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toHaveCount(0);
        // The whole tour ran under the app's CSP without tripping it.
        expect(await cspViolations(page)).toEqual([]);
        expect(await page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(0);
      });

      test('composer with preview and poll', async ({ page }) => {
        await openApp(page, { language: lang, theme: 'system' }, scheme);
        await page.getByRole('navigation').getByRole('button', { name: /Projet Hublot/ }).click();
        const box = page.getByRole('combobox').first();
        await box.fill('Voici le **programme** de la formation, avec @cla');
        await expect(page.getByRole('listbox')).toBeVisible();
        await shot(page, `${tag}-12-composer-mention`);
        await page.keyboard.press('Enter');
        await expect(box).toHaveValue(/@claire\.\w+ $/);
        await page.getByRole('button', { name: lang === 'fr' ? 'Ajouter un sondage' : 'Add a poll' }).click();
        await page.getByLabel(lang === 'fr' ? 'Question' : 'Question', { exact: true }).fill(lang === 'fr' ? 'Quel créneau ?' : 'Which slot?');
        await page.getByLabel('Option 1', { exact: true }).fill(lang === 'fr' ? 'Mardi matin' : 'Tuesday morning');
        await page.getByLabel('Option 2', { exact: true }).fill(lang === 'fr' ? 'Jeudi après-midi' : 'Thursday afternoon');
        await page.getByRole('tab', { name: lang === 'fr' ? 'Aperçu' : 'Preview' }).click();
        await expect(page.locator('.preview strong')).toHaveText('programme');
        await shot(page, `${tag}-13-composer-preview`);
      });
    });
  }
}

test('a narrow window keeps the feed readable', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 720 });
  await openApp(page, { language: 'fr', theme: 'light' });
  await page.getByRole('navigation').getByRole('button', { name: /Projet Hublot/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Projet Hublot' })).toBeVisible();
  // The feed column is not squeezed under its readable width.
  const width = await page.locator('article').first().evaluate((e) => e.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(600);
  await shot(page, 'fr-light-narrow-group');
});
