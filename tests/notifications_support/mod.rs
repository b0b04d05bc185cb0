//! What the notification scenario tests and the notification benchmark share:
//! a notification daemon and a tray host owned on the session bus, the
//! reference server on loopback with a second person posting through its
//! HTTP API, and the real `hublot` binary signed in to it in a throwaway
//! home. Everything runs inside `tests/run-desktop-tests.sh` (Xvfb, a private
//! D-Bus session, an unlocked gnome-keyring).
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hublot_api::{CreatePost, GroupKind, Id, User, Visibility};
use hublot_core::client::ApiClient;
use hublot_core::views::PersonView;
use hublot_server::{DemoConfig, RunningServer, ServerConfig};
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};

use crate::desktop_bus::{own_watcher, Items};

/// Every demo account's password.
pub const PASSWORD: &str = "demo";

/// The app's identifier (tauri.conf.json): its directory under each XDG base.
pub const IDENTIFIER: &str = "fr.hublot.desktop";

/// Waits for `f` to give a value; panics after `limit` with `what`.
pub fn eventually<T>(what: &str, limit: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "gave up waiting: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

// ---------------------------------------------------------------------------
// org.freedesktop.Notifications

/// One `Notify` call as the daemon received it, and when.
#[derive(Debug, Clone)]
pub struct Call {
    /// When the call reached the daemon.
    pub at: Instant,
    pub app_name: String,
    pub summary: String,
    pub body: String,
    pub desktop_entry: Option<String>,
}

/// Every `Notify` call so far, in order.
pub type Calls = Arc<Mutex<Vec<Call>>>;

struct Daemon {
    calls: Calls,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Daemon {
    fn get_capabilities(&self) -> Vec<String> {
        // What dunst answers, body markup included.
        ["body", "body-markup", "actions", "icon-static", "sound"]
            .map(String::from)
            .to_vec()
    }

    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        _actions: Vec<String>,
        hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let at = Instant::now();
        let desktop_entry = hints
            .get("desktop-entry")
            .and_then(|v| String::try_from(v.try_clone().ok()?).ok());
        let mut calls = self.calls.lock().unwrap();
        calls.push(Call {
            at,
            app_name,
            summary,
            body,
            desktop_entry,
        });
        calls.len() as u32
    }

    fn close_notification(&self, _id: u32) {}

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "hublot-test-daemon".into(),
            "hublot".into(),
            "1".into(),
            "1.2".into(),
        )
    }
}

/// The desktop around the app: a notification daemon that records every
/// `Notify`, and a tray host.
pub struct Desktop {
    pub calls: Calls,
    items: Items,
    _daemon: zbus::blocking::Connection,
    _watcher: zbus::blocking::Connection,
}

impl Desktop {
    /// Owns `org.freedesktop.Notifications` and `org.kde.StatusNotifierWatcher`.
    pub fn start() -> Desktop {
        let calls = Calls::default();
        let daemon = zbus::blocking::connection::Builder::session()
            .unwrap()
            .name("org.freedesktop.Notifications")
            .unwrap()
            .serve_at(
                "/org/freedesktop/Notifications",
                Daemon {
                    calls: calls.clone(),
                },
            )
            .unwrap()
            .build()
            .expect("own org.freedesktop.Notifications (is a notification daemon already running on this bus?)");
        let (items, watcher) = own_watcher();
        Desktop {
            calls,
            items,
            _daemon: daemon,
            _watcher: watcher,
        }
    }

    /// Number of `Notify` calls so far.
    pub fn count(&self) -> usize {
        self.calls.lock().unwrap().len()
    }

    /// The calls from index `from` on.
    pub fn since(&self, from: usize) -> Vec<Call> {
        self.calls.lock().unwrap()[from..].to_vec()
    }

    /// Waits until there are at least `n` calls; returns them all.
    pub fn wait_for(&self, n: usize, what: &str) -> Vec<Call> {
        eventually(what, Duration::from_secs(90), || {
            let calls = self.calls.lock().unwrap();
            (calls.len() >= n).then(|| calls.clone())
        })
    }

    /// The first tray item registered after `registered_before` items (one
    /// app runs at a time, each launch registers anew).
    pub fn tray(&self, registered_before: usize) -> TrayItem {
        let (sender, service) = eventually(
            "the app's tray registers with the StatusNotifierWatcher",
            Duration::from_secs(90),
            || self.items.lock().unwrap().get(registered_before).cloned(),
        );
        let (dest, path) = if service.starts_with('/') {
            (sender, service)
        } else {
            (service, "/StatusNotifierItem".to_owned())
        };
        TrayItem {
            conn: zbus::blocking::Connection::session().unwrap(),
            dest,
            path,
        }
    }

    /// Number of tray items registered so far.
    pub fn trays_registered(&self) -> usize {
        self.items.lock().unwrap().len()
    }
}

