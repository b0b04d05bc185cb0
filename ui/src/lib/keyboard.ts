/**
 * Keyboard shortcuts: turns key presses into app actions. `g` starts a two-key
 * sequence (`g h` goes home). Keys typed into fields are never shortcuts, except Escape.
 */

/** What a shortcut asks for. */
export type Action = 'next' | 'prev' | 'open' | 'like' | 'reply' | 'search' | 'home' | 'help' | 'escape';

/** The parts of a `KeyboardEvent` the reader looks at. */
export type KeyInput = {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: EventTarget | null;
};

/** Whether the key goes to a field the person is typing in. */
export function isTypingTarget(target: EventTarget | null | undefined): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  return el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

function isControl(target: EventTarget | null | undefined): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  return (target as Element).closest('button, a[href], summary, [role="button"], [role="menuitem"]') !== null;
}

const SINGLE: Record<string, Action> = {
  j: 'next',
  k: 'prev',
  o: 'open',
  l: 'like',
  r: 'reply',
  '/': 'search',
  '?': 'help',
};

/** Reads key presses one by one; keeps the `g` prefix between two of them. */
export class ShortcutReader {
  private awaitingG = false;

  /** The action for this key press, or null when it is not a shortcut. */
  read(input: KeyInput): Action | null {
    if (input.key === 'Escape') {
      this.awaitingG = false;
      return 'escape';
    }
    if (input.ctrlKey || input.metaKey || input.altKey) {
      this.awaitingG = false;
      return null;
    }
    if (isTypingTarget(input.target)) {
      this.awaitingG = false;
      return null;
    }
    if (this.awaitingG) {
      this.awaitingG = false;
      if (input.key === 'h') return 'home';
      // An unknown second key cancels the sequence and is not read on its own.
      return null;
    }
    if (input.key === 'g') {
      this.awaitingG = true;
      return null;
    }
    if (input.key === 'Enter') return isControl(input.target) ? null : 'open';
    return SINGLE[input.key] ?? null;
  }
}
