/**
 * The arithmetic of the virtualised list: item heights (measured, or estimated until
 * they are), their offsets, and which items a scroll position shows. Pure, so the
 * windowing maths is tested without a browser.
 */

/** Heights and offsets of a list of keyed items. */
export class Layout {
  private keys: string[] = [];
  private heights = new Float64Array(0);
  /** offsets[i] = top of item i; offsets[n] = total height. Valid below `validUpTo`. */
  private offsets = new Float64Array(1);
  private validUpTo = 0;
  /** Heights measured so far, by key, so they survive a new list (new posts on top, paging). */
  private readonly known = new Map<string, number>();

  constructor(private readonly estimate: number) {}

  /** Number of items. */
  get count(): number {
    return this.keys.length;
  }

  /** Replaces the items (keys in display order); measured heights are kept by key. */
  setKeys(keys: string[]): void {
    this.keys = keys;
    this.heights = new Float64Array(keys.length);
    for (let i = 0; i < keys.length; i++) this.heights[i] = this.known.get(keys[i]) ?? this.estimate;
    this.offsets = new Float64Array(keys.length + 1);
    this.validUpTo = 0;
  }

  /** Index of a key, or -1. */
  indexOf(key: string): number {
    return this.keys.indexOf(key);
  }

  /** Key at an index. */
  keyAt(index: number): string | undefined {
    return this.keys[index];
  }

  /** Records the measured height of item `index`; answers whether it changed. */
  measure(index: number, height: number): boolean {
    if (index < 0 || index >= this.keys.length || !(height >= 0)) return false;
    this.known.set(this.keys[index], height);
    if (this.heights[index] === height) return false;
    this.heights[index] = height;
    this.validUpTo = Math.min(this.validUpTo, index);
    return true;
  }

  /** Height of item `index` (measured or estimated). */
  height(index: number): number {
    return this.heights[index] ?? this.estimate;
  }

  /** Top of item `index`; `offset(count)` is the total height. */
  offset(index: number): number {
    const i = Math.max(0, Math.min(index, this.keys.length));
    if (i > this.validUpTo) {
      for (let k = this.validUpTo; k < i; k++) this.offsets[k + 1] = this.offsets[k] + this.heights[k];
      this.validUpTo = i;
    }
    return this.offsets[i];
  }

  /** Total height of all items. */
  total(): number {
    return this.offset(this.keys.length);
  }

  /** The item under position `y` (clamped to the list). */
  indexAt(y: number): number {
    const n = this.keys.length;
    if (n === 0) return 0;
    this.offset(n);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** The items to render: `[start, end)`. */
export type Range = { start: number; end: number };

/**
 * Items intersecting `[scrollTop - overscan, scrollTop + viewport + overscan]`, in list
 * coordinates (0 = top of the first item).
 */
export function visibleRange(layout: Layout, scrollTop: number, viewport: number, overscan: number): Range {
  const n = layout.count;
  if (n === 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop - overscan);
  const bottom = Math.max(top, scrollTop + viewport + overscan);
  const start = layout.indexAt(top);
  let end = layout.indexAt(bottom) + 1;
  end = Math.min(n, Math.max(end, start + 1));
  return { start, end };
}

/**
 * The scroll position that brings item `index` fully into view, or null if it already is.
 * `margin` leaves a little room around it.
 */
export function scrollToReveal(
  layout: Layout,
  index: number,
  scrollTop: number,
  viewport: number,
  margin: number,
): number | null {
  const top = layout.offset(index);
  const bottom = top + layout.height(index);
  if (top - margin < scrollTop) return Math.max(0, top - margin);
  if (bottom + margin > scrollTop + viewport) {
    // A post taller than the window shows its top.
    return Math.max(0, Math.min(top - margin, bottom + margin - viewport));
  }
  return null;
}
