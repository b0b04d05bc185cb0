//! The notification scenarios of a person who keeps Hublot in the tray, end
//! to end: the reference server on loopback, a second person posting through
//! its HTTP API, the real `hublot` binary signed in to that server in a
//! throwaway home (its own sync, policy and notifier, exactly as shipped),
//! and a notification daemon owned by this test on the session bus, which
//! records every `org.freedesktop.Notifications.Notify` call.
//!
//! "Nothing was shown" is checked without waiting on a clock: each step ends
//! with a notification that must arrive (a mention, or a post in a followed
//! group after the mute ends), and a wrong notification of the step would
//! have arrived before it or with it; the exact list of calls is compared.
//!
//! Run inside `tests/run-desktop-tests.sh` (Xvfb, D-Bus session, unlocked
//! gnome-keyring).

mod desktop_bus;
mod notifications_support;

use std::path::Path;

use chrono::Timelike;
use hublot_app::settings::{self, Settings};
use hublot_core::views::QuietHours;
use notifications_support::{
    artifacts_dir, followed_and_unfollowed, someone_else, Author, Call, Desktop, Home, Server,
};

/// The post with Markdown a colleague writes, and how it must read.
const MARKDOWN: &str =
    "**Réunion** du _CSE_ jeudi à 10 h,\nvoir [l'ordre du jour](https://intranet.example/odj)";
const PLAIN: &str = "Réunion du CSE jeudi à 10 h, voir l'ordre du jour";

fn assert_call(call: &Call, title: &str, body: &str) {
    assert_eq!(
        (call.summary.as_str(), call.body.as_str()),
        (title, body),
        "notification title and body"
    );
    assert_eq!(call.app_name, "Hublot");
    assert_eq!(
        call.desktop_entry.as_deref(),
        Some("Hublot"),
        "the desktop entry the packages install"
    );
}

fn titles(calls: &[Call]) -> Vec<String> {
    calls
        .iter()
        .map(|c| format!("{} | {}", c.summary, c.body))
        .collect()
}

/// Waits until the app has finished a sync pass ("Online" in its tray menu).
fn wait_online(desktop: &Desktop, registered_before: usize) -> notifications_support::TrayItem {
    let tray = desktop.tray(registered_before);
    notifications_support::eventually(
        "the app syncs (its tray menu says Online)",
        std::time::Duration::from_secs(120),
        || tray.shows("Online").then_some(()),
    );
    tray
}

fn quiet_hours_around_now() -> QuietHours {
    let now = chrono::Local::now();
    let minute = (now.hour() * 60 + now.minute()) as u16;
    QuietHours {
        start_minute: (minute + 1440 - 120) % 1440,
        end_minute: (minute + 120) % 1440,
        weekends: false,
    }
}

