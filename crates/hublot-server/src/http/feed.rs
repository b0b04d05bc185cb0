//! Bootstrap and the change feed.

use axum::extract::State;
use hublot_api::limits::{DEFAULT_SYNC_LIMIT, MAX_SYNC_LIMIT};
use hublot_api::{Bootstrap, ErrorCode, SyncQuery, SyncResponse};

use super::error::{ApiError, ApiResult, ErrorResponses, Query};
use super::{AppState, Session};

/// What a new client needs to start, and the cursor that matches it.
#[utoipa::path(get, path = "/v1/bootstrap", tag = "sync",
    responses((status = 200, body = Bootstrap, description = "The starting state"), ErrorResponses), security(("bearer" = [])))]
pub async fn bootstrap(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<Bootstrap>> {
    let me = session.user.id;
    Ok(axum::Json(state.db(move |s| s.bootstrap(me)).await?))
}

/// The change feed: what changed after `since` that the user may see.
#[utoipa::path(get, path = "/v1/sync", tag = "sync", params(
        ("since" = Option<String>, Query, description = "The cursor of the last applied answer (or of the bootstrap); absent: from the beginning"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 5000, description = "Most changes to return (default 500)"),
    ),
    responses((status = 200, body = SyncResponse, description = "Changes, in order"), ErrorResponses), security(("bearer" = [])))]
pub async fn sync(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<SyncQuery>,
) -> ApiResult<axum::Json<SyncResponse>> {
    let limit = q.limit.unwrap_or(DEFAULT_SYNC_LIMIT);
    if limit == 0 || limit > MAX_SYNC_LIMIT {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            format!("`limit` must be between 1 and {MAX_SYNC_LIMIT}"),
        ));
    }
    if let Some(nothing_new) = state.storage.up_to_date(q.since.as_deref()) {
        return Ok(axum::Json(nothing_new));
    }
    let me = session.user.id;
    Ok(axum::Json(
        state
            .db(move |s| s.sync(me, q.since.as_deref(), limit))
            .await?,
    ))
}
