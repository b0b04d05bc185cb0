//! A stand-in for a desktop panel on the session bus, shared by the desktop
//! tests: it owns `org.kde.StatusNotifierWatcher` so the app creates its tray
//! icon, and records which items registered.

use std::sync::{Arc, Mutex};

/// (sender, service) of each registered StatusNotifierItem.
pub type Items = Arc<Mutex<Vec<(String, String)>>>;

/// The watcher object served at `/StatusNotifierWatcher`.
pub struct Watcher {
    /// What registered so far.
    pub items: Items,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    fn register_status_notifier_item(
        &self,
        service: String,
        #[zbus(header)] header: zbus::message::Header<'_>,
    ) {
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        self.items.lock().unwrap().push((sender, service));
    }

    fn register_status_notifier_host(&self, _service: String) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items
            .lock()
            .unwrap()
            .iter()
            .map(|(_, s)| s.clone())
            .collect()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }
}

/// Owns `org.kde.StatusNotifierWatcher` on the session bus; the watcher lives
/// as long as the returned connection.
pub fn own_watcher() -> (Items, zbus::blocking::Connection) {
    let items = Items::default();
    let connection = zbus::blocking::connection::Builder::session()
        .unwrap()
        .name("org.kde.StatusNotifierWatcher")
        .unwrap()
        .serve_at(
            "/StatusNotifierWatcher",
            Watcher {
                items: items.clone(),
            },
        )
        .unwrap()
        .build()
        .expect("own org.kde.StatusNotifierWatcher on the session bus");
    (items, connection)
}
