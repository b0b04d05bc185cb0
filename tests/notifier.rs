//! The notifier on a real session bus: this test owns
//! `org.freedesktop.Notifications` itself (a small daemon written with zbus)
//! so it can see every argument of every `Notify` call and click a notification.

use std::collections::HashMap;
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use hublot_app::navigate::Navigate;
use hublot_app::notifier::{Notifier, DEFAULT_ACTION, DESKTOP_ENTRY, SOUND_NAME};
use hublot_core::views::NotificationView;
use zbus::object_server::SignalEmitter;
use zbus::zvariant::OwnedValue;

const PATH: &str = "/org/freedesktop/Notifications";

/// One `Notify` call as the daemon received it.
#[derive(Debug, Clone)]
struct Call {
    app_name: String,
    app_icon: String,
    summary: String,
    body: String,
    actions: Vec<String>,
    hints: HashMap<String, OwnedValue>,
}

impl Call {
    fn hint_str(&self, key: &str) -> Option<String> {
        self.hints
            .get(key)
            .and_then(|v| String::try_from(v.try_clone().ok()?).ok())
    }
    fn hint_u8(&self, key: &str) -> Option<u8> {
        self.hints.get(key).and_then(|v| u8::try_from(v).ok())
    }
    fn hint_bool(&self, key: &str) -> Option<bool> {
        self.hints.get(key).and_then(|v| bool::try_from(v).ok())
    }
}

struct Daemon {
    calls: Arc<Mutex<Vec<Call>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Daemon {
    fn get_capabilities(&self) -> Vec<String> {
        ["body", "body-markup", "actions", "icon-static", "sound"]
            .map(String::from)
            .to_vec()
    }

    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut calls = self.calls.lock().unwrap();
        calls.push(Call {
            app_name,
            app_icon,
            summary,
            body,
            actions,
            hints,
        });
        calls.len() as u32
    }

    fn close_notification(&self, _id: u32) {}

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "test-daemon".into(),
            "hublot".into(),
            "1".into(),
            "1.2".into(),
        )
    }

    #[zbus(signal)]
    async fn action_invoked(
        emitter: &SignalEmitter<'_>,
        id: u32,
        action_key: &str,
    ) -> zbus::Result<()>;
}

fn view(title: &str, body: &str, post: Option<i64>, mention: bool) -> NotificationView {
    NotificationView {
        title: title.into(),
        body: body.into(),
        group_id: 12,
        post_id: post,
        mention,
        count: 1,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_notify_per_decision_with_plain_text_hints_and_a_working_click() {
    let calls = Arc::new(Mutex::new(Vec::new()));
    let daemon = zbus::connection::Builder::session()
        .unwrap()
        .name("org.freedesktop.Notifications")
        .unwrap()
        .serve_at(PATH, Daemon { calls: calls.clone() })
        .unwrap()
        .build()
        .await
        .expect("own org.freedesktop.Notifications (is another notification daemon running on this bus?)");

    let notifier = Notifier::new("/nonexistent/hublot.png");
    let (clicked_tx, clicked_rx) = mpsc::channel::<Navigate>();

    // A new post in a followed group, with Markdown-looking and markup text.
    let post = view(
        "Site de Lyon",
        "Réunion <b>demain</b> & café",
        Some(345),
        false,
    );
    let n = notifier.clone();
    tokio::task::spawn_blocking(move || {
        let target = Navigate::from_notification(&post);
        n.show(&post, true, move || clicked_tx.send(target).unwrap())
    })
    .await
    .unwrap()
    .unwrap();

    {
        let calls = calls.lock().unwrap();
        assert_eq!(calls.len(), 1, "exactly one Notify call");
        let call = &calls[0];
        assert_eq!(call.app_name, "Hublot");
        assert_eq!(call.app_icon, "/nonexistent/hublot.png");
        assert_eq!(call.summary, "Site de Lyon");
        // The daemon reads markup: the body is escaped so it shows as typed.
        assert_eq!(call.body, "Réunion &lt;b&gt;demain&lt;/b&gt; &amp; café");
        assert_eq!(
            call.actions,
            vec![DEFAULT_ACTION.to_string(), "Open".to_string()]
        );
        assert_eq!(
            call.hint_str("desktop-entry").as_deref(),
            Some(DESKTOP_ENTRY)
        );
        assert_eq!(call.hint_str("sound-name").as_deref(), Some(SOUND_NAME));
        assert_eq!(
            call.hint_u8("urgency"),
            Some(0),
            "a plain post is low urgency"
        );
    }

    // The person clicks it: the app is told to open that post. notify-rust
    // subscribes to the signal on its own thread, so click until it hears.
    let iface = daemon
        .object_server()
        .interface::<_, Daemon>(PATH)
        .await
        .unwrap();
    let mut opened = None;
    for _ in 0..150 {
        Daemon::action_invoked(iface.signal_emitter(), 1, DEFAULT_ACTION)
            .await
            .unwrap();
        if let Ok(target) = clicked_rx.recv_timeout(Duration::from_millis(200)) {
            opened = Some(target);
            break;
        }
    }
    assert_eq!(
        opened,
        Some(Navigate {
            post_id: Some(345),
            group_id: Some(12)
        })
    );

    // A mention, sound off: normal urgency and an explicit silence.
    let mention = view(
        "Marie Dupont vous mentionne",
        "@alice tu peux relire ?",
        Some(346),
        true,
    );
    let n = notifier.clone();
    tokio::task::spawn_blocking(move || n.show(&mention, false, || {}))
        .await
        .unwrap()
        .unwrap();
    let calls = calls.lock().unwrap();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[1].summary, "Marie Dupont vous mentionne");
    assert_eq!(calls[1].hint_u8("urgency"), Some(1));
    assert_eq!(calls[1].hint_str("sound-name"), None);
    assert_eq!(calls[1].hint_bool("suppress-sound"), Some(true));
}
