import { describe, it, expect, beforeEach } from 'vitest';
import { mockIPC, clearMocks } from '@tauri-apps/api/mocks';
import * as ipc from './ipc';
import { IpcError, toIpcError } from './ipc';

describe('toIpcError', () => {
  it('keeps the contract shape', () => {
    const e = toIpcError({ code: 'offline', message: 'Impossible de joindre le serveur.' });
    expect(e).toBeInstanceOf(IpcError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('offline');
    expect(e.message).toBe('Impossible de joindre le serveur.');
  });

  it('maps every contract code', () => {
    for (const code of ['not_signed_in', 'invalid_input', 'not_found', 'forbidden', 'offline', 'server', 'storage', 'keyring', 'internal'] as const) {
      expect(toIpcError({ code, message: 'x' }).code).toBe(code);
    }
  });

  it('turns an unknown code into internal without losing the message', () => {
    const e = toIpcError({ code: 'teapot', message: 'Je suis une théière.' });
    expect(e.code).toBe('internal');
    expect(e.message).toBe('Je suis une théière.');
  });

  it('turns Tauri string failures, Errors and odd values into internal', () => {
    expect(toIpcError('command feed not found')).toMatchObject({ code: 'internal', message: 'command feed not found' });
    expect(toIpcError(new TypeError('boom'))).toMatchObject({ code: 'internal', message: 'boom' });
    expect(toIpcError(undefined)).toMatchObject({ code: 'internal', message: 'undefined' });
    expect(toIpcError({ nothing: 1 }).message).toBe('{"nothing":1}');
  });

  it('keeps an empty message empty so the UI shows its own sentence for the code', () => {
    expect(toIpcError({ code: 'forbidden', message: '  ' }).message).toBe('');
  });
});

describe('commands', () => {
  beforeEach(() => clearMocks());

  it('pass camelCase arguments as one object and resolve with the value', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return cmd === 'fetch_history' ? 12 : null;
    });
    await expect(ipc.fetchHistory(3)).resolves.toBe(12);
    await ipc.createPost(4, 'Bonjour', null);
    await ipc.vote(7, [1, 2]);
    await ipc.saveSettings({ language: 'fr', theme: 'dark', notifications: { enabled: true, paused_until: null, quiet_hours: null, mentions_break_through: true, sound: false }, close_to_tray: true, start_at_login: false });
    expect(seen[0]).toEqual(['fetch_history', { groupId: 3 }]);
    expect(seen[1]).toEqual(['create_post', { groupId: 4, body: 'Bonjour', poll: null }]);
    expect(seen[2]).toEqual(['vote', { postId: 7, optionIds: [1, 2] }]);
    expect(seen[3][0]).toBe('save_settings');
    expect(seen[3][1]).toHaveProperty('settings.theme', 'dark');
  });

  it('reject with an IpcError carrying the code', async () => {
    mockIPC(() => {
      throw { code: 'offline', message: 'Hors ligne.' };
    });
    const failure = await ipc.fetchHistory(1).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IpcError);
    expect(failure).toMatchObject({ code: 'offline', message: 'Hors ligne.' });
  });

  it('delivers event payloads to listeners', async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const got: unknown[] = [];
    const stop = await ipc.on('navigate', (p) => got.push(p));
    const { emit } = await import('@tauri-apps/api/event');
    await emit('navigate', { postId: 5, groupId: null });
    expect(got).toEqual([{ postId: 5, groupId: null }]);
    stop();
  });
});
