import { describe, it, expect } from 'vitest';
import { relativeTime, clockTime, minutesToHhmm, hhmmToMinutes, fromDatetimeLocal, toDatetimeLocal } from './time';

const NOW = new Date(2026, 10, 29, 14, 30).getTime();
const MIN = 60_000;
// ICU puts no-break spaces in French; compare with plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('relativeTime', () => {
  it('reads in French', () => {
    expect(plain(relativeTime(NOW - 20_000, NOW, 'fr', 'à l’instant'))).toBe('à l’instant');
    expect(plain(relativeTime(NOW - 5 * MIN, NOW, 'fr', 'à l’instant'))).toBe('il y a 5 min');
    expect(plain(relativeTime(NOW - 3 * 60 * MIN, NOW, 'fr', ''))).toBe('il y a 3 h');
    expect(plain(relativeTime(NOW - 24 * 60 * MIN, NOW, 'fr', ''))).toBe('hier');
    expect(plain(relativeTime(NOW - 3 * 24 * 60 * MIN, NOW, 'fr', ''))).toBe('il y a 3 j');
    expect(plain(relativeTime(new Date(2026, 2, 12).getTime(), NOW, 'fr', ''))).toBe('12 mars');
    expect(plain(relativeTime(new Date(2025, 2, 12).getTime(), NOW, 'fr', ''))).toBe('12 mars 2025');
  });

  it('reads in English', () => {
    expect(plain(relativeTime(NOW - 20_000, NOW, 'en', 'just now'))).toBe('just now');
    expect(plain(relativeTime(NOW - 5 * MIN, NOW, 'en', ''))).toBe('5 min. ago');
    expect(plain(relativeTime(NOW - 3 * 60 * MIN, NOW, 'en', ''))).toBe('3 hr. ago');
    expect(plain(relativeTime(NOW - 24 * 60 * MIN, NOW, 'en', ''))).toBe('yesterday');
    expect(plain(relativeTime(new Date(2026, 2, 12).getTime(), NOW, 'en', ''))).toBe('Mar 12');
  });

  it('treats a time in the future (clock skew) as just now', () => {
    expect(plain(relativeTime(NOW + 5 * MIN, NOW, 'fr', 'à l’instant'))).toBe('à l’instant');
  });
});

describe('clock and form values', () => {
  it('shows 24-hour clock times', () => {
    expect(clockTime(new Date(2026, 0, 1, 9, 5).getTime(), 'fr')).toBe('09:05');
    expect(clockTime(new Date(2026, 0, 1, 21, 5).getTime(), 'en')).toBe('21:05');
  });

  it('converts quiet-hour minutes and time inputs both ways', () => {
    expect(minutesToHhmm(1140)).toBe('19:00');
    expect(minutesToHhmm(480)).toBe('08:00');
    expect(hhmmToMinutes('19:00')).toBe(1140);
    expect(hhmmToMinutes('7:30')).toBe(450);
    expect(hhmmToMinutes('24:00')).toBeNull();
    expect(hhmmToMinutes('bonjour')).toBeNull();
  });

  it('round-trips datetime-local values in local time', () => {
    const at = new Date(2026, 11, 3, 17, 45).getTime();
    expect(toDatetimeLocal(at)).toBe('2026-12-03T17:45');
    expect(fromDatetimeLocal('2026-12-03T17:45')).toBe(at);
    expect(fromDatetimeLocal('')).toBeNull();
    expect(fromDatetimeLocal('n’importe quoi')).toBeNull();
  });
});