#[test]
fn notifications_follow_the_policy_end_to_end() {
    let bin = Path::new(env!("CARGO_BIN_EXE_hublot"));
    let log = artifacts_dir().join("notifications-app.log");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let desktop = Desktop::start();

    let server = rt.block_on(Server::start());
    let (me, token, me_user) = rt.block_on(server.login("demo"));
    let other_handle = rt.block_on(someone_else(&me));
    let (other_client, _, other_user) = rt.block_on(server.login(&other_handle));
    let (followed, unfollowed) = rt.block_on(followed_and_unfollowed(&me, &other_client));
    let mut other = Author::new(other_client, other_user.clone());
    let name = other_user.name.clone();
    let mention_title = format!("{name} mentioned you in {}", unfollowed.name);

    let home = Home::signed_in(&server.url, "demo", &token, &me_user);
    // Before the account's first sync: a post in the followed group and a
    // mention, which that sync brings in and must not announce.
    rt.block_on(other.post(followed.id, "Bienvenue dans le groupe !"));
    rt.block_on(other.post(unfollowed.id, "@demo bienvenue à toi aussi"));

    // --- A new account: its first sync raises nothing; then one post in a
    // followed group raises exactly one notification, in plain text.
    let mut app = home.launch(bin, &log);
    let tray = wait_online(&desktop, 0);
    assert_eq!(
        titles(&desktop.since(0)),
        Vec::<String>::new(),
        "the first sync raises nothing"
    );
    rt.block_on(other.post(followed.id, MARKDOWN));
    let calls = desktop.wait_for(1, "a notification for a post in a followed group");
    assert_call(&calls[0], &followed.name, &format!("{name}: {PLAIN}"));

    // --- An unfollowed group stays silent, but a mention there notifies.
    rt.block_on(other.post(unfollowed.id, "Qui vient au pot de départ vendredi ?"));
    rt.block_on(other.post(unfollowed.id, "@demo peux-tu relire le **compte rendu** ?"));
    let calls = desktop.wait_for(2, "a notification for the mention");
    assert_call(
        &calls[1],
        &mention_title,
        "@demo peux-tu relire le compte rendu ?",
    );

    // --- Paused from the tray menu: the pause is saved where the shell keeps
    // its settings, posts stay silent, mentions break through (the default).
    tray.click("For 1 hour");
    notifications_support::eventually(
        "the pause is saved and shown in the tray",
        std::time::Duration::from_secs(30),
        || {
            let paused = settings::load(&home.settings_path())
                .notifications
                .paused_until
                .is_some_and(|t| t > hublot_app::shell::now_millis() + 3_000_000);
            let resumable = tray
                .menu_items()
                .iter()
                .any(|(_, l, enabled)| l == "Resume" && *enabled);
            (paused && resumable).then_some(())
        },
    );
    rt.block_on(other.post(
        followed.id,
        "Pendant la pause : personne ne doit être dérangé.",
    ));
    rt.block_on(other.post(unfollowed.id, "@demo urgent : la salle a changé"));
    let calls = desktop.wait_for(3, "a mention breaking through the pause");
    assert_call(
        &calls[2],
        &mention_title,
        "@demo urgent : la salle a changé",
    );

    // --- Resumed: posts notify again (and the one posted during the pause
    // was never shown: it would be here before this one).
    tray.click("Resume");
    notifications_support::eventually(
        "the pause is lifted",
        std::time::Duration::from_secs(30),
        || {
            settings::load(&home.settings_path())
                .notifications
                .paused_until
                .is_none()
                .then_some(())
        },
    );
    rt.block_on(other.post(followed.id, "Après la pause."));
    let calls = desktop.wait_for(4, "a notification after resuming");
    assert_call(
        &calls[3],
        &followed.name,
        &format!("{name}: Après la pause."),
    );
    // SIGTERM (a logout, `kill`) quits like the Quit item: the cache is
    // closed, so the next start skips the full check that follows a crash.
    let status = app.stop();
    assert!(status.is_some_and(|s| s.success()), "{status:?}");
    assert!(!home.cache_log_left(), "the cache was closed cleanly");
    assert_eq!(desktop.count(), 4, "{:#?}", titles(&desktop.since(0)));

    // --- Ten posts at once (while the app is closed) make one summary when
    // it comes back; nothing notified before the restart is shown again.
    for i in 1..=10 {
        rt.block_on(other.post(followed.id, &format!("Point {i} de l'ordre du jour")));
    }
    let registered = desktop.trays_registered();
    let mut app = home.launch(bin, &log);
    let calls = desktop.wait_for(5, "one summary of the ten posts");
    assert_call(
        &calls[4],
        &followed.name,
        &format!("10 new posts in {}", followed.name),
    );
    wait_online(&desktop, registered);
    rt.block_on(other.post(followed.id, "Et un de plus."));
    let calls = desktop.wait_for(6, "a notification after the restart");
    assert_call(
        &calls[5],
        &followed.name,
        &format!("{name}: Et un de plus."),
    );
    app.stop();
    assert_eq!(desktop.count(), 6, "{:#?}", titles(&desktop.since(0)));

    // --- Quiet hours (saved in the shell's settings file, read at start):
    // posts stay silent, mentions break through.
    let mut quiet = settings::load(&home.settings_path());
    quiet.notifications.quiet_hours = Some(quiet_hours_around_now());
    settings::save(&home.settings_path(), &quiet).unwrap();
    let registered = desktop.trays_registered();
    let mut app = home.launch(bin, &log);
    wait_online(&desktop, registered);
    rt.block_on(other.post(followed.id, "Pendant les heures calmes."));
    rt.block_on(other.post(unfollowed.id, "@demo désolé de déranger le soir"));
    let calls = desktop.wait_for(7, "a mention breaking through quiet hours");
    assert_call(
        &calls[6],
        &mention_title,
        "@demo désolé de déranger le soir",
    );
    app.stop();

    // --- Quiet hours over: the post made during them was never shown.
    let loud = Settings {
        notifications: hublot_core::views::NotificationSettings {
            quiet_hours: None,
            ..quiet.notifications.clone()
        },
        ..quiet
    };
    settings::save(&home.settings_path(), &loud).unwrap();
    let registered = desktop.trays_registered();
    let mut app = home.launch(bin, &log);
    wait_online(&desktop, registered);
    rt.block_on(other.post(followed.id, "La journée reprend."));
    let calls = desktop.wait_for(8, "a notification once quiet hours are over");
    assert_call(
        &calls[7],
        &followed.name,
        &format!("{name}: La journée reprend."),
    );
    app.stop();
    assert_eq!(desktop.count(), 8, "{:#?}", titles(&desktop.since(0)));

    rt.block_on(server.server.shutdown());
}
