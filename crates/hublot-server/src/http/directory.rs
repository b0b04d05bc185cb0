//! The signed-in user and the directory.

use axum::extract::State;
use hublot_api::{DirectoryQuery, Id, User, UserPage};

use super::error::{ApiResult, ErrorResponses, Path, Query};
use super::{AppState, Session};

/// The signed-in user.
#[utoipa::path(get, path = "/v1/me", tag = "directory",
    responses((status = 200, body = User, description = "The signed-in user"), ErrorResponses), security(("bearer" = [])))]
pub async fn me(session: Session) -> axum::Json<User> {
    axum::Json(session.user)
}

/// The directory: filter by words of the name, department, site; page with `after`.
#[utoipa::path(get, path = "/v1/users", tag = "directory", params(
        ("q" = Option<String>, Query, description = "Words to find in the name or handle (accent- and case-insensitive)"),
        ("department" = Option<String>, Query, description = "Exact department"),
        ("site" = Option<String>, Query, description = "Exact site"),
        ("after" = Option<i64>, Query, description = "Return users whose id is greater than this (keyset pagination)"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 200, description = "Page size (default 50)"),
    ),
    responses((status = 200, body = UserPage, description = "A page of the directory"), ErrorResponses), security(("bearer" = [])))]
pub async fn list_users(
    State(state): State<AppState>,
    _session: Session,
    Query(q): Query<DirectoryQuery>,
) -> ApiResult<axum::Json<UserPage>> {
    Ok(axum::Json(state.db(move |s| s.directory(&q)).await?))
}

/// One profile.
#[utoipa::path(get, path = "/v1/users/{id}", tag = "directory", params(("id" = i64, Path, description = "User id")),
    responses((status = 200, body = User, description = "The user"), ErrorResponses), security(("bearer" = [])))]
pub async fn get_user(
    State(state): State<AppState>,
    _session: Session,
    Path(id): Path<Id>,
) -> ApiResult<axum::Json<User>> {
    Ok(axum::Json(state.db(move |s| s.user(id)).await?))
}
