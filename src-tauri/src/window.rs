//! The main window: showing it, hiding it to the tray on close, the taskbar badge.

use tauri::{AppHandle, Listener, Manager, Runtime, Window, WindowEvent};

use crate::shell::Shell;

/// Label of the main window (tauri.conf.json).
pub const MAIN: &str = "main";

/// Event Tauri emits once a window exists.
const WINDOW_CREATED: &str = "tauri://window-created";

/// Shows, restores and focuses the main window, now or as soon as it exists.
///
/// A second launch can reach the single-instance callback before the main
/// window exists: the plugin claims its D-Bus name while the app is being
/// built, and the windows of tauri.conf.json are only created once the event
/// loop starts, a few seconds later on a cold start. Dropping the request then
/// would lose the second launch (it exits, the first never shows).
pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        show(&window);
        return;
    }
    tracing::info!("the main window does not exist yet: showing it once created");
    let handle = app.clone();
    app.once_any(WINDOW_CREATED, move |_| {
        if let Some(window) = handle.get_webview_window(MAIN) {
            show(&window);
        }
    });
    // Created between the first look and the listener: show it now.
    if let Some(window) = app.get_webview_window(MAIN) {
        show(&window);
    }
}

fn show<R: Runtime>(window: &tauri::WebviewWindow<R>) {
    let result = window
        .show()
        .and_then(|()| window.unminimize())
        .and_then(|()| window.set_focus());
    if let Err(e) = result {
        tracing::warn!(error = %e, "cannot show the main window");
    }
}

/// Whether the person is looking at the main window now.
pub fn main_in_view<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.get_webview_window(MAIN).is_some_and(|w| {
        w.is_visible().unwrap_or(false)
            && w.is_focused().unwrap_or(false)
            && !w.is_minimized().unwrap_or(false)
    })
}

/// Closing the main window hides it to the tray when the setting is on and
/// a tray exists (with a one-time hint); otherwise the app quits.
pub fn on_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if window.label() != MAIN {
        return;
    }
    if let WindowEvent::CloseRequested { api, .. } = event {
        let app = window.app_handle();
        let shell = app.state::<Shell>();
        if shell.has_tray() && shell.settings().close_to_tray {
            api.prevent_close();
            if let Err(e) = window.hide() {
                tracing::warn!(error = %e, "cannot hide the main window");
            }
            shell.close_hint_once();
        } else {
            app.exit(0);
        }
    }
}

/// Shows the unread count on the taskbar/dock icon where the platform has a
/// badge (macOS dock, Linux launchers speaking the Unity LauncherEntry API);
/// Windows has none.
pub fn set_badge<R: Runtime>(app: &AppHandle<R>, count: u32) {
    #[cfg(not(windows))]
    if let Some(window) = app.get_webview_window(MAIN) {
        let count = (count > 0).then_some(i64::from(count));
        if let Err(e) = window.set_badge_count(count) {
            tracing::debug!(error = %e, "no taskbar badge on this desktop");
        }
    }
    #[cfg(windows)]
    let _ = (app, count);
}
