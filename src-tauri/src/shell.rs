//! The shell's own state (settings, tray, which group the UI shows) and the
//! actions the tray, the window and the commands share.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use chrono::{Duration, Local, NaiveTime, TimeZone};
use hublot_core::views::NotificationView;
use tauri::{AppHandle, Manager, Runtime};

use crate::i18n::Lang;
use crate::notifier::Notifier;
use crate::settings::{self, Settings, SettingsError};

/// Shared by every part of the shell (Tauri managed state).
pub struct Shell {
    config_dir: PathBuf,
    settings: Mutex<Settings>,
    tray: AtomicBool,
    shown_group: Mutex<Option<i64>>,
    /// Shows desktop notifications.
    pub notifier: Notifier,
}

/// How long to pause notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// One hour from now.
    Hour,
    /// Until 08:00 tomorrow, local time.
    Tomorrow,
    /// Until resumed.
    Forever,
    /// Resume now.
    Resume,
}

impl Pause {
    /// The `paused_until` this pause sets, from `now` (epoch milliseconds).
    pub fn until(self, now: i64) -> Option<i64> {
        match self {
            Pause::Hour => Some(now + 3_600_000),
            Pause::Tomorrow => Some(tomorrow_morning(now)),
            Pause::Forever => Some(i64::MAX),
            Pause::Resume => None,
        }
    }
}

/// 08:00 local time on the day after `now`.
fn tomorrow_morning(now: i64) -> i64 {
    let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN);
    Local
        .timestamp_millis_opt(now)
        .single()
        .and_then(|t| {
            (t.date_naive() + Duration::days(1))
                .and_time(eight)
                .and_local_timezone(Local)
                .earliest()
        })
        .map(|t| t.timestamp_millis())
        .unwrap_or(now + 24 * 3_600_000)
}

