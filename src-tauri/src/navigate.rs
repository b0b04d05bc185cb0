//! Where to take the UI: the `navigate` event, raised by a notification click,
//! a `hublot://` deep link or the tray.

use hublot_core::views::NotificationView;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Runtime};

/// Name of the event the UI listens to.
pub const EVENT: &str = "navigate";

/// Payload of the `navigate` event: a post, or a group, to open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Navigate {
    /// The post to open.
    pub post_id: Option<i64>,
    /// The group to open (or the post's group).
    pub group_id: Option<i64>,
}

impl Navigate {
    /// Parses `hublot://post/<id>` and `hublot://group/<id>`; anything else is `None`.
    pub fn from_deep_link(url: &str) -> Option<Navigate> {
        let rest = url.strip_prefix("hublot://")?;
        let mut parts = rest.trim_end_matches('/').splitn(2, '/');
        let kind = parts.next()?;
        let id: i64 = parts.next()?.parse().ok().filter(|id| *id > 0)?;
        match kind {
            "post" => Some(Navigate {
                post_id: Some(id),
                group_id: None,
            }),
            "group" => Some(Navigate {
                post_id: None,
                group_id: Some(id),
            }),
            _ => None,
        }
    }

    /// Where a click on a notification leads: its post, else its group.
    pub fn from_notification(n: &NotificationView) -> Navigate {
        Navigate {
            post_id: n.post_id,
            group_id: Some(n.group_id),
        }
    }
}

/// Shows the main window and tells the UI to open `target`.
pub fn go<R: Runtime>(app: &AppHandle<R>, target: Navigate) {
    crate::window::show_main(app);
    if let Err(e) = app.emit(EVENT, target) {
        tracing::warn!(error = %e, "could not send the navigate event to the UI");
    }
}

/// Handles a `hublot://` link (first launch, second launch or the OS).
pub fn open_deep_link<R: Runtime>(app: &AppHandle<R>, url: &str) {
    match Navigate::from_deep_link(url) {
        Some(target) => go(app, target),
        None => {
            tracing::warn!(url, "ignoring a link Hublot does not know");
            crate::window::show_main(app);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_links_name_a_post_or_a_group() {
        assert_eq!(
            Navigate::from_deep_link("hublot://post/42"),
            Some(Navigate {
                post_id: Some(42),
                group_id: None
            })
        );
        assert_eq!(
            Navigate::from_deep_link("hublot://group/7/"),
            Some(Navigate {
                post_id: None,
                group_id: Some(7)
            })
        );
        assert_eq!(Navigate::from_deep_link("hublot://post/abc"), None);
        assert_eq!(Navigate::from_deep_link("hublot://post/-1"), None);
        assert_eq!(Navigate::from_deep_link("hublot://evil/1"), None);
        assert_eq!(Navigate::from_deep_link("https://post/1"), None);
    }

    #[test]
    fn payload_is_camel_case() {
        let json = serde_json::to_string(&Navigate {
            post_id: Some(1),
            group_id: None,
        })
        .unwrap();
        assert_eq!(json, r#"{"postId":1,"groupId":null}"#);
    }
}
