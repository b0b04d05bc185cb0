import { describe, it, expect } from 'vitest';
import { ShortcutReader, isTypingTarget } from './keyboard';

function el(html: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  return host.firstElementChild as HTMLElement;
}

describe('ShortcutReader', () => {
  it('maps single keys', () => {
    const r = new ShortcutReader();
    const body = document.body;
    expect(['j', 'k', 'o', 'l', 'r', '/', '?'].map((key) => r.read({ key, target: body }))).toEqual(['next', 'prev', 'open', 'like', 'reply', 'search', 'help']);
    expect(r.read({ key: 'x', target: body })).toBeNull();
  });

  it('reads g then h as home, and nothing else after g', () => {
    const r = new ShortcutReader();
    expect(r.read({ key: 'g' })).toBeNull();
    expect(r.read({ key: 'h' })).toBe('home');
    expect(r.read({ key: 'h' })).toBeNull();
    expect(r.read({ key: 'g' })).toBeNull();
    expect(r.read({ key: 'j' })).toBeNull();
    expect(r.read({ key: 'j' })).toBe('next');
  });

  it('ignores keys typed into fields, except Escape', () => {
    const r = new ShortcutReader();
    for (const html of ['<input>', '<textarea></textarea>', '<select></select>', '<div contenteditable="true"></div>']) {
      const target = el(html);
      expect(r.read({ key: 'j', target }), html).toBeNull();
      expect(r.read({ key: '/', target }), html).toBeNull();
      expect(r.read({ key: 'Escape', target }), html).toBe('escape');
    }
    expect(isTypingTarget(el('<p>x</p>'))).toBe(false);
  });

  it('ignores keys with modifiers (browser and OS shortcuts)', () => {
    const r = new ShortcutReader();
    expect(r.read({ key: 'l', ctrlKey: true })).toBeNull();
    expect(r.read({ key: 'k', metaKey: true })).toBeNull();
    expect(r.read({ key: 'j', altKey: true })).toBeNull();
  });

  it('opens with Enter on a post but leaves Enter to buttons and links', () => {
    const r = new ShortcutReader();
    expect(r.read({ key: 'Enter', target: el('<article tabindex="0">post</article>') })).toBe('open');
    expect(r.read({ key: 'Enter', target: el('<button>J’aime</button>') })).toBeNull();
    expect(r.read({ key: 'Enter', target: el('<a href="https://x.example">x</a>') })).toBeNull();
  });
});
