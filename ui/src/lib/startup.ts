/**
 * The start-up mark: once per run, the shell is told when the first post was painted,
 * so its log says how long the start took (and the start-up benchmark can read it).
 */
import { firstPaint } from './ipc';

let reported = false;

/** Call when posts are in the DOM: the next animation frame paints them. Only the first call counts. */
export function reportFirstPaint(): void {
  if (reported) return;
  reported = true;
  requestAnimationFrame(() => {
    // Epoch milliseconds with sub-millisecond precision, comparable with the process start.
    firstPaint(performance.timeOrigin + performance.now()).catch(() => {});
  });
}
