//! The signed-in account: sign in and out (token in the OS keyring), the
//! embedded demo server, reopening on the cached feed with no network, and
//! forwarding the session's events to the UI, the tray and the notifier.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use hublot_core::session::{self, Session, SessionConfig};
use hublot_core::views::{PersonView, UnreadSummary};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::error::{AppError, ErrorCode};
use crate::secrets;
use crate::shell::Shell;

/// The demo person's credentials (the demo seed creates them).
const DEMO_LOGIN: &str = "demo";
const DEMO_PASSWORD: &str = "demo";

/// The signed-in session, as the UI sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionInfo {
    /// Server address.
    pub server: String,
    /// The embedded demo workspace.
    pub demo: bool,
    /// The signed-in person.
    pub me: PersonView,
}

/// What is remembered between runs (no secret: the token is in the keyring).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SavedAccount {
    server: String,
    login: String,
    demo: bool,
    me: PersonView,
}

/// The running account (Tauri managed state).
#[derive(Default)]
pub struct Accounts {
    active: Mutex<Option<Active>>,
    /// Serialises sign in, sign out and demo starts.
    switching: tokio::sync::Mutex<()>,
    /// Set once the remembered account (or the `--demo` workspace) has been
    /// reopened at start-up, or has failed to: `app_info` waits for it, so the
    /// first screen is not the sign-in form of someone who is signed in.
    restored: tokio::sync::Notify,
    restored_flag: std::sync::atomic::AtomicBool,
}

struct Active {
    session: Session,
    info: SessionInfo,
    demo_server: Option<hublot_server::RunningServer>,
    forwarders: Vec<tauri::async_runtime::JoinHandle<()>>,
}

impl Accounts {
    /// Marks the start-up reopening as finished (successfully or not).
    pub fn mark_restored(&self) {
        self.restored_flag
            .store(true, std::sync::atomic::Ordering::SeqCst);
        self.restored.notify_waiters();
    }

