//! The API client: one method per route of API v1 the desktop client uses.
//!
//! It speaks HTTPS with rustls and the platform's root certificates (so a
//! corporate CA installed on the machine works), follows the system proxy
//! settings, accepts gzip, and sends `hublot/<version> (<os>)` as its user
//! agent. Every answer is decoded into `hublot-api` types; an answer that does
//! not decode is a [`ClientError::Decode`], never a panic. Error answers become
//! typed [`ClientError`]s that tell transient from permanent failures.

mod events;

use std::time::Duration;

use futures_util::StreamExt;
use hublot_api::{
    Bootstrap, CastVote, Comment, CreateComment, CreatePost, EditBody, ErrorBody, Id, LoginRequest,
    LoginResponse, Membership, Post, PostPage, PostPageQuery, PostThread, ReactionKind, SetFollow,
    SetPinned, SetReadMarker, SyncResponse, User, UserPage,
};
use reqwest::{header, Method, StatusCode};
use serde::{de::DeserializeOwned, Serialize};

pub use events::{EventStream, ServerEvent};

use crate::error::ClientError;

/// Time allowed to open a connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Time allowed for a whole request and its answer (not the event stream).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest answer body read, in bytes: a hostile or broken server cannot make
/// the client swallow unbounded memory.
pub const MAX_ANSWER_BYTES: usize = 256 * 1024 * 1024;

/// The user agent sent with every request.
pub fn user_agent() -> String {
    format!(
        "hublot/{} ({})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    )
}

/// A client of one Hublot server, optionally signed in with a bearer token.
/// Cheap to clone (connections are pooled and shared).
#[derive(Clone)]
pub struct ApiClient {
    http: reqwest::Client,
    stream_http: reqwest::Client,
    base: reqwest::Url,
    token: Option<String>,
}

impl std::fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the token.
        f.debug_struct("ApiClient")
            .field("base", &self.base.as_str())
            .field("signed_in", &self.token.is_some())
            .finish()
    }
}

impl ApiClient {
    /// A client of the server at `server` (e.g. `https://hublot.example.org`),
    /// signed in with `token` if given.
    pub fn new(server: &str, token: Option<String>) -> Result<ApiClient, ClientError> {
        let base = parse_base(server)?;
        let build = |timeout: Option<Duration>| {
            let mut b = reqwest::Client::builder()
                .user_agent(user_agent())
                .connect_timeout(CONNECT_TIMEOUT)
                .gzip(true)
                .tcp_nodelay(true);
            if let Some(t) = timeout {
                b = b.timeout(t);
            }
            b.build().map_err(|e| ClientError::InvalidUrl {
                url: server.to_string(),
                detail: format!("the HTTP client could not be set up: {e}"),
            })
        };
        Ok(ApiClient {
            http: build(Some(REQUEST_TIMEOUT))?,
            // The event stream stays open: its liveness is checked with heartbeats.
            stream_http: build(None)?,
            base,
            token,
        })
    }

    /// The same client with another token (after login).
    pub fn with_token(&self, token: Option<String>) -> ApiClient {
        ApiClient {
            token,
            ..self.clone()
        }
    }

    /// The server's base address.
    pub fn server(&self) -> &str {
        self.base.as_str()
    }

    fn url(&self, path: &str) -> Result<reqwest::Url, ClientError> {
        self.base
            .join(path.trim_start_matches('/'))
            .map_err(|e| ClientError::InvalidUrl {
                url: format!("{}{}", self.base, path),
                detail: e.to_string(),
            })
    }

    fn request(&self, method: Method, path: &str) -> Result<reqwest::RequestBuilder, ClientError> {
        let mut rb = self.http.request(method, self.url(path)?);
        if let Some(t) = &self.token {
            rb = rb.bearer_auth(t);
        }
        Ok(rb)
    }

    /// Sends a request and decodes a JSON answer.
    async fn call<T: DeserializeOwned>(
        &self,
        what: &str,
        rb: reqwest::RequestBuilder,
    ) -> Result<T, ClientError> {
        let bytes = self.call_raw(rb).await?;
        decode(what, &bytes)
    }

