/**
 * Notification pause times. The contract stores "until I resume" as `i64::MAX`, which a
 * JavaScript number cannot hold (it rounds up past i64 and would be refused when sent
 * back), so the UI writes `Number.MAX_SAFE_INTEGER` and reads anything at or above it
 * as "until resumed".
 */

/** `paused_until` meaning "until I resume". */
export const UNTIL_RESUMED = Number.MAX_SAFE_INTEGER;

/** A pause of one hour from `now`. */
export function pauseOneHour(now: number): number {
  return now + 3_600_000;
}

/** Tomorrow at 08:00 local time, seen from `now`. */
export function pauseUntilTomorrow(now: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(8, 0, 0, 0);
  return d.getTime();
}

/** What a pause value means now. */
export function pauseState(pausedUntil: number | null, now: number): 'none' | 'until' | 'resumed-only' {
  if (pausedUntil === null || pausedUntil <= now) return 'none';
  return pausedUntil >= UNTIL_RESUMED ? 'resumed-only' : 'until';
}

/** The value to send back: never above what i64 and JSON both hold exactly. */
export function clampPause(pausedUntil: number | null): number | null {
  if (pausedUntil === null) return null;
  return Math.min(pausedUntil, UNTIL_RESUMED);
}
