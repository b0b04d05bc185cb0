//! The tray icon: its image shows the unread state (pre-rendered variants,
//! since Linux trays have no overlay badges), its title/tooltip the counts,
//! and its menu opens the app, syncs, pauses notifications, shows the sync
//! state and quits.

use hublot_core::views::{SyncState, SyncStatus, UnreadSummary};
use tauri::image::Image;
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Runtime};

use crate::i18n::Lang;

/// Id of the app's tray icon.
pub const TRAY_ID: &str = "hublot";

/// Menu item ids.
pub mod ids {
    /// Show the window.
    pub const OPEN: &str = "open";
    /// Sync now.
    pub const SYNC: &str = "sync";
    /// Pause notifications for an hour.
    pub const PAUSE_HOUR: &str = "pause-hour";
    /// Pause notifications until tomorrow morning.
    pub const PAUSE_TOMORROW: &str = "pause-tomorrow";
    /// Pause notifications until resumed.
    pub const PAUSE_FOREVER: &str = "pause-forever";
    /// Resume notifications.
    pub const RESUME: &str = "resume";
    /// The sync state (disabled, text only).
    pub const STATUS: &str = "status";
    /// Quit.
    pub const QUIT: &str = "quit";
}

/// Which pre-rendered image the tray shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayImage {
    /// Nothing new.
    Idle,
    /// Unread posts.
    Unread,
    /// Unread mentions.
    Mentions,
}

impl TrayImage {
    /// The image for an unread summary: mentions win over posts.
    pub fn for_unread(unread: UnreadSummary) -> TrayImage {
        if unread.mentions > 0 {
            TrayImage::Mentions
        } else if unread.posts > 0 {
            TrayImage::Unread
        } else {
            TrayImage::Idle
        }
    }

    /// The PNG bytes of the variant (from `icons/tray/`).
    pub fn png(self) -> &'static [u8] {
        match self {
            TrayImage::Idle => include_bytes!("../../icons/tray/idle.png"),
            TrayImage::Unread => include_bytes!("../../icons/tray/unread.png"),
            TrayImage::Mentions => include_bytes!("../../icons/tray/mentions.png"),
        }
    }
}

/// The tray's menu items whose text changes.
pub struct TrayItems<R: Runtime> {
    status: MenuItem<R>,
    resume: MenuItem<R>,
}

