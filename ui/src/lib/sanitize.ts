/**
 * The UI's own sanitiser, applied to every piece of HTML from the backend before it is
 * inserted, even though the Rust side already cleaned it with ammonia: a buggy or
 * compromised backend must still not run script, load a remote resource or restyle the app.
 */
import DOMPurify from 'dompurify';

/** Elements that could run script, fetch something or draw outside the post. */
const FORBID_TAGS = [
  'img', 'picture', 'source', 'video', 'audio', 'track', 'iframe', 'frame', 'frameset', 'object',
  'embed', 'svg', 'math', 'style', 'link', 'meta', 'base', 'form', 'input', 'button', 'select',
  'textarea', 'option', 'script', 'noscript', 'template', 'canvas', 'map', 'area', 'dialog',
];

/** Attributes that could fetch, restyle or move focus. */
const FORBID_ATTR = ['style', 'srcset', 'src', 'action', 'formaction', 'background', 'poster', 'ping', 'target', 'id', 'name', 'tabindex', 'autofocus'];

/** Only these links survive: web pages and e-mail addresses. Relative links are dropped. */
const SAFE_HREF = /^(?:https?:|mailto:)/i;

function makeBodyPurifier() {
  const purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const a = node as HTMLAnchorElement;
    const href = a.getAttribute('href');
    const isMention = a.classList.contains('mention') && /^\d+$/.test(a.dataset.userId ?? '');
    if (href !== null && !SAFE_HREF.test(href.trim())) a.removeAttribute('href');
    if (!isMention) {
      // Only mention links keep the data attribute the app reacts to.
      for (const attr of Array.from(a.attributes)) {
        if (attr.name.startsWith('data-')) a.removeAttribute(attr.name);
      }
      a.classList.remove('mention');
    }
    a.setAttribute('rel', 'noopener noreferrer');
  });
  return purifier;
}

let bodyPurifier: ReturnType<typeof DOMPurify> | null = null;
let snippetPurifier: ReturnType<typeof DOMPurify> | null = null;

/** Cleans a post or comment body (or a Markdown preview) for `{@html}`. */
export function sanitizeBody(html: string): string {
  bodyPurifier ??= makeBodyPurifier();
  return bodyPurifier.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: true,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    SANITIZE_DOM: true,
    SANITIZE_NAMED_PROPS: true,
  });
}

/** Cleans a search snippet: escaped text in which only `<mark>` survives. */
export function sanitizeSnippet(html: string): string {
  snippetPurifier ??= DOMPurify(window);
  return snippetPurifier.sanitize(html, { ALLOWED_TAGS: ['mark'], ALLOWED_ATTR: [], KEEP_CONTENT: true });
}
