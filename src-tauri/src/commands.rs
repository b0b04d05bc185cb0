//! The Tauri commands of the IPC contract (docs/ARCHITECTURE.md). Thin: they
//! take state, call the shell or hublot-core and map errors to `AppError`.

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::account::{Accounts, SessionInfo};
use crate::error::AppError;
use crate::settings::Settings;
use crate::shell::{self, Shell};

/// What `app_info` answers.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppInfo {
    /// The app's version.
    pub version: String,
    /// The signed-in session, if any.
    pub session: Option<SessionInfo>,
}

/// The app's version and session.
#[tauri::command]
pub async fn app_info<R: Runtime>(
    app: AppHandle<R>,
    accounts: State<'_, Accounts>,
) -> Result<AppInfo, AppError> {
    // Opening a cache is quick, but the first demo start seeds a database:
    // wait for it rather than show the sign-in form to someone signed in.
    accounts
        .wait_restored(std::time::Duration::from_secs(20))
        .await;
    Ok(AppInfo {
        version: app.package_info().version.to_string(),
        session: accounts.info(),
    })
}

/// The current settings.
#[tauri::command]
pub fn settings(shell: State<'_, Shell>) -> Settings {
    shell.settings()
}

/// Saves the settings and applies them (start at login, pause).
#[tauri::command]
pub fn save_settings<R: Runtime>(
    app: AppHandle<R>,
    shell: State<'_, Shell>,
    settings: Settings,
) -> Result<Settings, AppError> {
    let saved = shell.save_settings(settings)?;
    shell::apply(&app, &saved);
    if let Ok(session) = app.state::<Accounts>().session() {
        crate::settings::push_to_store(&session, &saved);
    }
    Ok(saved)
}

/// The UI says which group it shows (None: any other screen), so the shell
/// does not notify about the group the person is reading.
#[tauri::command]
pub fn shown_group(shell: State<'_, Shell>, group_id: Option<i64>) {
    shell.set_shown_group(group_id);
}

/// When `run` began (wall clock), to log how long the first screen took.
static STARTED: std::sync::OnceLock<std::time::SystemTime> = std::sync::OnceLock::new();

/// Notes the start of the app; call first thing.
pub fn note_start() {
    let _ = STARTED.set(std::time::SystemTime::now());
}

/// The UI painted its first screen with content (the first post of the
/// feed) at `at`, in milliseconds since the Unix epoch. Logged once with the
/// time since start, for people diagnosing a slow start and for the start-up
/// benchmark (bench/app), which reads `painted_at_ms` from the log.
#[tauri::command]
pub fn first_paint(at: f64) {
    let since_start_ms = STARTED.get().and_then(|start| {
        let start = start.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(at - start.as_secs_f64() * 1000.0)
    });
    tracing::info!(
        painted_at_ms = at,
        since_start_ms = since_start_ms.unwrap_or(f64::NAN),
        "first post painted"
    );
}
