//! Posts, comments, reactions, votes.

use axum::extract::State;
use axum::http::StatusCode;
use hublot_api::{
    CastVote, Comment, CreateComment, CreatePost, EditBody, Id, Post, PostThread, ReactionKind,
    SetPinned,
};

use super::error::{ApiResult, ErrorResponses, Json, Path};
use super::{AppState, Session};
use crate::storage::Created;

type J<T> = axum::Json<T>;

fn status(c: Created) -> StatusCode {
    match c {
        Created::New => StatusCode::CREATED,
        Created::Existing => StatusCode::OK,
    }
}

/// Create a post. Idempotent on `client_id`: a retry answers 200 with the
/// first post (even if the retry's body differs).
#[utoipa::path(post, path = "/v1/posts", tag = "posts", request_body = CreatePost,
    responses((status = 201, body = Post, description = "Created"),
        (status = 200, body = Post, description = "This client_id was seen before: the first post"), ErrorResponses),
    security(("bearer" = [])))]
pub async fn create_post(
    State(state): State<AppState>,
    session: Session,
    Json(req): Json<CreatePost>,
) -> ApiResult<(StatusCode, J<Post>)> {
    let me = session.user.id;
    let (post, created) = state.db(move |s| s.create_post(me, &req)).await?;
    Ok((status(created), axum::Json(post)))
}

/// A post with its comments and reactions.
#[utoipa::path(get, path = "/v1/posts/{id}", tag = "posts", params(("id" = i64, Path, description = "Post id")),
    responses((status = 200, body = PostThread, description = "The thread"), ErrorResponses), security(("bearer" = [])))]
pub async fn get_post(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
) -> ApiResult<J<PostThread>> {
    let me = session.user.id;
    Ok(axum::Json(state.db(move |s| s.thread(me, id)).await?))
}

/// Edit a post's body (its author).
#[utoipa::path(patch, path = "/v1/posts/{id}", tag = "posts", params(("id" = i64, Path, description = "Post id")),
    request_body = EditBody,
    responses((status = 200, body = Post, description = "The edited post"), ErrorResponses), security(("bearer" = [])))]
pub async fn edit_post(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
    Json(req): Json<EditBody>,
) -> ApiResult<J<Post>> {
    let me = session.user.id;
    Ok(axum::Json(
        state.db(move |s| s.edit_post(me, id, &req.body)).await?,
    ))
}

/// Delete a post (its author or a group admin).
#[utoipa::path(delete, path = "/v1/posts/{id}", tag = "posts", params(("id" = i64, Path, description = "Post id")),
    responses((status = 204, description = "Deleted"), ErrorResponses), security(("bearer" = [])))]
pub async fn delete_post(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
) -> ApiResult<StatusCode> {
    let me = session.user.id;
    state.db(move |s| s.delete_post(me, id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Pin or unpin a post (group admins).
#[utoipa::path(put, path = "/v1/posts/{id}/pin", tag = "posts", params(("id" = i64, Path, description = "Post id")),
    request_body = SetPinned,
    responses((status = 200, body = Post, description = "The post"), ErrorResponses), security(("bearer" = [])))]
pub async fn pin(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
    Json(req): Json<SetPinned>,
) -> ApiResult<J<Post>> {
    let me = session.user.id;
    Ok(axum::Json(
        state.db(move |s| s.pin_post(me, id, req.pinned)).await?,
    ))
}

/// Comment on a post. Idempotent on `client_id` like posts.
#[utoipa::path(post, path = "/v1/posts/{id}/comments", tag = "posts", params(("id" = i64, Path, description = "Post id")),
    request_body = CreateComment,
    responses((status = 201, body = Comment, description = "Created"),
        (status = 200, body = Comment, description = "This client_id was seen before: the first comment"), ErrorResponses),
    security(("bearer" = [])))]
pub async fn create_comment(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
    Json(req): Json<CreateComment>,
) -> ApiResult<(StatusCode, J<Comment>)> {
    let me = session.user.id;
    let (c, created) = state.db(move |s| s.create_comment(me, id, &req)).await?;
    Ok((status(created), axum::Json(c)))
}

/// Edit a comment (its author).
#[utoipa::path(patch, path = "/v1/comments/{id}", tag = "posts", params(("id" = i64, Path, description = "Comment id")),
    request_body = EditBody,
    responses((status = 200, body = Comment, description = "The edited comment"), ErrorResponses), security(("bearer" = [])))]
pub async fn edit_comment(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
    Json(req): Json<EditBody>,
) -> ApiResult<J<Comment>> {
    let me = session.user.id;
    Ok(axum::Json(
        state.db(move |s| s.edit_comment(me, id, &req.body)).await?,
    ))
}

/// Delete a comment (its author or a group admin).
#[utoipa::path(delete, path = "/v1/comments/{id}", tag = "posts", params(("id" = i64, Path, description = "Comment id")),
    responses((status = 204, description = "Deleted"), ErrorResponses), security(("bearer" = [])))]
pub async fn delete_comment(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
) -> ApiResult<StatusCode> {
    let me = session.user.id;
    state.db(move |s| s.delete_comment(me, id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// React to a post (setting it twice changes nothing).
#[utoipa::path(put, path = "/v1/posts/{id}/reactions/{kind}", tag = "posts",
    params(("id" = i64, Path, description = "Post id"), ("kind" = ReactionKind, Path, description = "Reaction kind")),
    responses((status = 200, body = Post, description = "The post"), ErrorResponses), security(("bearer" = [])))]
pub async fn set_reaction(
    State(state): State<AppState>,
    session: Session,
    Path((id, _kind)): Path<(Id, ReactionKind)>,
) -> ApiResult<J<Post>> {
    let me = session.user.id;
    Ok(axum::Json(
        state.db(move |s| s.set_like(me, id, true)).await?,
    ))
}

/// Remove one's reaction.
#[utoipa::path(delete, path = "/v1/posts/{id}/reactions/{kind}", tag = "posts",
    params(("id" = i64, Path, description = "Post id"), ("kind" = ReactionKind, Path, description = "Reaction kind")),
    responses((status = 200, body = Post, description = "The post"), ErrorResponses), security(("bearer" = [])))]
pub async fn remove_reaction(
    State(state): State<AppState>,
    session: Session,
    Path((id, _kind)): Path<(Id, ReactionKind)>,
) -> ApiResult<J<Post>> {
    let me = session.user.id;
    Ok(axum::Json(
        state.db(move |s| s.set_like(me, id, false)).await?,
    ))
}

/// Vote in a post's poll: the complete choice (an empty list withdraws).
#[utoipa::path(put, path = "/v1/posts/{id}/vote", tag = "posts", params(("id" = i64, Path, description = "Post id")),
    request_body = CastVote,
    responses((status = 200, body = Post, description = "The post with the new results"), ErrorResponses),
    security(("bearer" = [])))]
pub async fn vote(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Id>,
    Json(req): Json<CastVote>,
) -> ApiResult<J<Post>> {
    let me = session.user.id;
    Ok(axum::Json(
        state.db(move |s| s.vote(me, id, &req.option_ids)).await?,
    ))
}