/// Milliseconds since the epoch.
pub fn now_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Shell {
    /// Loads the settings from `config_dir`; the notifier writes its icon to `cache_dir`.
    pub fn new(config_dir: PathBuf, cache_dir: PathBuf) -> Shell {
        let settings = settings::load(&settings::path_in(&config_dir));
        Shell {
            config_dir,
            settings: Mutex::new(settings),
            tray: AtomicBool::new(false),
            shown_group: Mutex::new(None),
            notifier: Notifier::with_icon_in(&cache_dir),
        }
    }

    /// The current settings.
    pub fn settings(&self) -> Settings {
        self.settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Saves new settings and returns them.
    pub fn save_settings(&self, new: Settings) -> Result<Settings, SettingsError> {
        settings::save(&settings::path_in(&self.config_dir), &new)?;
        *self.settings.lock().unwrap_or_else(|e| e.into_inner()) = new.clone();
        Ok(new)
    }

    /// The shell's language.
    pub fn lang(&self) -> Lang {
        Lang::resolve(self.settings().language)
    }

    /// Whether a tray icon is showing.
    pub fn has_tray(&self) -> bool {
        self.tray.load(Ordering::Relaxed)
    }

    /// Records whether the tray icon could be created.
    pub fn set_tray(&self, present: bool) {
        self.tray.store(present, Ordering::Relaxed);
    }

    /// The group the UI shows (None: the all-groups feed or another screen).
    pub fn shown_group(&self) -> Option<i64> {
        *self.shown_group.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records the group the UI shows.
    pub fn set_shown_group(&self, group: Option<i64>) {
        *self.shown_group.lock().unwrap_or_else(|e| e.into_inner()) = group;
    }

    /// The first time the window hides to the tray, says so in a notification.
    pub fn close_hint_once(&self) {
        let marker = self.config_dir.join("close-to-tray-hint-shown");
        if marker.exists() {
            return;
        }
        if let Err(e) =
            std::fs::create_dir_all(&self.config_dir).and_then(|()| std::fs::write(&marker, b""))
        {
            tracing::warn!(error = %e, "cannot remember that the tray hint was shown");
        }
        let lang = self.lang();
        let hint = NotificationView {
            title: "Hublot".to_owned(),
            body: lang
                .pick(
                    "Hublot reste ouvert dans la zone de notification. Quittez-le depuis son menu.",
                    "Hublot keeps running in the tray. Quit it from the tray menu.",
                )
                .to_owned(),
            group_id: 0,
            post_id: None,
            mention: false,
            count: 0,
        };
        let notifier = self.notifier.clone();
        std::thread::spawn(move || {
            if let Err(e) = notifier.show(&hint, false, || {}) {
                tracing::warn!(error = %e, "cannot show the tray hint");
            }
        });
    }
}

/// Pauses or resumes notifications (tray menu) and saves it.
pub fn pause<R: Runtime>(app: &AppHandle<R>, pause: Pause) {
    let shell = app.state::<Shell>();
    let mut settings = shell.settings();
    settings.notifications.paused_until = pause.until(now_millis());
    match shell.save_settings(settings) {
        Ok(saved) => {
            // The notification policy runs in the sync engine, which reads
            // its settings from the account's cache: without this, a pause
            // from the tray would only show in the menu.
            if let Ok(session) = app.state::<crate::account::Accounts>().session() {
                crate::settings::push_to_store(&session, &saved);
            }
            apply(app, &saved)
        }
        Err(e) => tracing::warn!(error = %e, "cannot save the pause"),
    }
}

/// Applies settings that live outside the app: the autostart entry, the
/// tray's pause state; and tells the sync engine (once signed in).
pub fn apply<R: Runtime>(app: &AppHandle<R>, settings: &Settings) {
    use tauri_plugin_autostart::ManagerExt;
    let autolaunch = app.autolaunch();
    let enabled = autolaunch.is_enabled().unwrap_or(false);
    let result = match (settings.start_at_login, enabled) {
        (true, false) => autolaunch.enable(),
        (false, true) => autolaunch.disable(),
        _ => Ok(()),
    };
    if let Err(e) = result {
        tracing::warn!(error = %e, "cannot change the start-at-login entry");
    }
    let paused = settings
        .notifications
        .paused_until
        .is_some_and(|until| until > now_millis());
    crate::tray::set_paused(app, paused);
}

/// Raises the notification policy's decisions, unless the desktop is in
/// do-not-disturb, or the person is looking at that very group.
pub fn raise<R: Runtime>(app: &AppHandle<R>, notifications: Vec<NotificationView>) {
    if notifications.is_empty() {
        return;
    }
    if crate::dnd::active() {
        tracing::info!(
            count = notifications.len(),
            "desktop in do-not-disturb: notifications not shown"
        );
        return;
    }
    let shell = app.state::<Shell>();
    let in_view = crate::window::main_in_view(app);
    let shown = shell.shown_group();
    let sound = shell.settings().notifications.sound;
    let notifier = shell.notifier.clone();
    let visible: Vec<NotificationView> = notifications
        .into_iter()
        .filter(|n| !(in_view && shown == Some(n.group_id)))
        .collect();
    let app = app.clone();
    std::thread::spawn(move || {
        for n in visible {
            let target = crate::navigate::Navigate::from_notification(&n);
            let app = app.clone();
            if let Err(e) = notifier.show(&n, sound, move || crate::navigate::go(&app, target)) {
                tracing::warn!(error = %e, "notification not shown");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_end_when_expected() {
        let now = now_millis();
        assert_eq!(Pause::Hour.until(now), Some(now + 3_600_000));
        assert_eq!(Pause::Forever.until(now), Some(i64::MAX));
        assert_eq!(Pause::Resume.until(now), None);
        let tomorrow = Pause::Tomorrow.until(now).unwrap();
        assert!(tomorrow > now && tomorrow <= now + 2 * 24 * 3_600_000);
    }
}
