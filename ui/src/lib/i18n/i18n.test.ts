import { describe, it, expect } from 'vitest';
import { fr } from './fr';
import { en } from './en';
import { applyLanguage, locale, systemLocale, t, tp } from './index.svelte';

describe('dictionaries', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('have no empty message and the same placeholders in both languages', () => {
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(fr[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(holes(en[key]), key).toEqual(holes(fr[key]));
    }
  });

  it('come in plural pairs', () => {
    for (const key of Object.keys(fr)) {
      if (key.endsWith('.one')) expect(Object.keys(fr)).toContain(key.replace(/\.one$/, '.other'));
      if (key.endsWith('.other')) expect(Object.keys(fr)).toContain(key.replace(/\.other$/, '.one'));
    }
  });
});

describe('translation', () => {
  it('follows the system language unless chosen', () => {
    expect(systemLocale('fr-FR')).toBe('fr');
    expect(systemLocale('fr')).toBe('fr');
    expect(systemLocale('en-GB')).toBe('en');
    expect(systemLocale('de-DE')).toBe('en');
    expect(systemLocale(undefined)).toBe('en');
    applyLanguage('fr');
    expect(locale()).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
  });

  it('fills placeholders and picks plurals per language', () => {
    applyLanguage('fr');
    expect(t('sync.offline', { time: '09:41' })).toBe('Hors ligne depuis 09:41');
    expect(tp('post.comments', 0)).toBe('0 commentaire');
    expect(tp('post.comments', 1)).toBe('1 commentaire');
    expect(tp('post.comments', 2)).toBe('2 commentaires');
    expect(tp('directory.total', 1234)).toBe('1\u202f234 personnes');
    applyLanguage('en');
    expect(t('sync.offline', { time: '09:41' })).toBe('Offline since 09:41');
    expect(tp('post.comments', 0)).toBe('0 comments');
    expect(tp('post.comments', 1)).toBe('1 comment');
    expect(tp('directory.total', 1234)).toBe('1,234 people');
  });
});
