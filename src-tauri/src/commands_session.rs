//! Commands over the signed-in session (reading from the cache, writing to
//! the outbox) and the session commands (sign in/out, demo).

use hublot_api::{Id, NewPoll};
use hublot_core::views::{
    CommentView, FeedPage, FeedQuery, GroupDetail, GroupView, OutboxItemView, PeoplePage,
    PeopleQuery, PersonRef, PostDetail, PostView, Profile, SearchHit, SearchQuery, SyncStatus,
    UnreadSummary,
};
use tauri::{AppHandle, Runtime, State};

use crate::account::{self, Accounts, SessionInfo};
use crate::error::{AppError, ErrorCode};
use crate::DemoOptions;

type Result<T> = std::result::Result<T, AppError>;

fn not_found(what: &str) -> AppError {
    AppError::new(
        ErrorCode::NotFound,
        format!("This {what} is not in the cache (deleted, or not visible to you)."),
    )
}

/// Signs in; the token goes to the keyring.
#[tauri::command]
pub async fn sign_in<R: Runtime>(
    app: AppHandle<R>,
    server: String,
    login: String,
    password: String,
) -> Result<SessionInfo> {
    account::sign_in(&app, &server, &login, &password).await
}

/// Starts the demo workspace.
#[tauri::command]
pub async fn start_demo<R: Runtime>(
    app: AppHandle<R>,
    demo: State<'_, DemoOptions>,
) -> Result<SessionInfo> {
    account::start_demo(&app, demo.listen).await
}

/// Wipes and restarts the demo workspace.
#[tauri::command]
pub async fn reset_demo<R: Runtime>(
    app: AppHandle<R>,
    demo: State<'_, DemoOptions>,
) -> Result<SessionInfo> {
    account::reset_demo(&app, demo.listen).await
}

/// Signs out.
#[tauri::command]
pub async fn sign_out<R: Runtime>(app: AppHandle<R>) -> Result<()> {
    account::sign_out(&app).await
}

/// A page of the feed.
#[tauri::command]
pub async fn feed(accounts: State<'_, Accounts>, query: FeedQuery) -> Result<FeedPage> {
    Ok(accounts.session()?.store().feed(&query)?)
}

/// Fetches older posts of a group from the server.
#[tauri::command]
pub async fn fetch_history(accounts: State<'_, Accounts>, group_id: Id) -> Result<u32> {
    let session = accounts.session()?;
    Ok(session.fetch_history(group_id).await?)
}

/// A post with its comments.
#[tauri::command]
pub async fn post_detail(accounts: State<'_, Accounts>, post_id: Id) -> Result<PostDetail> {
    accounts
        .session()?
        .store()
        .post_detail(post_id)?
        .ok_or_else(|| not_found("post"))
}

/// Every visible group.
#[tauri::command]
pub async fn groups(accounts: State<'_, Accounts>) -> Result<Vec<GroupView>> {
    Ok(accounts.session()?.store().groups()?)
}

/// A group page.
#[tauri::command]
pub async fn group_detail(accounts: State<'_, Accounts>, group_id: Id) -> Result<GroupDetail> {
    accounts
        .session()?
        .store()
        .group_detail(group_id)?
        .ok_or_else(|| not_found("group"))
}

/// The directory.
#[tauri::command]
pub async fn people(accounts: State<'_, Accounts>, query: PeopleQuery) -> Result<PeoplePage> {
    Ok(accounts.session()?.store().people(&query)?)
}

/// A person's profile.
#[tauri::command]
pub async fn profile(accounts: State<'_, Accounts>, user_id: Id) -> Result<Profile> {
    accounts
        .session()?
        .store()
        .profile(user_id)?
        .ok_or_else(|| not_found("person"))
}

/// Offline full-text search.
#[tauri::command]
pub async fn search(accounts: State<'_, Accounts>, query: SearchQuery) -> Result<Vec<SearchHit>> {
    Ok(accounts.session()?.store().search(&query)?)
}

/// `@mention` completion.
#[tauri::command]
pub async fn mention_candidates(
    accounts: State<'_, Accounts>,
    prefix: String,
) -> Result<Vec<PersonRef>> {
    Ok(accounts.session()?.store().mention_candidates(&prefix, 8)?)
}

/// Sanitised HTML of a Markdown body (the composer's preview).
#[tauri::command]
pub async fn render_markdown(accounts: State<'_, Accounts>, body: String) -> Result<String> {
    let session = accounts.session()?;
    let store = session.store();
    let resolve = |handle: &str| -> Option<Id> {
        store
            .mention_candidates(handle, 8)
            .ok()?
            .into_iter()
            .find(|p| p.handle == handle)
            .map(|p| p.id)
    };
    Ok(hublot_core::markdown::to_html(&body, &resolve))
}

/// The sync engine's state.
#[tauri::command]
pub async fn sync_status(accounts: State<'_, Accounts>) -> Result<SyncStatus> {
    Ok(accounts.session()?.status().borrow().clone())
}

/// The outbox.
#[tauri::command]
pub async fn outbox(accounts: State<'_, Accounts>) -> Result<Vec<OutboxItemView>> {
    Ok(accounts.session()?.store().outbox_list()?)
}

