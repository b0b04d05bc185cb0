/**
 * Translation: the current locale (reactive), `t` for messages and `tp` for plurals.
 * The locale follows `navigator.language` unless the settings choose one.
 */
import { fr, type MessageKey } from './fr';
import { en } from './en';
import type { LanguageSetting } from '../types';
import { numberFormat, pluralRules } from '../intl';

/** A language the UI speaks. */
export type Locale = 'fr' | 'en';

/** Keys that come as a `.one`/`.other` pair, without the suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { fr, en };

/** The locale of a system language tag: French for any `fr-*`, English otherwise. */
export function systemLocale(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

let current = $state<Locale>(systemLocale(typeof navigator === 'undefined' ? undefined : navigator.language));

/** The current locale. */
export function locale(): Locale {
  return current;
}

/** Applies the language setting and sets `<html lang>`. */
export function applyLanguage(setting: LanguageSetting): void {
  current = setting === 'system' ? systemLocale(navigator.language) : setting;
  document.documentElement.lang = current;
}

/** Fills `{name}` placeholders. */
function fill(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The message `key` in the current locale. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return fill(dictionaries[current][key], params);
}

/** The plural message for `n`, with `{n}` filled with the number formatted for the locale. */
export function tp(key: PluralKey, n: number, params?: Record<string, string | number>): string {
  const rule = pluralRules(current).select(n) === 'one' ? 'one' : 'other';
  const formatted = numberFormat(current).format(n);
  return fill(dictionaries[current][`${key}.${rule}` as MessageKey], { ...params, n: formatted });
}

/** The dictionaries, for the parity test. */
export const _dictionaries = dictionaries;
