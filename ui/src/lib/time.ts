/** Dates as people read them: "il y a 5 min", "hier", "12 mars", in French or English. */
import type { Locale } from './i18n/index.svelte';
import { dateTimeFormat, relativeTimeFormat } from './intl';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A short relative time for `at` seen from `now` (both in milliseconds): "à l'instant"
 * under a minute, then minutes, hours, days up to a week, then the date (with the year
 * when it is not the current one). Future times (clock skew) read as "just now".
 */
export function relativeTime(at: number, now: number, locale: Locale, justNow: string): string {
  const elapsed = now - at;
  if (elapsed < MINUTE) return justNow;
  const rtf = relativeTimeFormat(locale);
  if (elapsed < HOUR) return rtf.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return rtf.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return rtf.format(-Math.floor(elapsed / DAY), 'day');
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  const options: Intl.DateTimeFormatOptions = sameYear
    ? { day: 'numeric', month: 'short' }
    : { day: 'numeric', month: 'short', year: 'numeric' };
  return dateTimeFormat(locale, options).format(at);
}

/** "14:05" in the locale's 24-hour clock (both languages read 24-hour times in this organisation). */
export function clockTime(at: number, locale: Locale): string {
  return dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** The full date and time, for tooltips and `<time title>`. */
export function fullDateTime(at: number, locale: Locale): string {
  return dateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(at);
}

/** Minutes after midnight to "HH:MM" (for `<input type="time">`). */
export function minutesToHhmm(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "HH:MM" to minutes after midnight; null when it is not a time. */
export function hhmmToMinutes(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 23 || m > 59) return null;
  return h * 60 + m;
}

/** A millisecond time as the value of `<input type="datetime-local">` in local time. */
export function toDatetimeLocal(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of `<input type="datetime-local">` (local time) as milliseconds; null if empty or invalid. */
export function fromDatetimeLocal(value: string): number | null {
  if (value.trim() === '') return null;
  const at = new Date(value).getTime();
  return Number.isNaN(at) ? null : at;
}