    /// Sends a request, checks the status and reads the body (bounded).
    async fn call_raw(&self, rb: reqwest::RequestBuilder) -> Result<Vec<u8>, ClientError> {
        let resp = rb.send().await.map_err(transport_error)?;
        let resp = check_status(resp).await?;
        read_body(resp).await
    }

    async fn call_empty(&self, rb: reqwest::RequestBuilder) -> Result<(), ClientError> {
        self.call_raw(rb).await.map(|_| ())
    }

    async fn send_json<B: Serialize, T: DeserializeOwned>(
        &self,
        what: &str,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T, ClientError> {
        let rb = self.request(method, path)?.json(body);
        self.call(what, rb).await
    }

    /// `POST /v1/auth/login`: exchanges credentials for a token.
    pub async fn login(&self, login: &str, password: &str) -> Result<LoginResponse, ClientError> {
        let body = LoginRequest {
            login: login.to_string(),
            password: password.to_string(),
        };
        self.send_json("sign-in", Method::POST, "/v1/auth/login", &body)
            .await
    }

    /// `POST /v1/auth/logout`: revokes this client's token.
    pub async fn logout(&self) -> Result<(), ClientError> {
        let rb = self.request(Method::POST, "/v1/auth/logout")?;
        self.call_empty(rb).await
    }

    /// `GET /v1/me`.
    pub async fn me(&self) -> Result<User, ClientError> {
        let rb = self.request(Method::GET, "/v1/me")?;
        self.call("who am I", rb).await
    }

    /// `GET /v1/bootstrap`.
    pub async fn bootstrap(&self) -> Result<Bootstrap, ClientError> {
        let rb = self.request(Method::GET, "/v1/bootstrap")?;
        self.call("the bootstrap", rb).await
    }

    /// `GET /v1/sync?since=&limit=`: one batch of the change feed.
    pub async fn sync(
        &self,
        since: Option<&str>,
        limit: Option<u32>,
    ) -> Result<SyncResponse, ClientError> {
        let mut rb = self.request(Method::GET, "/v1/sync")?;
        let mut q: Vec<(&str, String)> = Vec::new();
        if let Some(s) = since {
            q.push(("since", s.to_string()));
        }
        if let Some(l) = limit {
            q.push(("limit", l.to_string()));
        }
        rb = rb.query(&q);
        self.call("the change feed", rb).await
    }

    /// `GET /v1/groups/{id}/posts?before=&limit=`: a page of a group's posts, newest first.
    pub async fn group_posts(
        &self,
        group_id: Id,
        query: &PostPageQuery,
    ) -> Result<PostPage, ClientError> {
        let rb = self
            .request(Method::GET, &format!("/v1/groups/{group_id}/posts"))?
            .query(query);
        self.call("a page of posts", rb).await
    }

    /// `GET /v1/posts/{id}`: a post with its comments and reactions.
    pub async fn thread(&self, post_id: Id) -> Result<PostThread, ClientError> {
        let rb = self.request(Method::GET, &format!("/v1/posts/{post_id}"))?;
        self.call("a post", rb).await
    }

    /// `POST /v1/posts`. The same `client_id` twice returns the first post.
    pub async fn create_post(&self, req: &CreatePost) -> Result<Post, ClientError> {
        self.send_json("a new post", Method::POST, "/v1/posts", req)
            .await
    }

    /// `PATCH /v1/posts/{id}`.
    pub async fn edit_post(&self, post_id: Id, body: &str) -> Result<Post, ClientError> {
        let req = EditBody {
            body: body.to_string(),
        };
        self.send_json(
            "a post edit",
            Method::PATCH,
            &format!("/v1/posts/{post_id}"),
            &req,
        )
        .await
    }

    /// `DELETE /v1/posts/{id}`.
    pub async fn delete_post(&self, post_id: Id) -> Result<(), ClientError> {
        let rb = self.request(Method::DELETE, &format!("/v1/posts/{post_id}"))?;
        self.call_empty(rb).await
    }

    /// `PUT /v1/posts/{id}/pin`.
    pub async fn set_pinned(&self, post_id: Id, pinned: bool) -> Result<Post, ClientError> {
        self.send_json(
            "a pin",
            Method::PUT,
            &format!("/v1/posts/{post_id}/pin"),
            &SetPinned { pinned },
        )
        .await
    }

    /// `POST /v1/posts/{id}/comments`. The same `client_id` twice returns the first comment.
    pub async fn create_comment(
        &self,
        post_id: Id,
        req: &CreateComment,
    ) -> Result<Comment, ClientError> {
        self.send_json(
            "a new comment",
            Method::POST,
            &format!("/v1/posts/{post_id}/comments"),
            req,
        )
        .await
    }

    /// `PATCH /v1/comments/{id}`.
    pub async fn edit_comment(&self, comment_id: Id, body: &str) -> Result<Comment, ClientError> {
        let req = EditBody {
            body: body.to_string(),
        };
        self.send_json(
            "a comment edit",
            Method::PATCH,
            &format!("/v1/comments/{comment_id}"),
            &req,
        )
        .await
    }

    /// `DELETE /v1/comments/{id}`.
    pub async fn delete_comment(&self, comment_id: Id) -> Result<(), ClientError> {
        let rb = self.request(Method::DELETE, &format!("/v1/comments/{comment_id}"))?;
        self.call_empty(rb).await
    }

    /// `PUT` or `DELETE /v1/posts/{id}/reactions/{kind}`: sets or removes a
    /// reaction; answers the post with its new counters.
    pub async fn set_reaction(
        &self,
        post_id: Id,
        kind: ReactionKind,
        on: bool,
    ) -> Result<Post, ClientError> {
        let method = if on { Method::PUT } else { Method::DELETE };
        let rb = self.request(
            method,
            &format!("/v1/posts/{post_id}/reactions/{}", kind.as_str()),
        )?;
        self.call("a reaction", rb).await
    }

    /// `PUT /v1/posts/{id}/vote`: the voter's complete choice; answers the
    /// post with the poll's new results.
    pub async fn vote(&self, post_id: Id, option_ids: &[Id]) -> Result<Post, ClientError> {
        self.send_json(
            "a vote",
            Method::PUT,
            &format!("/v1/posts/{post_id}/vote"),
            &CastVote {
                option_ids: option_ids.to_vec(),
            },
        )
        .await
    }

    /// `PUT /v1/groups/{id}/read`: moves the read marker (never backwards).
    pub async fn set_read_marker(
        &self,
        group_id: Id,
        last_read_post_id: Id,
    ) -> Result<(), ClientError> {
        let rb = self
            .request(Method::PUT, &format!("/v1/groups/{group_id}/read"))?
            .json(&SetReadMarker { last_read_post_id });
        self.call_empty(rb).await
    }

    /// `POST /v1/groups/{id}/join` or `POST /v1/groups/{id}/leave`.
    pub async fn set_membership(&self, group_id: Id, joined: bool) -> Result<(), ClientError> {
        let verb = if joined { "join" } else { "leave" };
        let rb = self.request(Method::POST, &format!("/v1/groups/{group_id}/{verb}"))?;
        self.call_empty(rb).await
    }

    /// `PUT /v1/groups/{id}/follow`.
    pub async fn set_follow(&self, group_id: Id, following: bool) -> Result<(), ClientError> {
        let rb = self
            .request(Method::PUT, &format!("/v1/groups/{group_id}/follow"))?
            .json(&SetFollow { following });
        self.call_empty(rb).await
    }

    /// `POST /v1/groups/{id}/members`: a group admin adds someone.
    pub async fn add_member(
        &self,
        group_id: Id,
        user_id: Id,
        role: hublot_api::Role,
    ) -> Result<(), ClientError> {
        let rb = self
            .request(Method::POST, &format!("/v1/groups/{group_id}/members"))?
            .json(&hublot_api::AddMember { user_id, role });
        self.call_empty(rb).await
    }

    /// `GET /v1/users`: a page of the directory.
    pub async fn users(&self, query: &hublot_api::DirectoryQuery) -> Result<UserPage, ClientError> {
        let rb = self.request(Method::GET, "/v1/users")?.query(query);
        self.call("the directory", rb).await
    }

    /// `GET /v1/users/{id}`.
    pub async fn user(&self, user_id: Id) -> Result<User, ClientError> {
        let rb = self.request(Method::GET, &format!("/v1/users/{user_id}"))?;
        self.call("a profile", rb).await
    }

    /// `GET /v1/groups`: every group this user may see.
    pub async fn groups(&self) -> Result<Vec<hublot_api::Group>, ClientError> {
        let rb = self.request(Method::GET, "/v1/groups")?;
        self.call("the groups", rb).await
    }

    /// `GET /v1/groups/{id}/members`.
    pub async fn members(&self, group_id: Id) -> Result<Vec<Membership>, ClientError> {
        let rb = self.request(Method::GET, &format!("/v1/groups/{group_id}/members"))?;
        let list: hublot_api::MemberList = self.call("the members", rb).await?;
        Ok(list.members)
    }

    /// `GET /v1/events`: opens the server-sent event stream.
    pub async fn events(&self) -> Result<EventStream, ClientError> {
        let mut rb = self
            .stream_http
            .get(self.url("/v1/events")?)
            .header(header::ACCEPT, "text/event-stream");
        if let Some(t) = &self.token {
            rb = rb.bearer_auth(t);
        }
        let resp = rb.send().await.map_err(transport_error)?;
        let resp = check_status(resp).await?;
        Ok(EventStream::new(resp))
    }
}

fn parse_base(server: &str) -> Result<reqwest::Url, ClientError> {
    let invalid = |detail: String| ClientError::InvalidUrl {
        url: server.to_string(),
        detail,
    };
    let mut url = reqwest::Url::parse(server.trim()).map_err(|e| invalid(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("only http and https are supported".into()));
    }
    if url.host_str().is_none() {
        return Err(invalid("it has no host name".into()));
    }
    // A base ending with '/' so relative joins keep any path prefix.
    if !url.path().ends_with('/') {
        let p = format!("{}/", url.path());
        url.set_path(&p);
    }
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}

fn transport_error(e: reqwest::Error) -> ClientError {
    let url = e
        .url()
        .map(|u| {
            let mut u = u.clone();
            u.set_query(None);
            u.to_string()
        })
        .unwrap_or_default();
    if e.is_timeout() {
        return ClientError::Timeout {
            url,
            secs: REQUEST_TIMEOUT.as_secs(),
        };
    }
    ClientError::Network {
        url,
        detail: error_chain(&e),
    }
}

/// The error with its causes, "a: b: c", so "connection refused" is not lost.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let m = c.to_string();
        if !s.contains(&m) {
            s.push_str(": ");
            s.push_str(&m);
        }
        cur = c.source();
    }
    s
}

