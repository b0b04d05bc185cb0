//! Server-sent events of `GET /v1/events`.
//!
//! The stream carries two event names: `ping` whenever the signed-in user's
//! change feed moves (data: [`EventPing`] as JSON), and `heartbeat` every
//! [`crate::limits::EVENTS_HEARTBEAT_SECS`] seconds (data: [`EventPing`] with
//! the current cursor) so clients notice a dead connection.

use serde::{Deserialize, Serialize};

/// SSE event name sent when the user's feed moved.
pub const EVENT_PING: &str = "ping";
/// SSE event name of the keep-alive.
pub const EVENT_HEARTBEAT: &str = "heartbeat";

/// Data of `ping` and `heartbeat` events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventPing {
    /// The newest cursor of the server's change log. A client whose stored
    /// cursor differs calls `/v1/sync`.
    pub cursor: String,
}
