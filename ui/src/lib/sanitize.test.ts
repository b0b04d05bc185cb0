import { describe, it, expect } from 'vitest';
import { sanitizeBody, sanitizeSnippet } from './sanitize';

/** Parses sanitised HTML to look at what is left. */
function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

const HOSTILE: [string, string][] = [
  ['script', '<p>a</p><script>alert(1)</script>'],
  ['img onerror', '<img src=x onerror="alert(1)">'],
  ['svg onload', '<svg onload="alert(1)"><circle r="1"></circle></svg>'],
  ['svg script', '<svg><script>alert(1)</script></svg>'],
  ['iframe', '<iframe src="https://evil.example"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['style tag', '<style>body{display:none}</style>'],
  ['style attribute', '<p style="position:fixed;inset:0">x</p>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ['form', '<form action="https://evil.example"><input name="p"><button>go</button></form>'],
  ['object/embed', '<object data="x.swf"></object><embed src="x.swf">'],
  ['media', '<video src="v.mp4"></video><audio src="a.mp3"></audio><picture><source srcset="s.png"></picture>'],
  ['mathml mXSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['noscript mXSS', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['inline handlers', '<p onclick="alert(1)" onmouseover="alert(1)">x</p><details open ontoggle="alert(1)"><summary>s</summary></details>'],
  ['base/link', '<base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/s.css">'],
];

describe('sanitizeBody', () => {
  it.each(HOSTILE)('removes %s', (_name, payload) => {
    const out = dom(sanitizeBody(payload));
    expect(out.querySelector('script, img, svg, math, iframe, style, meta, form, input, button, object, embed, video, audio, picture, source, base, link, noscript')).toBeNull();
    for (const el of Array.from(out.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        expect(attr.name.startsWith('on'), `${el.tagName} ${attr.name}`).toBe(false);
        expect(attr.name).not.toBe('style');
        expect(attr.name).not.toBe('src');
      }
    }
  });

  it('drops links that are not web or mail links', () => {
    for (const href of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', '#top']) {
      const a = dom(sanitizeBody(`<a href="${href}">x</a>`)).querySelector('a');
      expect(a?.getAttribute('href') ?? null, href).toBeNull();
    }
  });

  it('keeps web links, forcing rel and removing target', () => {
    const a = dom(sanitizeBody('<a href="https://ameli.fr" target="_blank" rel="opener">ameli</a>')).querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://ameli.fr');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    expect(a.hasAttribute('target')).toBe(false);
  });

  it('keeps mention links with a numeric user id only', () => {
    const ok = dom(sanitizeBody('<a class="mention" data-user-id="12" href="#">@Marie</a>')).querySelector('a')!;
    expect(ok.classList.contains('mention')).toBe(true);
    expect(ok.dataset.userId).toBe('12');
    const forged = dom(sanitizeBody('<a class="mention" data-user-id="12 onmouseover=alert(1)">@x</a>')).querySelector('a')!;
    expect(forged.classList.contains('mention')).toBe(false);
    expect(forged.hasAttribute('data-user-id')).toBe(false);
    const stray = dom(sanitizeBody('<a href="https://x.example" data-user-id="3">x</a>')).querySelector('a')!;
    expect(stray.hasAttribute('data-user-id')).toBe(false);
  });

  it('keeps ordinary Markdown output intact', () => {
    const html = '<p>Un <strong>gras</strong>, un <em>italique</em>, du <code>code</code>.</p><ul><li>un</li></ul><blockquote><p>cité</p></blockquote><pre><code>x</code></pre>';
    expect(sanitizeBody(html)).toBe(html);
  });

  it('strips ids and names that could clobber the DOM', () => {
    const out = dom(sanitizeBody('<p id="app" name="getElementById">x</p>'));
    expect(out.querySelector('p')!.hasAttribute('id')).toBe(false);
    expect(out.querySelector('p')!.hasAttribute('name')).toBe(false);
  });
});

describe('sanitizeSnippet', () => {
  it('keeps only bare <mark> and text', () => {
    const out = dom(sanitizeSnippet('un <mark onclick="alert(1)" class="x">piège</mark> <b>gras</b><img src=x onerror=alert(1)><script>alert(1)</script> &lt;échappé&gt;'));
    expect(Array.from(out.querySelectorAll('*')).map((e) => e.outerHTML)).toEqual(['<mark>piège</mark>']);
    expect(out.textContent).toBe('un piège gras <échappé>');
  });
});