/// A dbusmenu node: id, properties, children.
type MenuLayout = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);

/// The app's tray item, as a panel sees it.
pub struct TrayItem {
    conn: zbus::blocking::Connection,
    dest: String,
    path: String,
}

impl TrayItem {
    fn menu(&self) -> zbus::blocking::Proxy<'_> {
        let item = zbus::blocking::Proxy::new(
            &self.conn,
            self.dest.clone(),
            self.path.clone(),
            "org.kde.StatusNotifierItem",
        )
        .unwrap();
        let menu: OwnedObjectPath = item.get_property("Menu").unwrap();
        zbus::blocking::Proxy::new(
            &self.conn,
            self.dest.clone(),
            menu.as_str().to_owned(),
            "com.canonical.dbusmenu",
        )
        .unwrap()
    }

    /// (id, label, enabled) of every menu item, depth first.
    pub fn menu_items(&self) -> Vec<(i32, String, bool)> {
        let reply = self
            .menu()
            .call_method("GetLayout", &(0i32, -1i32, Vec::<String>::new()))
            .unwrap();
        let (_revision, layout): (u32, MenuLayout) = reply.body().deserialize().unwrap();
        let mut out = Vec::new();
        for child in &layout.2 {
            collect_items(child, &mut out);
        }
        out
    }

    /// Clicks the menu item labelled `label`, as a panel does.
    pub fn click(&self, label: &str) {
        let id = eventually(
            &format!("an enabled tray menu item {label:?}"),
            Duration::from_secs(30),
            || {
                self.menu_items()
                    .into_iter()
                    .find(|(_, l, enabled)| l == label && *enabled)
                    .map(|(id, _, _)| id)
            },
        );
        self.menu()
            .call_method("Event", &(id, "clicked", Value::from(0i32), 0u32))
            .unwrap();
    }

    /// Whether the menu shows `label`.
    pub fn shows(&self, label: &str) -> bool {
        self.menu_items().iter().any(|(_, l, _)| l == label)
    }
}

fn collect_items(value: &Value<'_>, out: &mut Vec<(i32, String, bool)>) {
    let value = match value {
        Value::Value(inner) => inner,
        v => v,
    };
    let Value::Structure(s) = value else { return };
    let fields = s.fields();
    let (Some(Value::I32(id)), Some(Value::Dict(props)), Some(Value::Array(children))) =
        (fields.first(), fields.get(1), fields.get(2))
    else {
        return;
    };
    let mut label = None;
    let mut enabled = true;
    for (k, v) in props.iter() {
        let v = match v {
            Value::Value(inner) => &**inner,
            v => v,
        };
        match (k, v) {
            (Value::Str(k), Value::Str(l)) if k.as_str() == "label" => {
                label = Some(l.as_str().replace('_', ""));
            }
            (Value::Str(k), Value::Bool(b)) if k.as_str() == "enabled" => enabled = *b,
            _ => {}
        }
    }
    if let Some(label) = label {
        out.push((*id, label, enabled));
    }
    for c in children.inner() {
        collect_items(c, out);
    }
}

// ---------------------------------------------------------------------------
// The reference server and the people on it

/// The reference server, seeded with the demo organisation, on loopback.
pub struct Server {
    pub server: RunningServer,
    pub url: String,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Starts a server seeded with a small demo history.
    pub async fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let server = hublot_server::start(ServerConfig {
            db_path: dir.path().join("server.sqlite3"),
            listen: "127.0.0.1:0".parse().unwrap(),
            demo: Some(DemoConfig {
                posts: 300,
                ..DemoConfig::default()
            }),
        })
        .await
        .unwrap();
        let url = format!("http://{}", server.addr());
        Server {
            server,
            url,
            _dir: dir,
        }
    }

    /// Signs `login` in: a client with its token, the token and the user.
    pub async fn login(&self, login: &str) -> (ApiClient, String, User) {
        let anon = ApiClient::new(&self.url, None).unwrap();
        let r = anon.login(login, PASSWORD).await.unwrap();
        (anon.with_token(Some(r.token.clone())), r.token, r.user)
    }
}

/// A person who writes: posts through the server's HTTP API.
pub struct Author {
    pub client: ApiClient,
    pub user: User,
    next: u64,
}

impl Author {
    /// Wraps a signed-in client.
    pub fn new(client: ApiClient, user: User) -> Author {
        Author {
            client,
            user,
            next: 0,
        }
    }

    /// Posts `body` in `group`; returns when the server answered 201, with the post id.
    pub async fn post(&mut self, group: Id, body: &str) -> Id {
        self.next += 1;
        // A fresh idempotency key each time (the test never retries).
        let nonce = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
        let req: CreatePost = serde_json::from_value(serde_json::json!({
            "client_id": format!("00000000-{:04x}-4000-8000-{:012x}", self.next & 0xffff, nonce & 0xffff_ffff_ffff),
            "group_id": group,
            "body": body,
        }))
        .unwrap();
        self.client.create_post(&req).await.unwrap().id
    }
}

