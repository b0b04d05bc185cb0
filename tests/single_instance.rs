//! A second launch focuses the running app and exits (real processes on the
//! harness's X display and D-Bus session).
//!
//! The second launch starts as soon as the first owns its D-Bus name, which
//! is before the first has created its window (the name is claimed while the
//! app is built, the window when its event loop starts): the race a person
//! double-clicking the launcher runs into, and which the shell must absorb.

use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// The single-instance plugin's name on the session bus.
const INSTANCE_NAME: &str = "fr.hublot.desktop.SingleInstance";

fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(90);
    while !f() {
        assert!(Instant::now() < deadline, "gave up waiting: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn name_has_owner(name: &str) -> bool {
    let conn = zbus::blocking::Connection::session().unwrap();
    let dbus = zbus::blocking::fdo::DBusProxy::new(&conn).unwrap();
    dbus.name_has_owner(name.try_into().unwrap()).unwrap()
}

/// Whether a top-level window titled "Hublot" is mapped on the display.
fn window_viewable() -> bool {
    let out = Command::new("xwininfo")
        .args(["-name", "Hublot"])
        .output()
        .expect("xwininfo runs");
    String::from_utf8_lossy(&out.stdout).contains("Map State: IsViewable")
}

/// A stand-in for a desktop panel, so `--minimized` has a tray to hide in.
struct Watcher;

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    fn register_status_notifier_item(&self, _service: String) {}

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }
}

/// Ends the app itself (not a wrapper), politely.
struct App(Child);

impl Drop for App {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.0.id().to_string()).status();
        let _ = self.0.wait();
    }
}

#[test]
fn a_second_launch_focuses_the_first_and_exits() {
    let bin = env!("CARGO_BIN_EXE_hublot");
    assert!(
        !name_has_owner(INSTANCE_NAME),
        "another Hublot is already running on this bus"
    );

    let _panel = zbus::blocking::connection::Builder::session()
        .unwrap()
        .name("org.kde.StatusNotifierWatcher")
        .unwrap()
        .serve_at("/StatusNotifierWatcher", Watcher)
        .unwrap()
        .build()
        .unwrap();

    let _first = App(Command::new(bin).arg("--minimized").spawn().unwrap());
    eventually("the first instance claims its bus name", || {
        name_has_owner(INSTANCE_NAME)
    });
    assert!(!window_viewable(), "--minimized starts hidden");

    let second = Command::new(bin).output().unwrap();
    assert!(
        second.status.success(),
        "the second launch exits cleanly: {second:?}"
    );

    eventually("the first instance shows its window", window_viewable);
    assert!(
        name_has_owner(INSTANCE_NAME),
        "the first instance is still running"
    );
}