/// Parses `Retry-After` (delay in seconds, or an HTTP date).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        // A server asking for more than a day is capped: the user would
        // rather see an error than a client silent until tomorrow.
        return Some(Duration::from_secs(secs.min(86_400)));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    let d = when
        .duration_since(std::time::SystemTime::now())
        .unwrap_or(Duration::ZERO);
    Some(d.min(Duration::from_secs(86_400)))
}

async fn check_status(resp: reqwest::Response) -> Result<reqwest::Response, ClientError> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let retry_after = resp
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_retry_after);
    // The error body is small; read at most 64 KiB of it.
    let body = read_limited(resp, 64 * 1024).await.unwrap_or_default();
    let message = serde_json::from_slice::<ErrorBody>(&body)
        .map(|b| b.error.message)
        .unwrap_or_else(|_| {
            let text = String::from_utf8_lossy(&body);
            let text: String = text.chars().take(200).collect();
            let text = text.trim();
            if text.is_empty() {
                status
                    .canonical_reason()
                    .unwrap_or("no explanation")
                    .to_string()
            } else {
                text.to_string()
            }
        });
    Err(status_error(status, message, retry_after))
}

fn status_error(status: StatusCode, message: String, retry_after: Option<Duration>) -> ClientError {
    match status.as_u16() {
        401 => ClientError::Unauthorized { message },
        403 => ClientError::Forbidden { message },
        404 => ClientError::NotFound { message },
        409 => ClientError::Conflict { message },
        410 => ClientError::Gone { message },
        429 => ClientError::RateLimited {
            message,
            retry_after,
        },
        503 => ClientError::Unavailable {
            message,
            retry_after,
        },
        s if s >= 500 => ClientError::Server {
            status: s,
            message,
            retry_after,
        },
        // 408 (request timeout) from a proxy is a transient failure.
        408 => ClientError::Timeout {
            url: String::new(),
            secs: REQUEST_TIMEOUT.as_secs(),
        },
        s => ClientError::Rejected { status: s, message },
    }
}