/// Two public groups where both people are members and may post: the first
/// followed by `me`, the second not.
pub async fn followed_and_unfollowed(
    me: &ApiClient,
    author: &ApiClient,
) -> (hublot_api::Group, hublot_api::Group) {
    let groups: Vec<_> = me
        .groups()
        .await
        .unwrap()
        .into_iter()
        .filter(|g| {
            g.visibility == Visibility::Public && !g.archived && g.kind != GroupKind::Announcement
        })
        .take(2)
        .collect();
    assert_eq!(groups.len(), 2, "the demo has two public groups to post in");
    for g in &groups {
        // Already a member answers an error: either way she is one after.
        let _ = me.set_membership(g.id, true).await;
        let _ = author.set_membership(g.id, true).await;
    }
    me.set_follow(groups[0].id, true).await.unwrap();
    me.set_follow(groups[1].id, false).await.unwrap();
    (groups[0].clone(), groups[1].clone())
}

/// The handle of a demo person other than `demo` who is not disabled.
pub async fn someone_else(client: &ApiClient) -> String {
    let page = client
        .users(&hublot_api::DirectoryQuery {
            limit: Some(20),
            ..Default::default()
        })
        .await
        .unwrap();
    page.users
        .into_iter()
        .find(|u| u.handle != "demo" && !u.disabled)
        .expect("the demo has other people")
        .handle
}

// ---------------------------------------------------------------------------
// The app

/// A throwaway home for the app: its XDG config, data and cache directories.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    /// A home where the app is signed in to `server` as `user` (token in the
    /// keyring, account remembered), as after a sign-in.
    pub fn signed_in(server: &str, login: &str, token: &str, user: &User) -> Home {
        let home = Home {
            dir: tempfile::tempdir().unwrap(),
        };
        let account = hublot_app::secrets::account_name(server, login);
        hublot_app::secrets::store_token(&account, token)
            .expect("store the token in the Secret Service (is gnome-keyring unlocked?)");
        let me = PersonView {
            id: user.id,
            handle: user.handle.clone(),
            name: user.name.clone(),
            initials: String::new(),
            job_title: user.job_title.clone(),
            department: user.department.clone(),
            site: user.site.clone(),
            email: user.email.clone(),
            phone: user.phone.clone(),
            disabled: user.disabled,
        };
        let saved = serde_json::json!({
            "server": server,
            "login": login,
            "demo": false,
            "me": me,
        });
        std::fs::create_dir_all(home.config_dir()).unwrap();
        std::fs::write(
            home.config_dir().join("account.json"),
            serde_json::to_vec_pretty(&saved).unwrap(),
        )
        .unwrap();
        home
    }

    /// The app's config directory (settings.json, account.json).
    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config").join(IDENTIFIER)
    }

    /// True when an offline cache's write-ahead log was left behind (not
    /// closed cleanly: the next start runs the full check).
    pub fn cache_log_left(&self) -> bool {
        let caches = self.dir.path().join("data").join(IDENTIFIER).join("caches");
        std::fs::read_dir(&caches)
            .unwrap_or_else(|e| panic!("{}: {e}", caches.display()))
            .filter_map(Result::ok)
            .any(|e| {
                e.file_name().to_string_lossy().ends_with("-wal")
                    && e.metadata().is_ok_and(|m| m.len() > 0)
            })
    }

    /// The settings file the shell reads and writes.
    pub fn settings_path(&self) -> PathBuf {
        hublot_app::settings::path_in(&self.config_dir())
    }

    /// Starts `bin --minimized` in this home, English, logs in `log`.
    pub fn launch(&self, bin: &Path, log: &Path) -> AppProcess {
        let root = self.dir.path();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .unwrap();
        let child = Command::new(bin)
            .arg("--minimized")
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_CACHE_HOME", root.join("cache"))
            .env("XDG_STATE_HOME", root.join("state"))
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        AppProcess { child: Some(child) }
    }
}

/// The running app; ended (politely, the app itself) when dropped.
pub struct AppProcess {
    child: Option<Child>,
}

impl AppProcess {
    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().map(|c| c.id()).unwrap_or(0)
    }

    /// Ends it with SIGTERM and waits; how it ended (None if already ended).
    pub fn stop(&mut self) -> Option<std::process::ExitStatus> {
        let mut child = self.child.take()?;
        let _ = Command::new("kill").arg(child.id().to_string()).status();
        child.wait().ok()
    }
}

impl Drop for AppProcess {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

/// Where to write logs of the app: `$ARTIFACTS` of the harness, or a temp dir.
pub fn artifacts_dir() -> PathBuf {
    std::env::var_os("ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
}
