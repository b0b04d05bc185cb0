/**
 * Types of the shell side of the IPC contract (docs/ARCHITECTURE.md). The view types
 * come generated from hublot-core in `./bindings`; these are hand-written until the
 * shell generates its own, and must match the contract exactly.
 */
import type { NotificationSettings } from './bindings/NotificationSettings';
import type { PersonView } from './bindings/PersonView';

/** The signed-in session. */
export type SessionInfo = {
  /** Server address. */
  server: string;
  /** The embedded demo workspace. */
  demo: boolean;
  /** The signed-in person. */
  me: PersonView;
};

/** What `app_info` answers. */
export type AppInfo = {
  /** The app's version. */
  version: string;
  /** The session, or null before sign-in. */
  session: SessionInfo | null;
};

/** Interface language. */
export type LanguageSetting = 'system' | 'fr' | 'en';

/** Colour theme. */
export type ThemeSetting = 'system' | 'light' | 'dark';

/** The app's settings. */
export type Settings = {
  language: LanguageSetting;
  theme: ThemeSetting;
  notifications: NotificationSettings;
  close_to_tray: boolean;
  start_at_login: boolean;
};

/** Error codes a command may reject with. */
export type AppErrorCode =
  | 'not_signed_in'
  | 'invalid_input'
  | 'not_found'
  | 'forbidden'
  | 'offline'
  | 'server'
  | 'storage'
  | 'keyring'
  | 'internal';

/** Every command rejects with this shape. */
export type AppError = {
  code: AppErrorCode;
  /** A sentence for people, already translated where the shell knows the language. */
  message: string;
};

/** Payload of the `navigate` event. */
export type Navigate = {
  postId: number | null;
  groupId: number | null;
};