/// Unread counts.
#[tauri::command]
pub async fn unread(accounts: State<'_, Accounts>) -> Result<UnreadSummary> {
    Ok(accounts.session()?.store().unread()?)
}

/// A new post, pending in the outbox.
#[tauri::command]
pub async fn create_post(
    accounts: State<'_, Accounts>,
    group_id: Id,
    body: String,
    poll: Option<NewPoll>,
) -> Result<PostView> {
    let session = accounts.session()?;
    let entry = session.create_post(group_id, body, poll)?;
    let page = session.store().feed(&FeedQuery {
        group_id: Some(group_id),
        before: None,
        limit: Some(50),
    })?;
    page.posts
        .into_iter()
        .find(|p| p.client_id == entry.client_id)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::Internal,
                "The new post was queued but cannot be shown.",
            )
        })
}

/// Edits my post.
#[tauri::command]
pub async fn edit_post(accounts: State<'_, Accounts>, post_id: Id, body: String) -> Result<()> {
    accounts.session()?.edit_post(post_id, body)?;
    Ok(())
}

/// Deletes my post.
#[tauri::command]
pub async fn delete_post(accounts: State<'_, Accounts>, post_id: Id) -> Result<()> {
    accounts.session()?.delete_post(post_id)?;
    Ok(())
}

/// A new comment, pending in the outbox.
#[tauri::command]
pub async fn create_comment(
    accounts: State<'_, Accounts>,
    post_id: Id,
    body: String,
) -> Result<CommentView> {
    let session = accounts.session()?;
    let entry = session.create_comment(post_id, body)?;
    let detail = session
        .store()
        .post_detail(post_id)?
        .ok_or_else(|| not_found("post"))?;
    detail
        .comments
        .into_iter()
        .find(|c| c.client_id == entry.client_id)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::Internal,
                "The new comment was queued but cannot be shown.",
            )
        })
}

/// Edits my comment.
#[tauri::command]
pub async fn edit_comment(
    accounts: State<'_, Accounts>,
    comment_id: Id,
    body: String,
) -> Result<()> {
    accounts.session()?.edit_comment(comment_id, body)?;
    Ok(())
}

/// Deletes my comment.
#[tauri::command]
pub async fn delete_comment(accounts: State<'_, Accounts>, comment_id: Id) -> Result<()> {
    accounts.session()?.delete_comment(comment_id)?;
    Ok(())
}

/// Likes or unlikes a post.
#[tauri::command]
pub async fn set_like(accounts: State<'_, Accounts>, post_id: Id, liked: bool) -> Result<()> {
    accounts.session()?.set_like(post_id, liked)?;
    Ok(())
}

/// Votes in a poll.
#[tauri::command]
pub async fn vote(accounts: State<'_, Accounts>, post_id: Id, option_ids: Vec<Id>) -> Result<()> {
    accounts.session()?.vote(post_id, option_ids)?;
    Ok(())
}

/// Marks a group read.
#[tauri::command]
pub async fn mark_read(accounts: State<'_, Accounts>, group_id: Id) -> Result<()> {
    accounts.session()?.mark_read(group_id)?;
    Ok(())
}

/// Joins or leaves a group.
#[tauri::command]
pub async fn set_membership(
    accounts: State<'_, Accounts>,
    group_id: Id,
    joined: bool,
) -> Result<()> {
    accounts.session()?.set_membership(group_id, joined)?;
    Ok(())
}

/// Follows or unfollows a group (notifications).
#[tauri::command]
pub async fn set_follow(
    accounts: State<'_, Accounts>,
    group_id: Id,
    following: bool,
) -> Result<()> {
    accounts.session()?.set_follow(group_id, following)?;
    Ok(())
}

/// Pins or unpins a post (online only).
#[tauri::command]
pub async fn pin_post(accounts: State<'_, Accounts>, post_id: Id, pinned: bool) -> Result<()> {
    let session = accounts.session()?;
    Ok(session.pin_post(post_id, pinned).await?)
}

/// Sends a failed outbox item again.
#[tauri::command]
pub async fn retry_outbox(accounts: State<'_, Accounts>, id: Id) -> Result<()> {
    Ok(accounts.session()?.retry_outbox(id)?)
}

/// Drops an outbox item.
#[tauri::command]
pub async fn discard_outbox(accounts: State<'_, Accounts>, id: Id) -> Result<()> {
    Ok(accounts.session()?.discard_outbox(id)?)
}

/// Changes the body of a pending post or comment.
#[tauri::command]
pub async fn edit_outbox(accounts: State<'_, Accounts>, id: Id, body: String) -> Result<()> {
    Ok(accounts.session()?.edit_outbox(id, &body)?)
}

/// Syncs now.
#[tauri::command]
pub async fn sync_now(accounts: State<'_, Accounts>) -> Result<()> {
    accounts.session()?.sync_now();
    Ok(())
}

/// Test hook (needs `HUBLOT_E2E=1`): stops or restarts the demo server.
#[tauri::command]
pub async fn e2e_demo_server<R: Runtime>(app: AppHandle<R>, running: bool) -> Result<()> {
    account::set_demo_server_running(&app, running).await
}
