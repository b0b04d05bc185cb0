/**
 * The one typed wrapper around Tauri IPC: every command and event of the contract in
 * docs/ARCHITECTURE.md, and nothing else in the UI calls `invoke` or `listen`.
 * Failures always surface as an `IpcError`, which carries an `AppError` code.
 */
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { openUrl } from '@tauri-apps/plugin-opener';
import type { AppError, AppErrorCode, AppInfo, Navigate, SessionInfo, Settings } from './types';
import type { CacheChanged } from './bindings/CacheChanged';
import type { CommentView } from './bindings/CommentView';
import type { FeedPage } from './bindings/FeedPage';
import type { FeedQuery } from './bindings/FeedQuery';
import type { GroupDetail } from './bindings/GroupDetail';
import type { GroupView } from './bindings/GroupView';
import type { NewPoll } from './bindings/NewPoll';
import type { OutboxItemView } from './bindings/OutboxItemView';
import type { PeoplePage } from './bindings/PeoplePage';
import type { PeopleQuery } from './bindings/PeopleQuery';
import type { PersonRef } from './bindings/PersonRef';
import type { PostDetail } from './bindings/PostDetail';
import type { PostView } from './bindings/PostView';
import type { Profile } from './bindings/Profile';
import type { SearchHit } from './bindings/SearchHit';
import type { SearchQuery } from './bindings/SearchQuery';
import type { SyncStatus } from './bindings/SyncStatus';
import type { UnreadSummary } from './bindings/UnreadSummary';

const CODES: readonly AppErrorCode[] = [
  'not_signed_in',
  'invalid_input',
  'not_found',
  'forbidden',
  'offline',
  'server',
  'storage',
  'keyring',
  'internal',
];

/** A failed command, as an `Error` the UI can throw and catch, with the contract's code. */
export class IpcError extends Error implements AppError {
  readonly code: AppErrorCode;

  constructor(code: AppErrorCode, message: string) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
  }
}

function isCode(value: unknown): value is AppErrorCode {
  return typeof value === 'string' && (CODES as readonly string[]).includes(value);
}

/**
 * Turns whatever a rejected command gave into an `IpcError`: the contract's
 * `{ code, message }`, a bare string (Tauri's own failures, e.g. an unknown command),
 * an `Error`, or anything else. Unknown codes become `internal`, never lost.
 */
export function toIpcError(raw: unknown): IpcError {
  if (raw instanceof IpcError) return raw;
  if (raw !== null && typeof raw === 'object' && !(raw instanceof Error)) {
    const record = raw as Record<string, unknown>;
    const message = typeof record.message === 'string' && record.message.trim() !== '' ? record.message : '';
    if (isCode(record.code)) return new IpcError(record.code, message);
    return new IpcError('internal', message || safeJson(raw));
  }
  if (raw instanceof Error) return new IpcError('internal', raw.message);
  if (typeof raw === 'string') return new IpcError('internal', raw);
  return new IpcError('internal', String(raw));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toIpcError(raw);
  }
}

// Session
export const appInfo = () => call<AppInfo>('app_info');
export const signIn = (server: string, login: string, password: string) =>
  call<SessionInfo>('sign_in', { server, login, password });
export const startDemo = () => call<SessionInfo>('start_demo');
export const resetDemo = () => call<SessionInfo>('reset_demo');
export const signOut = () => call<null>('sign_out');

// Reading
export const feed = (query: FeedQuery) => call<FeedPage>('feed', { query });
export const fetchHistory = (groupId: number) => call<number>('fetch_history', { groupId });
export const postDetail = (postId: number) => call<PostDetail>('post_detail', { postId });
export const groups = () => call<GroupView[]>('groups');
export const groupDetail = (groupId: number) => call<GroupDetail>('group_detail', { groupId });
export const people = (query: PeopleQuery) => call<PeoplePage>('people', { query });
export const profile = (userId: number) => call<Profile>('profile', { userId });
export const search = (query: SearchQuery) => call<SearchHit[]>('search', { query });
export const mentionCandidates = (prefix: string) => call<PersonRef[]>('mention_candidates', { prefix });
export const renderMarkdown = (body: string) => call<string>('render_markdown', { body });
export const syncStatus = () => call<SyncStatus>('sync_status');
export const outbox = () => call<OutboxItemView[]>('outbox');
export const unread = () => call<UnreadSummary>('unread');

// Writing
export const createPost = (groupId: number, body: string, poll: NewPoll | null) =>
  call<PostView>('create_post', { groupId, body, poll });
export const editPost = (postId: number, body: string) => call<null>('edit_post', { postId, body });
export const deletePost = (postId: number) => call<null>('delete_post', { postId });
export const createComment = (postId: number, body: string) =>
  call<CommentView>('create_comment', { postId, body });
export const editComment = (commentId: number, body: string) => call<null>('edit_comment', { commentId, body });
export const deleteComment = (commentId: number) => call<null>('delete_comment', { commentId });
export const setLike = (postId: number, liked: boolean) => call<null>('set_like', { postId, liked });
export const vote = (postId: number, optionIds: number[]) => call<null>('vote', { postId, optionIds });
export const markRead = (groupId: number) => call<null>('mark_read', { groupId });
export const setMembership = (groupId: number, joined: boolean) => call<null>('set_membership', { groupId, joined });
export const setFollow = (groupId: number, following: boolean) => call<null>('set_follow', { groupId, following });
export const pinPost = (postId: number, pinned: boolean) => call<null>('pin_post', { postId, pinned });
export const retryOutbox = (id: number) => call<null>('retry_outbox', { id });
export const discardOutbox = (id: number) => call<null>('discard_outbox', { id });
export const editOutbox = (id: number, body: string) => call<null>('edit_outbox', { id, body });
export const syncNow = () => call<null>('sync_now');

// Window state
/** Tells the shell which group is on screen (null: any other screen), so it does not notify about it. */
export const shownGroup = (groupId: number | null) => call<null>('shown_group', { groupId });
/** Tells the shell when the first post was painted (epoch milliseconds), for its start-up log line. */
export const firstPaint = (at: number) => call<null>('first_paint', { at });

// Settings
export const settings = () => call<Settings>('settings');
export const saveSettings = (value: Settings) => call<Settings>('save_settings', { settings: value });

/** Opens an http(s) or mailto link in the system's browser or mail client. */
export async function openExternal(url: string): Promise<void> {
  try {
    await openUrl(url);
  } catch (raw) {
    throw toIpcError(raw);
  }
}

/** The events the shell emits, with their payloads. */
export type EventMap = {
  'sync-status': SyncStatus;
  'cache-changed': CacheChanged;
  unread: UnreadSummary;
  navigate: Navigate;
};

/** Listens to one of the shell's events; resolves to the function that stops listening. */
export async function on<K extends keyof EventMap>(
  event: K,
  handler: (payload: EventMap[K]) => void,
): Promise<UnlistenFn> {
  try {
    return await listen<EventMap[K]>(event, (e) => handler(e.payload));
  } catch (raw) {
    throw toIpcError(raw);
  }
}
