/**
 * The shell's own IPC types (session, settings, errors, navigation).
 * Generated from the Rust structs of `src-tauri` (ts-rs, `tests/ts_bindings.rs`);
 * re-exported here so the rest of the UI imports them from one place.
 */
export type { AppError } from './bindings/AppError';
export type { AppErrorCode } from './bindings/AppErrorCode';
export type { AppInfo } from './bindings/AppInfo';
export type { LanguageSetting } from './bindings/LanguageSetting';
export type { Navigate } from './bindings/Navigate';
export type { SessionInfo } from './bindings/SessionInfo';
export type { Settings } from './bindings/Settings';
export type { ThemeSetting } from './bindings/ThemeSetting';
