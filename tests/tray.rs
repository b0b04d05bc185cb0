//! The tray on a real session bus (no test harness: GTK wants the main thread).
//!
//! libayatana-appindicator registers its StatusNotifierItem with a
//! `org.kde.StatusNotifierWatcher`, which a desktop's panel provides. Under
//! Xvfb there is no panel, so this test owns the watcher name itself (a few
//! lines of zbus), then starts the real app (`--minimized`), and reads the
//! item back over D-Bus like a panel would: its menu (com.canonical.dbusmenu)
//! and its icon file, before and after unread posts and mentions arrive.

mod desktop_bus;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use desktop_bus::Items;
use hublot_app::args::Args;
use hublot_app::i18n::Lang;
use hublot_app::tray::{self, TrayImage};
use hublot_core::views::{SyncState, SyncStatus, UnreadSummary};
use tauri::image::Image;
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};

/// A dbusmenu node: id, properties, children.
type MenuLayout = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);

/// Waits for `f` to give a value (the app works on its own thread).
fn eventually<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "gave up waiting: {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The item, as a panel sees it.
struct Item {
    conn: zbus::blocking::Connection,
    dest: String,
    path: String,
}

impl Item {
    fn proxy(&self, path: &str, iface: &'static str) -> zbus::blocking::Proxy<'_> {
        zbus::blocking::Proxy::new(&self.conn, self.dest.clone(), path.to_owned(), iface).unwrap()
    }

    fn prop<T: TryFrom<OwnedValue>>(&self, name: &str) -> T
    where
        T::Error: Into<zbus::Error>,
    {
        self.proxy(&self.path, "org.kde.StatusNotifierItem")
            .get_property(name)
            .unwrap()
    }

    /// The RGBA pixels of the icon file the item names.
    fn icon_pixels(&self) -> (String, Vec<u8>) {
        let name: String = self.prop("IconName");
        let theme: String = self.prop("IconThemePath");
        let candidates = [
            PathBuf::from(&name),
            PathBuf::from(format!("{name}.png")),
            Path::new(&theme).join(&name),
            Path::new(&theme).join(format!("{name}.png")),
        ];
        let file = candidates
            .iter()
            .find(|p| p.is_file())
            .unwrap_or_else(|| panic!("no icon file for {name} in {theme}"));
        let bytes = std::fs::read(file).unwrap();
        (name, Image::from_bytes(&bytes).unwrap().rgba().to_vec())
    }

    /// Every label of the menu, depth first.
    fn menu_labels(&self) -> Vec<String> {
        let menu: OwnedObjectPath = self.prop("Menu");
        let reply = self
            .proxy(menu.as_str(), "com.canonical.dbusmenu")
            .call_method("GetLayout", &(0i32, -1i32, Vec::<String>::new()))
            .unwrap();
        let (_revision, layout): (u32, MenuLayout) = reply.body().deserialize().unwrap();
        let mut labels = Vec::new();
        for child in &layout.2 {
            collect_labels(child, &mut labels);
        }
        labels
    }
}

fn collect_labels(value: &Value<'_>, out: &mut Vec<String>) {
    match value {
        Value::Value(inner) => collect_labels(inner, out),
        Value::Structure(s) => {
            for field in s.fields() {
                collect_labels(field, out);
            }
        }
        Value::Array(a) => {
            for v in a.inner() {
                collect_labels(v, out);
            }
        }
        Value::Dict(d) => {
            for (k, v) in d.iter() {
                if matches!(k, Value::Str(k) if k.as_str() == "label") {
                    if let Value::Value(inner) = v {
                        if let Value::Str(label) = &**inner {
                            out.push(label.as_str().replace('_', ""));
                        }
                    } else if let Value::Str(label) = v {
                        out.push(label.as_str().replace('_', ""));
                    }
                }
            }
        }
        _ => {}
    }
}

fn pixels(image: TrayImage) -> Vec<u8> {
    Image::from_bytes(image.png()).unwrap().rgba().to_vec()
}

fn check(app: tauri::AppHandle, items: Items) {
    let (sender, service) = eventually("the tray registers with the StatusNotifierWatcher", || {
        items.lock().unwrap().first().cloned()
    });
    let (dest, path) = if service.starts_with('/') {
        (sender, service)
    } else {
        (service, "/StatusNotifierItem".to_owned())
    };
    let item = Item {
        conn: zbus::blocking::Connection::session().unwrap(),
        dest,
        path,
    };

    let labels = item.menu_labels();
    for expected in [
        "Open Hublot",
        "Sync now",
        "Pause notifications",
        "For 1 hour",
        "Until tomorrow",
        "Resume",
        "Offline",
        "Quit",
    ] {
        assert!(
            labels.iter().any(|l| l == expected),
            "menu item {expected:?} missing from {labels:?}"
        );
    }

    let (idle_name, idle) = item.icon_pixels();
    assert_eq!(
        idle,
        pixels(TrayImage::Idle),
        "nothing unread: the plain icon"
    );

    tray::set_unread(
        &app,
        UnreadSummary {
            posts: 3,
            mentions: 0,
        },
        Lang::En,
    );
    let (unread_name, unread) = eventually("the icon changes on unread posts", || {
        let (name, px) = item.icon_pixels();
        (name != idle_name).then_some((name, px))
    });
    assert_eq!(unread, pixels(TrayImage::Unread));
    let label: String = item.prop("XAyatanaLabel");
    assert_eq!(label, "3");

    tray::set_unread(
        &app,
        UnreadSummary {
            posts: 4,
            mentions: 1,
        },
        Lang::En,
    );
    let mentions = eventually("the icon changes on a mention", || {
        let (name, px) = item.icon_pixels();
        (name != unread_name).then_some(px)
    });
    assert_eq!(mentions, pixels(TrayImage::Mentions));

    let status = SyncStatus {
        state: SyncState::Online,
        last_synced_at: None,
        pending: 2,
        failed: 0,
    };
    tray::set_status(&app, &status, Lang::En);
    eventually("the menu shows the sync state", || {
        item.menu_labels()
            .iter()
            .any(|l| l == "Online — 2 pending")
            .then_some(())
    });
}

fn main() {
    // The tray speaks the system language; this test reads English labels.
    std::env::set_var("LANG", "en_US.UTF-8");
    std::env::remove_var("LC_ALL");
    std::env::remove_var("LC_MESSAGES");

    let (items, _watcher) = desktop_bus::own_watcher();

    let app = hublot_app::builder(Args {
        minimized: true,
        ..Args::default()
    })
    .build(hublot_app::context())
    .expect("the app starts");
    let handle = app.handle().clone();
    let outcome: Arc<Mutex<Option<bool>>> = Arc::default();
    let result = outcome.clone();
    std::thread::spawn(move || {
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check(handle.clone(), items)
        }))
        .is_ok();
        *result.lock().unwrap() = Some(ok);
        handle.exit(0);
    });
    app.run_return(|_, _| {});
    let passed = *outcome.lock().unwrap();
    match passed {
        Some(true) => println!("test tray_registers_its_menu_and_shows_unread ... ok"),
        _ => {
            eprintln!("test tray_registers_its_menu_and_shows_unread ... FAILED");
            std::process::exit(1);
        }
    }
}
