//! `GET /v1/events`: server-sent events. A `ping` (data: `EventPing`) when the
//! user's feed moves, a `heartbeat` with the newest cursor at connect time and
//! every heartbeat interval.
//!
//! Each connection holds a broadcast receiver of [`FeedEvent`]s and the set of
//! groups its user sees (refreshed when an event concerns the user herself),
//! so deciding whether to wake a client costs no database access. An idle
//! connection is a parked task and a timer.

use std::collections::HashSet;
use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::State;
use axum::response::sse::{Event, Sse};
use futures_util::Stream;
use hublot_api::{EventPing, Id, EVENT_HEARTBEAT, EVENT_PING};
use tokio::sync::{broadcast, watch};
use tokio::time::{interval_at, Instant, Interval, MissedTickBehavior};

use super::error::{ApiResult, ErrorResponses};
use super::{AppState, Session};
use crate::storage::{FeedEvent, Storage};

struct Conn {
    user: Id,
    storage: Arc<Storage>,
    rx: broadcast::Receiver<FeedEvent>,
    visible: HashSet<Id>,
    latest: i64,
    heartbeat: Interval,
    shutdown: watch::Receiver<bool>,
    first: bool,
}

fn event(name: &str, seq: i64) -> Event {
    let data = serde_json::to_string(&EventPing {
        cursor: seq.to_string(),
    })
    .unwrap_or_else(|_| "{}".into());
    Event::default().event(name).data(data)
}

async fn refresh(conn: &mut Conn) {
    let storage = conn.storage.clone();
    let user = conn.user;
    if let Ok(Ok(v)) = tokio::task::spawn_blocking(move || storage.visible_groups(user)).await {
        conn.visible = v;
    }
}

async fn next_event(mut conn: Conn) -> Option<(Result<Event, Infallible>, Conn)> {
    if conn.first {
        conn.first = false;
        let ev = event(EVENT_HEARTBEAT, conn.latest);
        return Some((Ok(ev), conn));
    }
    loop {
        tokio::select! {
            _ = conn.heartbeat.tick() => {
                let ev = event(EVENT_HEARTBEAT, conn.latest);
                return Some((Ok(ev), conn));
            }
            r = conn.rx.recv() => match r {
                Ok(fe) => {
                    conn.latest = conn.latest.max(fe.seq);
                    if fe.users.contains(&conn.user) {
                        refresh(&mut conn).await;
                    }
                    if fe.concerns(conn.user, &conn.visible) {
                        let ev = event(EVENT_PING, fe.seq);
                        return Some((Ok(ev), conn));
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    // Missed notices: refresh and wake the client to be safe.
                    refresh(&mut conn).await;
                    let storage = conn.storage.clone();
                    if let Ok(Ok(head)) = tokio::task::spawn_blocking(move || storage.head()).await {
                        conn.latest = conn.latest.max(head);
                    }
                    let ev = event(EVENT_PING, conn.latest);
                    return Some((Ok(ev), conn));
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            },
            _ = conn.shutdown.changed() => return None,
        }
    }
}

/// Server-sent events: `ping` when the feed moves, `heartbeat` periodically;
/// both carry `EventPing` JSON.
#[utoipa::path(get, path = "/v1/events", tag = "sync",
    responses((status = 200, content_type = "text/event-stream", body = String,
        description = "An endless event stream (events `ping` and `heartbeat`, data: EventPing JSON)"), ErrorResponses),
    security(("bearer" = [])))]
pub async fn events(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let user = session.user.id;
    // Subscribe before reading the state, so nothing falls between.
    let rx = state.storage.subscribe();
    let (visible, latest) = state
        .db(move |s| Ok((s.visible_groups(user)?, s.head()?)))
        .await?;
    let mut heartbeat = interval_at(Instant::now() + state.heartbeat, state.heartbeat);
    heartbeat.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let conn = Conn {
        user,
        storage: state.storage.clone(),
        rx,
        visible,
        latest,
        heartbeat,
        shutdown: state.shutdown.clone(),
        first: true,
    };
    Ok(Sse::new(futures_util::stream::unfold(conn, next_event)))
}
