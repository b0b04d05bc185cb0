import { describe, it, expect } from 'vitest';
import { UNTIL_RESUMED, clampPause, pauseOneHour, pauseState, pauseUntilTomorrow } from './pause';

const NOW = new Date(2026, 10, 29, 14, 30).getTime();

describe('notification pause', () => {
  it('reads i64::MAX from the shell as "until resumed" and never sends it back', () => {
    const fromShell = JSON.parse('{"paused_until":9223372036854775807}').paused_until as number;
    expect(pauseState(fromShell, NOW)).toBe('resumed-only');
    expect(clampPause(fromShell)).toBe(UNTIL_RESUMED);
    expect(Number.isSafeInteger(clampPause(fromShell))).toBe(true);
    expect(JSON.stringify(clampPause(fromShell))).toBe('9007199254740991');
  });

  it('computes one hour and tomorrow 08:00', () => {
    expect(pauseOneHour(NOW) - NOW).toBe(3_600_000);
    const tomorrow = new Date(pauseUntilTomorrow(NOW));
    expect([tomorrow.getDate(), tomorrow.getHours(), tomorrow.getMinutes()]).toEqual([30, 8, 0]);
  });

  it('tells a past pause from a running one', () => {
    expect(pauseState(null, NOW)).toBe('none');
    expect(pauseState(NOW - 1, NOW)).toBe('none');
    expect(pauseState(NOW + 60_000, NOW)).toBe('until');
    expect(clampPause(null)).toBeNull();
  });
});
