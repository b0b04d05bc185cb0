//! Groups, membership, follows, read markers, group pages.

use axum::extract::State;
use axum::http::StatusCode;
use hublot_api::{
    AddMember, CreateGroup, EditGroup, Follow, Group, Id, MemberList, Membership, PostPage,
    PostPageQuery, ReadMarker, SetFollow, SetReadMarker,
};

use super::error::{ApiResult, ErrorResponses, Json, Path, Query};
use super::{AppState, Session};

type J<T> = axum::Json<T>;

/// Every group the signed-in user may see.
#[utoipa::path(get, path = "/v1/groups", tag = "groups",
    responses((status = 200, body = Vec<Group>, description = "Visible groups"), ErrorResponses), security(("bearer" = [])))]
pub async fn list_groups(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<J<Vec<Group>>> {
    let me = session.user.id;
    Ok(axum::Json(state.db(move |s| s.groups(me)).await?))
}

/// Create a group; its creator becomes its admin.
#[utoipa::path(post, path = "/v1/groups", tag = "groups", request_body = CreateGroup,
    responses((status = 201, body = Group, description = "Created"), ErrorResponses), security(("bearer" = [])))]
pub async fn create_group(
    State(state): State<AppState>,
    session: Session,
    Json(req): Json<CreateGroup>,
) -> ApiResult<(StatusCode, J<Group>)> {
    let me = session.user.id;
    let g = state.db(move |s| s.create_group(Some(me), &req)).await?;
    Ok((StatusCode::CREATED, axum::Json(g)))
}

/// One group.
#[utoipa::path(get, path = "/v1/groups/{id}", tag = "groups", params(("id" = i64, Path, description = "Group id")),
    responses((status = 200, body = Group, description = "The group"), ErrorResponses), security(("bearer" = [])))]
pub async fn get_group(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
) -> ApiResult<J<Group>> {
    let me = session.user.id;
    Ok(axum::Json(state.db(move |s| s.group(me, id)).await?))
}

/// Edit or archive a group (group admins).
#[utoipa::path(patch, path = "/v1/groups/{id}", tag = "groups", params(("id" = i64, Path, description = "Group id")),
    request_body = EditGroup,
    responses((status = 200, body = Group, description = "The edited group"), ErrorResponses), security(("bearer" = [])))]
pub async fn edit_group(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
    Json(req): Json<EditGroup>,
) -> ApiResult<J<Group>> {
    let me = session.user.id;
    Ok(axum::Json(
        state.db(move |s| s.edit_group(me, id, &req)).await?,
    ))
}

/// Join a public group.
#[utoipa::path(post, path = "/v1/groups/{id}/join", tag = "groups", params(("id" = i64, Path, description = "Group id")),
    responses((status = 200, body = Membership, description = "Now a member"), ErrorResponses), security(("bearer" = [])))]
pub async fn join(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
) -> ApiResult<J<Membership>> {
    let me = session.user.id;
    Ok(axum::Json(state.db(move |s| s.join(me, id)).await?))
}

/// Leave a group.
#[utoipa::path(post, path = "/v1/groups/{id}/leave", tag = "groups", params(("id" = i64, Path, description = "Group id")),
    responses((status = 204, description = "No longer a member"), ErrorResponses), security(("bearer" = [])))]
pub async fn leave(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
) -> ApiResult<StatusCode> {
    let me = session.user.id;
    state.db(move |s| s.leave(me, id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Members of a group, admins first.
#[utoipa::path(get, path = "/v1/groups/{id}/members", tag = "groups", params(("id" = i64, Path, description = "Group id")),
    responses((status = 200, body = MemberList, description = "Members"), ErrorResponses), security(("bearer" = [])))]
pub async fn members(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
) -> ApiResult<J<MemberList>> {
    let me = session.user.id;
    Ok(axum::Json(state.db(move |s| s.members(me, id)).await?))
}

/// Add someone to a group or change her role (group admins).
#[utoipa::path(post, path = "/v1/groups/{id}/members", tag = "groups", params(("id" = i64, Path, description = "Group id")),
    request_body = AddMember,
    responses((status = 200, body = Membership, description = "The membership"), ErrorResponses), security(("bearer" = [])))]
pub async fn add_member(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
    Json(req): Json<AddMember>,
) -> ApiResult<J<Membership>> {
    let me = session.user.id;
    Ok(axum::Json(
        state.db(move |s| s.add_member(Some(me), id, &req)).await?,
    ))
}

/// Turn notifications of a group on or off.
#[utoipa::path(put, path = "/v1/groups/{id}/follow", tag = "groups", params(("id" = i64, Path, description = "Group id")),
    request_body = SetFollow,
    responses((status = 200, body = Follow, description = "The follow setting"), ErrorResponses), security(("bearer" = [])))]
pub async fn follow(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
    Json(req): Json<SetFollow>,
) -> ApiResult<J<Follow>> {
    let me = session.user.id;
    Ok(axum::Json(
        state
            .db(move |s| s.set_follow(me, id, req.following))
            .await?,
    ))
}

/// Move the read marker of a group (never backwards).
#[utoipa::path(put, path = "/v1/groups/{id}/read", tag = "groups", params(("id" = i64, Path, description = "Group id")),
    request_body = SetReadMarker,
    responses((status = 200, body = ReadMarker, description = "The read marker"), ErrorResponses), security(("bearer" = [])))]
pub async fn read_marker(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
    Json(req): Json<SetReadMarker>,
) -> ApiResult<J<ReadMarker>> {
    let me = session.user.id;
    Ok(axum::Json(
        state
            .db(move |s| s.set_read_marker(me, id, req.last_read_post_id))
            .await?,
    ))
}

/// A page of a group's posts, newest first; page backwards with `before`.
#[utoipa::path(get, path = "/v1/groups/{id}/posts", tag = "groups",
    params(
        ("id" = i64, Path, description = "Group id"),
        ("before" = Option<i64>, Query, description = "Only posts older than this post id; absent: the newest"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 200, description = "Page size (default 50)"),
    ),
    responses((status = 200, body = PostPage, description = "A page of posts"), ErrorResponses), security(("bearer" = [])))]
pub async fn post_page(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
    Query(q): Query<PostPageQuery>,
) -> ApiResult<J<PostPage>> {
    let me = session.user.id;
    Ok(axum::Json(
        state
            .db(move |s| s.post_page(me, id, q.before, q.limit))
            .await?,
    ))
}