async fn read_body(resp: reqwest::Response) -> Result<Vec<u8>, ClientError> {
    read_limited(resp, MAX_ANSWER_BYTES).await
}

async fn read_limited(resp: reqwest::Response, limit: usize) -> Result<Vec<u8>, ClientError> {
    let url = {
        let mut u = resp.url().clone();
        u.set_query(None);
        u.to_string()
    };
    let cap = resp
        .content_length()
        .map(|l| (l as usize).min(limit))
        .unwrap_or(0);
    let mut out = Vec::with_capacity(cap);
    let mut stream = resp.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(transport_error)?;
        if out.len() + chunk.len() > limit {
            return Err(ClientError::Decode {
                what: url,
                detail: format!("the answer is larger than {} MiB", limit / (1024 * 1024)),
            });
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// Decodes a JSON answer, turning any failure into [`ClientError::Decode`].
pub(crate) fn decode<T: DeserializeOwned>(what: &str, bytes: &[u8]) -> Result<T, ClientError> {
    serde_json::from_slice(bytes).map_err(|e| ClientError::Decode {
        what: what.to_string(),
        detail: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_keep_their_prefix_and_refuse_nonsense() {
        let c = ApiClient::new("https://example.org/hublot", None).unwrap();
        assert_eq!(
            c.url("/v1/sync").unwrap().as_str(),
            "https://example.org/hublot/v1/sync"
        );
        assert!(ApiClient::new("ftp://example.org", None).is_err());
        assert!(ApiClient::new("not a url", None).is_err());
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(parse_retry_after("12"), Some(Duration::from_secs(12)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn statuses_map_to_transient_or_permanent() {
        let e = status_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "x".into(),
            Some(Duration::from_secs(3)),
        );
        assert!(e.is_transient());
        assert_eq!(e.retry_after(), Some(Duration::from_secs(3)));
        assert!(status_error(StatusCode::TOO_MANY_REQUESTS, "x".into(), None).is_transient());
        assert!(status_error(StatusCode::BAD_GATEWAY, "x".into(), None).is_transient());
        for s in [401u16, 403, 404, 409, 410, 422] {
            let e = status_error(StatusCode::from_u16(s).unwrap(), "m".into(), None);
            assert!(!e.is_transient(), "{s}");
            assert_eq!(e.server_message(), Some("m"));
        }
    }

    #[test]
    fn decoding_garbage_is_an_error() {
        let r: Result<SyncResponse, _> = decode("sync", b"{\"changes\": [");
        assert!(matches!(r, Err(ClientError::Decode { .. })));
        let r: Result<SyncResponse, _> = decode("sync", &[0xff, 0xfe]);
        assert!(matches!(r, Err(ClientError::Decode { .. })));
    }

    #[test]
    fn user_agent_names_the_app_and_os() {
        let ua = user_agent();
        assert!(ua.starts_with("hublot/"));
        assert!(ua.contains(std::env::consts::OS));
    }
}
