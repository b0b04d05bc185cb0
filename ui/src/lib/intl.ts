/**
 * Shared `Intl` formatters. Building one looks up ICU data each time: the
 * first feed page built hundreds (about 80 ms in a Chromium profile of the
 * start), so each locale and set of options gets one, made on first use.
 */

const made = new Map<string, unknown>();

function once<T>(key: string, make: () => T): T {
  let found = made.get(key) as T | undefined;
  if (found === undefined) {
    found = make();
    made.set(key, found);
  }
  return found;
}

/** Plural rules of `locale`. */
export function pluralRules(locale: string): Intl.PluralRules {
  return once(`plural|${locale}`, () => new Intl.PluralRules(locale));
}

/** Numbers as `locale` writes them. */
export function numberFormat(locale: string): Intl.NumberFormat {
  return once(`number|${locale}`, () => new Intl.NumberFormat(locale));
}

/** Short relative times ("5 min ago", "hier"). */
export function relativeTimeFormat(locale: string): Intl.RelativeTimeFormat {
  return once(`relative|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }));
}

/** Dates and times with these options. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return once(`date|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}
