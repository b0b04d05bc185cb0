import { describe, it, expect } from 'vitest';
import { Layout, visibleRange, scrollToReveal } from './virtual';

const keys = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('Layout', () => {
  it('estimates unmeasured items and sums offsets', () => {
    const l = new Layout(100);
    l.setKeys(keys(5));
    expect(l.total()).toBe(500);
    expect(l.offset(3)).toBe(300);
    l.measure(1, 250);
    expect(l.offset(2)).toBe(350);
    expect(l.total()).toBe(650);
  });

  it('finds the item under a position', () => {
    const l = new Layout(100);
    l.setKeys(keys(10));
    l.measure(0, 40);
    expect(l.indexAt(0)).toBe(0);
    expect(l.indexAt(39)).toBe(0);
    expect(l.indexAt(40)).toBe(1);
    expect(l.indexAt(139)).toBe(1);
    expect(l.indexAt(-5)).toBe(0);
    expect(l.indexAt(1e9)).toBe(9);
  });

  it('keeps measured heights by key when the list changes (new posts on top)', () => {
    const l = new Layout(100);
    l.setKeys(keys(3));
    l.measure(0, 300);
    l.setKeys(['new', ...keys(3)]);
    expect(l.height(0)).toBe(100);
    expect(l.height(1)).toBe(300);
    expect(l.offset(2)).toBe(400);
  });

  it('ignores bad measurements', () => {
    const l = new Layout(100);
    l.setKeys(keys(2));
    expect(l.measure(5, 10)).toBe(false);
    expect(l.measure(0, Number.NaN)).toBe(false);
    expect(l.measure(0, 100)).toBe(false);
    expect(l.measure(0, 120)).toBe(true);
  });

  it('handles tens of thousands of items', () => {
    const l = new Layout(180);
    l.setKeys(keys(50_000));
    expect(l.total()).toBe(9_000_000);
    l.measure(25_000, 200);
    expect(l.offset(25_001)).toBe(25_000 * 180 + 200);
    expect(l.indexAt(8_999_999)).toBe(49_999);
  });
});

describe('visibleRange', () => {
  it('covers the viewport plus the overscan', () => {
    const l = new Layout(100);
    l.setKeys(keys(1000));
    expect(visibleRange(l, 0, 800, 0)).toEqual({ start: 0, end: 9 });
    expect(visibleRange(l, 5000, 800, 200)).toEqual({ start: 48, end: 61 });
  });

  it('renders few items wherever the scroll is in a long list', () => {
    const l = new Layout(150);
    l.setKeys(keys(30_000));
    for (const top of [0, 1_000_000, 4_499_000]) {
      const r = visibleRange(l, top, 900, 900);
      expect(r.end - r.start).toBeLessThanOrEqual(20);
      expect(r.start).toBeLessThan(r.end);
      expect(r.end).toBeLessThanOrEqual(30_000);
    }
  });

  it('is empty for an empty list', () => {
    const l = new Layout(100);
    l.setKeys([]);
    expect(visibleRange(l, 0, 800, 100)).toEqual({ start: 0, end: 0 });
  });
});

describe('scrollToReveal', () => {
  it('scrolls only when the item is not fully visible', () => {
    const l = new Layout(100);
    l.setKeys(keys(100));
    expect(scrollToReveal(l, 2, 0, 800, 10)).toBeNull();
    expect(scrollToReveal(l, 20, 0, 800, 10)).toBe(2100 + 10 - 800);
    expect(scrollToReveal(l, 3, 1000, 800, 10)).toBe(290);
  });

  it('shows the top of an item taller than the viewport', () => {
    const l = new Layout(100);
    l.setKeys(keys(10));
    l.measure(5, 2000);
    expect(scrollToReveal(l, 5, 0, 800, 10)).toBe(490);
  });
});
