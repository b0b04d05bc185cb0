//! Forwards a session's events: `sync-status`, `cache-changed` and `unread` to
//! the UI (and the tray and badge), notification decisions to the notifier.

use hublot_core::session::Session;
use hublot_core::views::{CacheChanged, UnreadSummary};
use tauri::async_runtime::JoinHandle;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tokio::sync::broadcast::error::RecvError;

use crate::shell::Shell;

/// Event names of the IPC contract.
pub mod names {
    /// `SyncStatus`.
    pub const SYNC_STATUS: &str = "sync-status";
    /// `CacheChanged`.
    pub const CACHE_CHANGED: &str = "cache-changed";
    /// `UnreadSummary`.
    pub const UNREAD: &str = "unread";
}

/// Starts the forwarding tasks; abort them when the session ends.
pub fn forward<R: Runtime>(app: &AppHandle<R>, session: &Session) -> Vec<JoinHandle<()>> {
    let mut tasks = Vec::new();

    let mut status = session.status();
    let a = app.clone();
    tasks.push(tauri::async_runtime::spawn(async move {
        loop {
            let current = status.borrow_and_update().clone();
            let _ = a.emit(names::SYNC_STATUS, &current);
            crate::tray::set_status(&a, &current, a.state::<Shell>().lang());
            if status.changed().await.is_err() {
                break;
            }
        }
    }));

    let mut changes = session.subscribe_changes();
    let (a, s) = (app.clone(), session.clone());
    tasks.push(tauri::async_runtime::spawn(async move {
        let mut last = None;
        refresh_unread(&a, &s, &mut last);
        loop {
            let changed = match changes.recv().await {
                Ok(c) => c,
                // Missed some: every view reloads.
                Err(RecvError::Lagged(_)) => CacheChanged {
                    all: true,
                    ..CacheChanged::default()
                },
                Err(RecvError::Closed) => break,
            };
            let _ = a.emit(names::CACHE_CHANGED, &changed);
            refresh_unread(&a, &s, &mut last);
        }
    }));

    let mut decisions = session.subscribe_notifications();
    let a = app.clone();
    tasks.push(tauri::async_runtime::spawn(async move {
        loop {
            match decisions.recv().await {
                Ok(batch) => crate::shell::raise(&a, batch),
                Err(RecvError::Lagged(n)) => {
                    tracing::warn!(missed = n, "notification decisions dropped")
                }
                Err(RecvError::Closed) => break,
            }
        }
    }));
    tasks
}

/// Re-reads the unread counts; on a change tells the UI, the tray and the badge.
fn refresh_unread<R: Runtime>(
    app: &AppHandle<R>,
    session: &Session,
    last: &mut Option<UnreadSummary>,
) {
    let unread = match session.store().unread() {
        Ok(u) => u,
        Err(e) => {
            tracing::warn!(error = %e, "cannot count unread posts");
            return;
        }
    };
    if *last == Some(unread) {
        return;
    }
    *last = Some(unread);
    let _ = app.emit(names::UNREAD, unread);
    crate::tray::set_unread(app, unread, app.state::<Shell>().lang());
    crate::window::set_badge(app, unread.posts);
}