/// Whether the desktop shows tray icons. On Linux that means a
/// StatusNotifierWatcher on the session bus (what libayatana-appindicator
/// registers with); elsewhere there always is a tray.
pub fn available() -> bool {
    #[cfg(target_os = "linux")]
    {
        let watcher = "org.kde.StatusNotifierWatcher";
        zbus::blocking::Connection::session()
            .and_then(|conn| {
                zbus::blocking::fdo::DBusProxy::new(&conn)?
                    .name_has_owner(watcher.try_into()?)
                    .map_err(Into::into)
            })
            .unwrap_or(false)
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

/// Creates the tray icon and its menu; `on_menu` handles the menu's clicks.
pub fn create<R: Runtime>(
    app: &AppHandle<R>,
    lang: Lang,
    on_menu: impl Fn(&AppHandle<R>, MenuEvent) + Send + Sync + 'static,
) -> tauri::Result<TrayIcon<R>> {
    let t = |fr, en| lang.pick(fr, en);
    let open = MenuItem::with_id(
        app,
        ids::OPEN,
        t("Ouvrir Hublot", "Open Hublot"),
        true,
        None::<&str>,
    )?;
    let sync = MenuItem::with_id(
        app,
        ids::SYNC,
        t("Synchroniser", "Sync now"),
        true,
        None::<&str>,
    )?;
    let hour = MenuItem::with_id(
        app,
        ids::PAUSE_HOUR,
        t("Pendant 1 heure", "For 1 hour"),
        true,
        None::<&str>,
    )?;
    let tomorrow = MenuItem::with_id(
        app,
        ids::PAUSE_TOMORROW,
        t("Jusqu'à demain", "Until tomorrow"),
        true,
        None::<&str>,
    )?;
    let forever = MenuItem::with_id(
        app,
        ids::PAUSE_FOREVER,
        t("Jusqu'à reprise", "Until I resume"),
        true,
        None::<&str>,
    )?;
    let resume = MenuItem::with_id(
        app,
        ids::RESUME,
        t("Reprendre", "Resume"),
        false,
        None::<&str>,
    )?;
    let pause = Submenu::with_items(
        app,
        t("Suspendre les notifications", "Pause notifications"),
        true,
        &[
            &hour,
            &tomorrow,
            &forever,
            &PredefinedMenuItem::separator(app)?,
            &resume,
        ],
    )?;
    let status = MenuItem::with_id(
        app,
        ids::STATUS,
        t("Hors ligne", "Offline"),
        false,
        None::<&str>,
    )?;
    let quit = MenuItem::with_id(app, ids::QUIT, t("Quitter", "Quit"), true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &open,
            &sync,
            &pause,
            &PredefinedMenuItem::separator(app)?,
            &status,
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )?;
    app.manage(TrayItems { status, resume });
    TrayIconBuilder::with_id(TRAY_ID)
        .icon(Image::from_bytes(TrayImage::Idle.png())?)
        .tooltip("Hublot")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(on_menu)
        .on_tray_icon_event(|tray, event| {
            // Windows and macOS report clicks (Linux trays only open the menu).
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                crate::window::show_main(tray.app_handle());
            }
        })
        .build(app)
}

/// Shows the unread state: image, title (Linux label, macOS menu bar) and tooltip.
pub fn set_unread<R: Runtime>(app: &AppHandle<R>, unread: UnreadSummary, lang: Lang) {
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let result = Image::from_bytes(TrayImage::for_unread(unread).png())
        .and_then(|image| tray.set_icon(Some(image)))
        .and_then(|()| tray.set_tooltip(Some(tooltip(unread, lang))))
        .and_then(|()| {
            tray.set_title(if unread.posts > 0 {
                Some(unread.posts.to_string())
            } else {
                None
            })
        });
    if let Err(e) = result {
        tracing::warn!(error = %e, "cannot update the tray icon");
    }
}

/// "Hublot — 3 unread, 1 mention".
pub fn tooltip(unread: UnreadSummary, lang: Lang) -> String {
    let mut text = String::from("Hublot");
    if unread.posts == 0 && unread.mentions == 0 {
        text.push_str(lang.pick(" — rien de nouveau", " — nothing new"));
        return text;
    }
    text.push_str(" — ");
    text.push_str(&match lang {
        Lang::Fr => format!(
            "{} non lu{}",
            unread.posts,
            if unread.posts > 1 { "s" } else { "" }
        ),
        Lang::En => format!("{} unread", unread.posts),
    });
    if unread.mentions > 0 {
        let s = if unread.mentions > 1 { "s" } else { "" };
        text.push_str(&format!(", {} mention{s}", unread.mentions));
    }
    text
}

/// Shows the sync state in the menu.
pub fn set_status<R: Runtime>(app: &AppHandle<R>, status: &SyncStatus, lang: Lang) {
    if let Some(items) = app.try_state::<TrayItems<R>>() {
        if let Err(e) = items.status.set_text(status_text(status, lang)) {
            tracing::warn!(error = %e, "cannot update the tray's sync state");
        }
    }
}

/// Enables "Resume" while notifications are paused.
pub fn set_paused<R: Runtime>(app: &AppHandle<R>, paused: bool) {
    if let Some(items) = app.try_state::<TrayItems<R>>() {
        let _ = items.resume.set_enabled(paused);
    }
}

/// The sync state in words, e.g. "Offline since 14:05 — 2 pending".
pub fn status_text(status: &SyncStatus, lang: Lang) -> String {
    let mut text = match &status.state {
        SyncState::Online => lang.pick("En ligne", "Online").to_owned(),
        SyncState::Syncing { .. } => lang.pick("Synchronisation…", "Syncing…").to_owned(),
        SyncState::Offline { since, .. } => {
            format!(
                "{} {}",
                lang.pick("Hors ligne depuis", "Offline since"),
                clock_time(*since)
            )
        }
        SyncState::SignedOut => lang.pick("Non connecté", "Signed out").to_owned(),
        SyncState::Error { .. } => lang
            .pick("Erreur de synchronisation", "Sync error")
            .to_owned(),
    };
    if status.pending > 0 {
        text.push_str(&match lang {
            Lang::Fr => format!(" — {} en attente", status.pending),
            Lang::En => format!(" — {} pending", status.pending),
        });
    }
    text
}

/// HH:MM in local time.
fn clock_time(millis: i64) -> String {
    use chrono::TimeZone;
    match chrono::Local.timestamp_millis_opt(millis).single() {
        Some(t) => t.format("%H:%M").to_string(),
        None => "?".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_and_tooltip_follow_the_counts() {
        let none = UnreadSummary {
            posts: 0,
            mentions: 0,
        };
        let posts = UnreadSummary {
            posts: 3,
            mentions: 0,
        };
        let mention = UnreadSummary {
            posts: 3,
            mentions: 1,
        };
        assert_eq!(TrayImage::for_unread(none), TrayImage::Idle);
        assert_eq!(TrayImage::for_unread(posts), TrayImage::Unread);
        assert_eq!(TrayImage::for_unread(mention), TrayImage::Mentions);
        assert_ne!(TrayImage::Idle.png(), TrayImage::Unread.png());
        assert_eq!(tooltip(mention, Lang::En), "Hublot — 3 unread, 1 mention");
        assert_eq!(tooltip(none, Lang::Fr), "Hublot — rien de nouveau");
    }

    #[test]
    fn status_text_counts_pending_items() {
        let status = SyncStatus {
            state: SyncState::Online,
            last_synced_at: None,
            pending: 2,
            failed: 0,
        };
        assert_eq!(status_text(&status, Lang::En), "Online — 2 pending");
    }
}
