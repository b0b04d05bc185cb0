//! Native notifications for the notification policy's decisions
//! ([`NotificationView`]), through the desktop's notification service
//! (org.freedesktop.Notifications on Linux, via notify-rust).

use std::path::PathBuf;
use std::sync::OnceLock;

use hublot_core::views::NotificationView;
use notify_rust::{Notification, Timeout, Urgency};

/// Application name shown by the notification daemon.
pub const APP_NAME: &str = "Hublot";

/// Name of the desktop entry the packages install (the Tauri bundler names it
/// after `productName`: `Hublot.desktop`), so GNOME groups the notifications
/// under the app and keeps them.
pub const DESKTOP_ENTRY: &str = "Hublot";

/// The app icon's name in the icon theme (`hublot.png` under hicolor).
pub const ICON_NAME: &str = "hublot";

/// Sound played when sound is on (freedesktop sound theme name).
pub const SOUND_NAME: &str = "message-new-instant";

/// The action sent by a click on the notification.
pub const DEFAULT_ACTION: &str = "default";

/// A notification could not be shown.
#[derive(Debug, thiserror::Error)]
#[error(
    "Could not show a desktop notification ({0}). Check that a notification service is running \
     in your desktop session."
)]
pub struct NotifyError(String);

/// Shows notifications with the app's icon.
#[derive(Debug, Clone)]
pub struct Notifier {
    icon: String,
    markup: std::sync::Arc<OnceLock<bool>>,
}

impl Notifier {
    /// A notifier showing `icon` (a file path or an icon-theme name).
    pub fn new(icon: impl Into<String>) -> Notifier {
        Notifier {
            icon: icon.into(),
            markup: Default::default(),
        }
    }

    /// A notifier whose icon is the app icon written to `dir` (the daemon
    /// reads icons from files). Falls back to the installed theme icon.
    pub fn with_icon_in(dir: &std::path::Path) -> Notifier {
        let path: PathBuf = dir.join("hublot-notification.png");
        let bytes: &[u8] = include_bytes!("../../icons/128x128.png");
        let icon = match std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, bytes)) {
            Ok(()) => path.display().to_string(),
            Err(e) => {
                tracing::warn!(error = %e, "cannot write the notification icon; using the theme icon");
                ICON_NAME.to_owned()
            }
        };
        Notifier::new(icon)
    }

    /// Shows `n`. Blocks on the D-Bus call: call it from a blocking thread.
    /// `on_click` runs (on its own thread) if the person clicks the notification.
    pub fn show(
        &self,
        n: &NotificationView,
        sound: bool,
        on_click: impl FnOnce() + Send + 'static,
    ) -> Result<(), NotifyError> {
        let mut notification = Notification::new();
        notification
            .appname(APP_NAME)
            .summary(&n.title)
            .body(&self.plain_body(&n.body))
            .icon(&self.icon)
            .timeout(Timeout::Default)
            .action(DEFAULT_ACTION, "Open");
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            notification
                .hint(notify_rust::Hint::DesktopEntry(DESKTOP_ENTRY.to_owned()))
                .hint(notify_rust::Hint::Category(
                    if n.mention { "im.received" } else { "im" }.to_owned(),
                ))
                .urgency(if n.mention {
                    Urgency::Normal
                } else {
                    Urgency::Low
                });
            if sound {
                notification.hint(notify_rust::Hint::SoundName(SOUND_NAME.to_owned()));
            } else {
                notification.hint(notify_rust::Hint::SuppressSound(true));
            }
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            let _ = Urgency::Normal;
            if sound {
                notification.sound_name("Default");
            }
        }
        let handle = notification
            .show()
            .map_err(|e| NotifyError(e.to_string()))?;
        #[cfg(all(unix, not(target_os = "macos")))]
        std::thread::spawn(move || {
            handle.wait_for_action(|action| {
                if action == DEFAULT_ACTION {
                    on_click();
                }
            })
        });
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            // Clicks are not reported back on these platforms by notify-rust:
            // the OS brings the app forward itself.
            let _ = (handle, on_click);
        }
        Ok(())
    }

    /// The body as plain text: escaped when the daemon would read it as markup.
    fn plain_body(&self, body: &str) -> String {
        let markup = *self.markup.get_or_init(daemon_reads_markup);
        if markup {
            escape_markup(body)
        } else {
            body.to_owned()
        }
    }
}

/// Whether the notification daemon interprets bodies as markup.
fn daemon_reads_markup() -> bool {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        notify_rust::get_capabilities()
            .map(|caps| caps.iter().any(|c| c == "body-markup"))
            .unwrap_or(true)
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        false
    }
}

/// Escapes the three characters the notification markup gives meaning to.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            super::escape_markup("<b>R&D</b>"),
            "&lt;b&gt;R&amp;D&lt;/b&gt;"
        );
    }
}