    /// Waits until the start-up reopening is finished, at most `limit`.
    pub async fn wait_restored(&self, limit: std::time::Duration) {
        let notified = self.restored.notified();
        if self.restored_flag.load(std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        let _ = tokio::time::timeout(limit, notified).await;
    }

    /// The session, or `not_signed_in`.
    pub fn session(&self) -> Result<Session, AppError> {
        self.lock()
            .as_ref()
            .map(|a| a.session.clone())
            .ok_or_else(|| AppError::new(ErrorCode::NotSignedIn, "Sign in first."))
    }

    /// The session's description, if signed in.
    pub fn info(&self) -> Option<SessionInfo> {
        self.lock().as_ref().map(|a| a.info.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Active>> {
        self.active.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn account_file(config_dir: &Path) -> PathBuf {
    config_dir.join("account.json")
}

fn person_of(u: &hublot_api::User) -> PersonView {
    PersonView {
        id: u.id,
        handle: u.handle.clone(),
        name: u.name.clone(),
        initials: initials(&u.name),
        job_title: u.job_title.clone(),
        department: u.department.clone(),
        site: u.site.clone(),
        email: u.email.clone(),
        phone: u.phone.clone(),
        disabled: u.disabled,
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::new(ErrorCode::Internal, e.to_string())
}

fn storage(e: impl std::fmt::Display) -> AppError {
    AppError::new(ErrorCode::Storage, e.to_string())
}

/// Directories of the app's data.
fn dirs<R: Runtime>(app: &AppHandle<R>) -> Result<(PathBuf, PathBuf), AppError> {
    let paths = app.path();
    Ok((
        paths.app_data_dir().map_err(storage)?,
        paths.app_config_dir().map_err(storage)?,
    ))
}

/// Signs in with a server address, login and password; the token goes to the keyring.
pub async fn sign_in<R: Runtime>(
    app: &AppHandle<R>,
    server: &str,
    login: &str,
    password: &str,
) -> Result<SessionInfo, AppError> {
    let accounts = app.state::<Accounts>();
    let _switch = accounts.switching.lock().await;
    let server = server.trim().trim_end_matches('/').to_owned();
    let client = hublot_core::client::ApiClient::new(&server, None).map_err(AppError::from)?;
    let answer = client
        .login(login.trim(), password)
        .await
        .map_err(AppError::from)?;
    secrets::store_token(&secrets::account_name(&server, login.trim()), &answer.token)?;
    let saved = SavedAccount {
        server,
        login: login.trim().to_owned(),
        demo: false,
        me: person_of(&answer.user),
    };
    stop(app).await;
    save_account(app, &saved)?;
    activate(app, saved, answer.token, None).await
}

/// Starts the embedded demo server (its data kept in the app data dir) and signs in as `demo`.
pub async fn start_demo<R: Runtime>(
    app: &AppHandle<R>,
    listen: Option<SocketAddr>,
) -> Result<SessionInfo, AppError> {
    let accounts = app.state::<Accounts>();
    let _switch = accounts.switching.lock().await;
    stop(app).await;
    let listen = listen.unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)));
    let server = start_demo_server(app, listen).await?;
    let url = format!("http://{}", server.addr());
    tracing::info!(address = %server.addr(), "demo server listening");
    let client = hublot_core::client::ApiClient::new(&url, None).map_err(AppError::from)?;
    let answer = match client.login(DEMO_LOGIN, DEMO_PASSWORD).await {
        Ok(a) => a,
        Err(e) => {
            server.shutdown().await;
            return Err(AppError::from(e));
        }
    };
    let saved = SavedAccount {
        server: url,
        login: DEMO_LOGIN.to_owned(),
        demo: true,
        me: person_of(&answer.user),
    };
    save_account(app, &saved)?;
    activate(app, saved, answer.token, Some(server)).await
}

/// Starts the embedded demo server on `listen`, its data in the app data dir
/// (seeded on the first start only).
async fn start_demo_server<R: Runtime>(
    app: &AppHandle<R>,
    listen: SocketAddr,
) -> Result<hublot_server::RunningServer, AppError> {
    let (data_dir, _) = dirs(app)?;
    let demo_dir = data_dir.join("demo");
    std::fs::create_dir_all(&demo_dir).map_err(storage)?;
    hublot_server::start(hublot_server::ServerConfig {
        db_path: demo_dir.join("server.sqlite3"),
        listen,
        demo: Some(demo_config()),
    })
    .await
    .map_err(|e| {
        AppError::new(
            ErrorCode::Server,
            format!("The demo server could not start: {e}"),
        )
    })
}

/// Wipes the demo's server data and cache, and starts it afresh.
pub async fn reset_demo<R: Runtime>(
    app: &AppHandle<R>,
    listen: Option<SocketAddr>,
) -> Result<SessionInfo, AppError> {
    {
        let accounts = app.state::<Accounts>();
        let _switch = accounts.switching.lock().await;
        stop(app).await;
        let (data_dir, _) = dirs(app)?;
        let demo_dir = data_dir.join("demo");
        if demo_dir.exists() {
            std::fs::remove_dir_all(&demo_dir).map_err(storage)?;
        }
    }
    start_demo(app, listen).await
}

/// Signs out: stops syncing, removes the token from the keyring and forgets the account.
pub async fn sign_out<R: Runtime>(app: &AppHandle<R>) -> Result<(), AppError> {
    let accounts = app.state::<Accounts>();
    let _switch = accounts.switching.lock().await;
    let (_, config_dir) = dirs(app)?;
    if let Some(saved) = load_account(&config_dir) {
        if !saved.demo {
            secrets::delete_token(&secrets::account_name(&saved.server, &saved.login))?;
        }
    }
    stop(app).await;
    match std::fs::remove_file(account_file(&config_dir)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(storage(e)),
    }
    let _ = app.emit("unread", UnreadSummary::default());
    crate::tray::set_unread(app, UnreadSummary::default(), app.state::<Shell>().lang());
    crate::window::set_badge(app, 0);
    Ok(())
}

/// At quit: stops syncing and closes the cache cleanly (the process then
/// ends without running destructors).
pub async fn close<R: Runtime>(app: &AppHandle<R>) {
    let closing = async {
        let accounts = app.state::<Accounts>();
        let _switch = accounts.switching.lock().await;
        stop(app).await;
    };
    // A sign-in waiting on the network must not hold the quit: the cache is
    // then checked at the next start, as after a crash.
    if tokio::time::timeout(std::time::Duration::from_secs(5), closing)
        .await
        .is_err()
    {
        tracing::warn!("quitting without closing the cache: it was busy for 5 s");
    }
}

/// At start: reopens the remembered account on its cache, with no network
/// wait (the demo restarts its local server). `--demo` starts the demo.
pub async fn restore<R: Runtime>(
    app: &AppHandle<R>,
    demo: bool,
    listen: Option<SocketAddr>,
) -> Result<(), AppError> {
    let (_, config_dir) = dirs(app)?;
    let saved = load_account(&config_dir);
    if demo || saved.as_ref().is_some_and(|s| s.demo) {
        start_demo(app, listen).await?;
        return Ok(());
    }
    let Some(saved) = saved else {
        return Ok(());
    };
    let account = secrets::account_name(&saved.server, &saved.login);
    let token = tauri::async_runtime::spawn_blocking(move || secrets::load_token(&account))
        .await
        .map_err(internal)??;
    let Some(token) = token else {
        tracing::warn!("no token in the keyring for the remembered account: sign in again");
        return Ok(());
    };
    let accounts = app.state::<Accounts>();
    let _switch = accounts.switching.lock().await;
    activate(app, saved, token, None).await?;
    Ok(())
}

fn save_account<R: Runtime>(app: &AppHandle<R>, saved: &SavedAccount) -> Result<(), AppError> {
    let (_, config_dir) = dirs(app)?;
    std::fs::create_dir_all(&config_dir).map_err(storage)?;
    let json = serde_json::to_vec_pretty(saved).map_err(internal)?;
    std::fs::write(account_file(&config_dir), json).map_err(storage)
}

fn load_account(config_dir: &Path) -> Option<SavedAccount> {
    let bytes = std::fs::read(account_file(config_dir)).ok()?;
    serde_json::from_slice(&bytes)
        .map_err(|e| tracing::warn!(error = %e, "remembered account unreadable"))
        .ok()
}

/// Stops the running session (and demo server), if any.
async fn stop<R: Runtime>(app: &AppHandle<R>) {
    let active = app.state::<Accounts>().lock().take();
    if let Some(active) = active {
        for f in &active.forwarders {
            f.abort();
        }
        active.session.shutdown().await;
        // Nothing writes any more: a clean close spares the next start the
        // full check of the cache that follows a crash.
        match active.session.store().close() {
            Ok(true) => tracing::info!("offline cache closed cleanly"),
            Ok(false) => {
                tracing::info!("offline cache still in use: it will be checked at the next start")
            }
            Err(e) => tracing::warn!(error = %e, "could not close the offline cache cleanly"),
        }
        if let Some(server) = active.demo_server {
            server.shutdown().await;
        }
    }
}

/// Opens the account's cache, starts syncing and forwards its events.
async fn activate<R: Runtime>(
    app: &AppHandle<R>,
    saved: SavedAccount,
    token: String,
    demo_server: Option<hublot_server::RunningServer>,
) -> Result<SessionInfo, AppError> {
    let (data_dir, _) = dirs(app)?;
    let key = if saved.demo {
        "demo".to_owned()
    } else {
        session::account_key(&saved.server, &saved.login)
    };
    let cache_dir = if saved.demo {
        data_dir.join("demo")
    } else {
        data_dir.clone()
    };
    let cache_path = session::cache_path(Some(&cache_dir), &key).map_err(AppError::from)?;
    let config = SessionConfig {
        cache_path,
        server: saved.server.clone(),
        token,
    };
    let session = tauri::async_runtime::spawn_blocking(move || Session::open(config))
        .await
        .map_err(internal)?
        .map_err(AppError::from)?;
    let shell = app.state::<Shell>();
    crate::settings::push_to_store(&session, &shell.settings());
    session.start();
    let forwarders = crate::events::forward(app, &session);
    let info = SessionInfo {
        server: saved.server,
        demo: saved.demo,
        me: saved.me,
    };
    *app.state::<Accounts>().lock() = Some(Active {
        session,
        info: info.clone(),
        demo_server,
        forwarders,
    });
    tracing::info!(demo = info.demo, "signed in");
    Ok(info)
}

/// For end-to-end tests: stops (`running = false`) or restarts the embedded
/// demo server on the same address, so the app goes offline and back while
/// its session keeps running. Refused unless `HUBLOT_E2E=1` is set.
pub async fn set_demo_server_running<R: Runtime>(
    app: &AppHandle<R>,
    running: bool,
) -> Result<(), AppError> {
    if std::env::var("HUBLOT_E2E").as_deref() != Ok("1") {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "This test hook needs HUBLOT_E2E=1.",
        ));
    }
    let accounts = app.state::<Accounts>();
    let _switch = accounts.switching.lock().await;
    let (server_url, current) = {
        let mut active = accounts.lock();
        let Some(active) = active.as_mut().filter(|a| a.info.demo) else {
            return Err(AppError::new(
                ErrorCode::NotSignedIn,
                "The demo is not running.",
            ));
        };
        (active.info.server.clone(), active.demo_server.take())
    };
    if let Some(server) = current {
        server.shutdown().await;
    }
    if running {
        let addr: SocketAddr = server_url
            .trim_start_matches("http://")
            .parse()
            .map_err(|e| internal(format!("demo address {server_url}: {e}")))?;
        let server = start_demo_server(app, addr).await?;
        if let Some(active) = accounts.lock().as_mut() {
            active.session.sync_now();
            active.demo_server = Some(server);
        }
    }
    tracing::info!(running, "demo server switched by the test hook");
    Ok(())
}

/// The demo organisation, with its few months of history ending now, so a
/// newcomer sees a living network (the seed only runs on an empty database:
/// later starts keep what the person did).
fn demo_config() -> hublot_demo::DemoConfig {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    let defaults = hublot_demo::DemoConfig::default();
    hublot_demo::DemoConfig {
        // A clock before the generator's fixed date keeps the fixed date.
        now: now.max(defaults.now),
        ..defaults
    }
}
