/**
 * The app's shared state: the session, the sidebar's data, the sync state, the current
 * screen and its history, and the refresh signal that `cache-changed` sends to open views.
 */
import * as ipc from './ipc';
import { IpcError } from './ipc';
import { applyLanguage, t } from './i18n/index.svelte';
import type { CacheChanged } from './bindings/CacheChanged';
import type { GroupView } from './bindings/GroupView';
import type { SyncStatus } from './bindings/SyncStatus';
import type { UnreadSummary } from './bindings/UnreadSummary';
import type { SessionInfo, Settings, ThemeSetting } from './types';

/** A screen of the app. */
export type Route =
  | { name: 'home' }
  | { name: 'group'; groupId: number }
  | { name: 'post'; postId: number; reply?: boolean }
  | { name: 'browse' }
  | { name: 'directory' }
  | { name: 'profile'; userId: number }
  | { name: 'search' }
  | { name: 'outbox' }
  | { name: 'settings' };

/** A passing message at the bottom of the window. */
export type Toast = { id: number; text: string; kind: 'error' | 'info' };

type AppState = {
  version: string;
  session: SessionInfo | null;
  settings: Settings | null;
  groups: GroupView[];
  sync: SyncStatus | null;
  unread: UnreadSummary;
  route: Route;
  helpOpen: boolean;
  toasts: Toast[];
  /** The question of the confirmation dialog on screen, if any. */
  confirm: { text: string; danger: boolean; resolve: (yes: boolean) => void } | null;
  /** The clock relative times are computed from; ticks every 30 s. */
  now: number;
};

/** The shared state; components read it directly. */
export const app: AppState = $state({
  version: '',
  session: null,
  settings: null,
  groups: [],
  sync: null,
  unread: { posts: 0, mentions: 0 },
  route: { name: 'home' },
  helpOpen: false,
  toasts: [],
  confirm: null,
  now: Date.now(),
});

const backStack: Route[] = [];

/** Opens a screen, remembering the current one for `back`. */
export function go(route: Route): void {
  if (JSON.stringify(route) === JSON.stringify(app.route)) return;
  backStack.push(app.route);
  if (backStack.length > 50) backStack.shift();
  app.route = route;
}

/** Returns to the previous screen (home when there is none). */
export function back(): void {
  app.route = backStack.pop() ?? { name: 'home' };
}

/** Whether there is a screen to go back to. */
export function canGoBack(): boolean {
  return backStack.length > 0;
}

let toastSeq = 0;

/** Shows a passing message. */
export function toast(text: string, kind: Toast['kind'] = 'info'): void {
  const id = ++toastSeq;
  // The same message again replaces the one on screen instead of stacking up.
  app.toasts = [...app.toasts.filter((x) => x.text !== text), { id, text, kind }];
  setTimeout(() => dismissToast(id), kind === 'error' ? 8000 : 4000);
}

/** Removes a passing message. */
export function dismissToast(id: number): void {
  app.toasts = app.toasts.filter((x) => x.id !== id);
}

/** The sentence to show for a failure: the shell's message, or ours for its code. */
export function errorText(error: unknown): string {
  if (error instanceof IpcError) return error.message || t(`error.${error.code}`);
  return t('error.internal');
}

/** Shows a failed action as an error toast. */
export function reportError(error: unknown): void {
  toast(errorText(error), 'error');
}

/** Runs an action, reporting its failure; answers whether it succeeded. */
export async function attempt(action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

/** Applies the theme setting to the document (`system` follows `prefers-color-scheme`). */
export function applyTheme(theme: ThemeSetting): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Applies settings to the UI (language and theme). */
export function applySettings(settings: Settings): void {
  app.settings = settings;
  applyLanguage(settings.language);
  applyTheme(settings.theme);
}

let groupsAsked = 0;

/** Reloads the sidebar's groups (an answer overtaken by a later request is dropped). */
export async function refreshGroups(): Promise<void> {
  const asked = ++groupsAsked;
  try {
    const groups = await ipc.groups();
    if (asked === groupsAsked) app.groups = groups;
  } catch (error) {
    reportError(error);
  }
}

/** Groups I joined, by name. */
export function myGroups(): GroupView[] {
  return app.groups.filter((g) => g.joined).sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether I may post in a group: joined, not archived, and an admin where only admins post. */
export function canPostIn(group: GroupView): boolean {
  return group.joined && !group.archived && (group.kind !== 'announcement' || group.my_role === 'admin');
}

/** A group by id, from the sidebar's list. */
export function groupById(id: number): GroupView | undefined {
  return app.groups.find((g) => g.id === id);
}

type CacheListener = (change: CacheChanged) => void;
// Plain callbacks, not reactive state.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const cacheListeners = new Set<CacheListener>();

/** Calls `listener` on every `cache-changed`; returns the function that stops it. */
export function onCacheChanged(listener: CacheListener): () => void {
  cacheListeners.add(listener);
  return () => cacheListeners.delete(listener);
}

/** Tells every open view what changed. */
export function broadcastCacheChanged(change: CacheChanged): void {
  for (const listener of cacheListeners) listener(change);
}

/** Whether the app is offline now (writes are queued, history cannot be fetched). */
export function isOffline(): boolean {
  const state = app.sync?.state.state;
  return state === 'offline' || state === 'error';
}

/**
 * Asks the person to confirm (our own dialog: webviews handle `window.confirm`
 * inconsistently). Resolves to her answer.
 */
export function askConfirm(text: string, danger = true): Promise<boolean> {
  app.confirm?.resolve(false);
  return new Promise((resolve) => {
    app.confirm = {
      text,
      danger,
      resolve: (yes) => {
        app.confirm = null;
        resolve(yes);
      },
    };
  });
}
