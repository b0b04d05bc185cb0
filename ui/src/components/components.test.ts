import { describe, it, expect, beforeEach } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import { tick } from 'svelte';
import { mockIPC, clearMocks } from '@tauri-apps/api/mocks';
import { app } from '../lib/app.svelte';
import { applyLanguage } from '../lib/i18n/index.svelte';
import SyncBadge from './SyncBadge.svelte';
import RichText from './RichText.svelte';
import Poll from './Poll.svelte';
import type { PostView } from '../lib/bindings/PostView';

beforeEach(() => {
  clearMocks();
  applyLanguage('fr');
  app.route = { name: 'home' };
});

describe('SyncBadge', () => {
  it('says since when the app is offline, with the pending count and a retry', async () => {
    const since = new Date(2026, 10, 29, 9, 41).getTime();
    app.sync = { state: { state: 'offline', since, retry_at: null }, last_synced_at: null, pending: 2, failed: 0 };
    render(SyncBadge);
    expect(screen.getByRole('status').textContent).toBe('Hors ligne depuis 09:41');
    expect(screen.getByText('2 envois en attente')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeTruthy();
    app.sync = { state: { state: 'online' }, last_synced_at: since, pending: 0, failed: 0 };
    await tick();
    expect(screen.getByRole('status').textContent).toBe('En ligne');
    expect(screen.queryByRole('button', { name: 'Réessayer' })).toBeNull();
  });

  it('shows the error reason', () => {
    app.sync = { state: { state: 'error', reason: 'Le serveur répond 503.', since: 0, retry_at: null }, last_synced_at: null, pending: 0, failed: 1 };
    render(SyncBadge);
    expect(screen.getByRole('status').textContent).toBe('Erreur de synchronisation');
    expect(screen.getByText('Le serveur répond 503.')).toBeTruthy();
    expect(screen.getByText('1 envoi refusé')).toBeTruthy();
  });
});

describe('RichText', () => {
  it('opens web links through the opener and mentions as profiles', async () => {
    const opened: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'plugin:opener|open_url') opened.push((args as { url: string }).url);
      return null;
    });
    const { container } = render(RichText, {
      html: '<p><a href="https://www.ameli.fr/">ameli</a> <a class="mention" data-user-id="7" href="#">@Marie</a> <a href="javascript:alert(1)">piège</a></p>',
    });
    const links = container.querySelectorAll('a');
    const web = await fireEvent.click(links[0]);
    expect(web).toBe(false); // default prevented: the webview never navigates
    await tick();
    expect(opened).toEqual(['https://www.ameli.fr/']);
    await fireEvent.click(links[1]);
    expect(app.route).toEqual({ name: 'profile', userId: 7 });
    await fireEvent.click(links[2]);
    expect(opened).toHaveLength(1);
  });
});

describe('Poll', () => {
  const post = (closed: boolean): PostView => ({
    key: 'p1', id: 1, client_id: 'x', group: { id: 1, name: 'G' },
    author: { id: 2, name: 'Jean', handle: 'jean', job_title: 'Juriste', initials: 'J' },
    body: '', body_html: '', pinned: false, created_at: 0, edited_at: null, comment_count: 0, like_count: 0,
    liked_by_me: false, send_state: { state: 'sent' }, is_mine: false, can_moderate: false, unread: false,
    poll: {
      question: 'Quel créneau ?', multiple: false, closes_at: null, closed, voters: 4, vote_pending: false,
      options: [
        { id: 10, label: 'Mardi', votes: 3, percent: 75, chosen: false },
        { id: 11, label: 'Jeudi', votes: 1, percent: 25, chosen: true },
      ],
    },
  });

  it('shows results with percentages and lets me change my vote', async () => {
    const votes: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'vote') votes.push(args);
      return null;
    });
    render(Poll, { post: post(false) });
    expect(screen.getByText('75 %')).toBeTruthy();
    expect(screen.getByText('4 votants', { exact: false })).toBeTruthy();
    const submit = screen.getByRole('button', { name: 'Modifier mon vote' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await fireEvent.click(screen.getByRole('radio', { name: /Mardi/ }));
    expect(submit.disabled).toBe(false);
    await fireEvent.click(submit);
    await new Promise((r) => setTimeout(r, 0));
    expect(votes).toEqual([{ postId: 1, optionIds: [10] }]);
  });

  it('keeps a choice not yet submitted when the post refreshes with the same vote', async () => {
    const { rerender } = render(Poll, { post: post(false) });
    await fireEvent.click(screen.getByRole('radio', { name: /Mardi/ }));
    await rerender({ post: post(false) });
    expect((screen.getByRole('radio', { name: /Mardi/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('button', { name: 'Modifier mon vote' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows a poll not yet sent, whose options have no ids yet', () => {
    const pending = post(false);
    pending.id = null;
    pending.send_state = { state: 'pending' };
    pending.poll!.options = pending.poll!.options.map((o) => ({ ...o, id: 0, chosen: false, votes: 0, percent: 0 }));
    render(Poll, { post: pending });
    expect(screen.getByText('Mardi')).toBeTruthy();
    expect(screen.getByText('Jeudi')).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
  });

  it('refuses votes once closed', () => {
    render(Poll, { post: post(true) });
    expect(screen.getByText('Sondage clos')).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
