//! The app's settings (`Settings` of the IPC contract), kept as JSON in the
//! OS config directory so they apply before anyone signs in.

use std::path::{Path, PathBuf};

use hublot_core::views::NotificationSettings;
use serde::{Deserialize, Serialize};

/// Interface language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "LanguageSetting"))]
pub enum Language {
    /// Follow the system.
    #[default]
    System,
    /// French.
    Fr,
    /// English.
    En,
}

/// Colour theme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ThemeSetting"))]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Everything the settings screen changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    /// Interface language.
    pub language: Language,
    /// Colour theme.
    pub theme: Theme,
    /// When and how to notify.
    pub notifications: NotificationSettings,
    /// Closing the window hides it to the tray (when there is a tray).
    pub close_to_tray: bool,
    /// Start at login, hidden in the tray.
    pub start_at_login: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Language::System,
            theme: Theme::System,
            notifications: NotificationSettings::default(),
            close_to_tray: true,
            start_at_login: false,
        }
    }
}

/// Settings could not be saved.
#[derive(Debug, thiserror::Error)]
#[error("Cannot save the settings in {path}: {reason}")]
pub struct SettingsError {
    path: String,
    reason: String,
}

/// Where the settings live.
pub fn path_in(config_dir: &Path) -> PathBuf {
    config_dir.join("settings.json")
}

/// Reads the settings; defaults when the file is missing or unreadable (logged).
pub fn load(path: &Path) -> Settings {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            tracing::warn!(path = %path.display(), error = %e, "settings unreadable, using defaults");
            Settings::default()
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "cannot read settings, using defaults");
            Settings::default()
        }
    }
}

/// Writes the settings atomically (temporary file, then rename).
pub fn save(path: &Path, settings: &Settings) -> Result<(), SettingsError> {
    let err = |reason: String| SettingsError {
        path: path.display().to_string(),
        reason,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| err(e.to_string()))?;
    }
    let json = serde_json::to_vec_pretty(settings).map_err(|e| err(e.to_string()))?;
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, json).map_err(|e| err(e.to_string()))?;
    std::fs::rename(&tmp, path).map_err(|e| err(e.to_string()))
}

/// Hands the settings hublot-core reads (notification policy, language of
/// the notification texts) to the session's cache.
pub fn push_to_store(session: &hublot_core::session::Session, settings: &Settings) {
    use hublot_core::session::{SETTING_LANGUAGE, SETTING_NOTIFICATIONS};
    let language = match settings.language {
        Language::System => "system",
        Language::Fr => "fr",
        Language::En => "en",
    };
    let store = session.store();
    if let Err(e) = store
        .set_setting(SETTING_NOTIFICATIONS, &settings.notifications)
        .and_then(|()| store.set_setting(SETTING_LANGUAGE, &language))
    {
        tracing::warn!(error = %e, "cannot give the notification settings to the sync engine");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_a_restart_and_missing_fields_take_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        assert_eq!(load(&path), Settings::default());
        let mut s = Settings {
            theme: Theme::Dark,
            close_to_tray: false,
            ..Settings::default()
        };
        s.notifications.paused_until = Some(i64::MAX);
        save(&path, &s).unwrap();
        assert_eq!(load(&path), s);
        std::fs::write(&path, r#"{"language":"fr"}"#).unwrap();
        let partial = load(&path);
        assert_eq!(partial.language, Language::Fr);
        assert!(partial.close_to_tray);
    }
}
