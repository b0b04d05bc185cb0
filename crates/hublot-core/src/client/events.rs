//! The server-sent event stream of `GET /v1/events`, parsed with
//! `eventsource-stream`. The stream has no request timeout; instead a stream
//! silent for longer than [`SILENCE_LIMIT`] (several missed heartbeats) is
//! taken for dead, so a half-open connection never hides a server that moved on.

use std::pin::Pin;
use std::time::Duration;

use eventsource_stream::Eventsource;
use futures_util::{Stream, StreamExt};
use hublot_api::{EventPing, EVENT_HEARTBEAT, EVENT_PING};

use crate::error::ClientError;

/// Silence after which the stream is considered dead: a little more than
/// two heartbeat intervals.
pub const SILENCE_LIMIT: Duration =
    Duration::from_secs(hublot_api::limits::EVENTS_HEARTBEAT_SECS * 2 + 5);

/// One event of the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerEvent {
    /// The user's change feed moved; the newest cursor.
    Ping(String),
    /// Keep-alive, with the current cursor.
    Heartbeat(String),
}

type Inner = Pin<
    Box<
        dyn Stream<
                Item = Result<
                    eventsource_stream::Event,
                    eventsource_stream::EventStreamError<reqwest::Error>,
                >,
            > + Send,
    >,
>;

/// An open event stream.
pub struct EventStream {
    inner: Inner,
    silence_limit: Duration,
}

impl EventStream {
    pub(super) fn new(resp: reqwest::Response) -> EventStream {
        EventStream {
            inner: Box::pin(resp.bytes_stream().eventsource()),
            silence_limit: SILENCE_LIMIT,
        }
    }

    /// Changes how long a silent stream is trusted (tests).
    pub fn with_silence_limit(mut self, limit: Duration) -> EventStream {
        self.silence_limit = limit;
        self
    }

    /// The next ping or heartbeat. `Ok(None)`: the server closed the stream.
    /// Unknown event names and undecodable data are skipped.
    pub async fn next(&mut self) -> Result<Option<ServerEvent>, ClientError> {
        loop {
            let item = tokio::time::timeout(self.silence_limit, self.inner.next())
                .await
                .map_err(|_| ClientError::Timeout {
                    url: "/v1/events".into(),
                    secs: self.silence_limit.as_secs(),
                })?;
            let Some(item) = item else { return Ok(None) };
            let ev = item.map_err(|e| ClientError::Network {
                url: "/v1/events".into(),
                detail: e.to_string(),
            })?;
            let cursor = serde_json::from_str::<EventPing>(&ev.data)
                .map(|p| p.cursor)
                .unwrap_or_default();
            match ev.event.as_str() {
                EVENT_PING => return Ok(Some(ServerEvent::Ping(cursor))),
                EVENT_HEARTBEAT => return Ok(Some(ServerEvent::Heartbeat(cursor))),
                _ => continue,
            }
        }
    }
}
