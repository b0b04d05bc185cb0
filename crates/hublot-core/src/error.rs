//! Errors of the network side: the API client's [`ClientError`], which tells a
//! transient failure (try again later) from a permanent one (do not retry), and
//! the session's [`SessionError`].

use std::time::Duration;

use thiserror::Error;

/// What went wrong talking to the server.
///
/// [`ClientError::is_transient`] tells the sync engine and the outbox sender
/// whether waiting and retrying may help.
#[derive(Debug, Clone, Error)]
pub enum ClientError {
    /// The server address is not a usable URL.
    #[error("the server address {url:?} is not valid ({detail}); give a full address such as https://hublot.example.org")]
    InvalidUrl {
        /// What was given.
        url: String,
        /// Why it is refused.
        detail: String,
    },
    /// No connection could be made or kept (DNS, refused, reset, TLS, proxy).
    #[error("cannot reach the server at {url}: {detail}; check the network connection and the server address")]
    Network {
        /// The request's URL (without the query).
        url: String,
        /// What the network layer said.
        detail: String,
    },
    /// The server did not answer in time.
    #[error("the server at {url} did not answer within {secs} s; it will be tried again")]
    Timeout {
        /// The request's URL.
        url: String,
        /// The timeout that expired.
        secs: u64,
    },
    /// 5xx (other than 503): the server failed.
    #[error("the server failed ({status}): {message}; it will be tried again later")]
    Server {
        /// HTTP status.
        status: u16,
        /// The server's message, or a description of its answer.
        message: String,
        /// The server's `Retry-After`, if any.
        retry_after: Option<Duration>,
    },
    /// 429: too many requests.
    #[error("the server asks to slow down (429): {message}")]
    RateLimited {
        /// The server's message.
        message: String,
        /// The server's `Retry-After`, if any.
        retry_after: Option<Duration>,
    },
    /// 503: the server is overloaded or shutting down.
    #[error("the server is unavailable for now (503): {message}")]
    Unavailable {
        /// The server's message.
        message: String,
        /// The server's `Retry-After`, if any.
        retry_after: Option<Duration>,
    },
    /// 401: the token is missing, expired or revoked, or the credentials are wrong.
    #[error("not signed in: {message}; sign in again")]
    Unauthorized {
        /// The server's message.
        message: String,
    },
    /// 403: signed in but not allowed.
    #[error("refused by the server: {message}")]
    Forbidden {
        /// The server's message.
        message: String,
    },
    /// 404: no such thing, or not visible.
    #[error("not found on the server: {message}")]
    NotFound {
        /// The server's message.
        message: String,
    },
    /// 409: conflicts with the current state.
    #[error("conflict on the server: {message}")]
    Conflict {
        /// The server's message.
        message: String,
    },
    /// 410: the sync cursor is too old; bootstrap again.
    #[error("the server no longer keeps changes this old: {message}")]
    Gone {
        /// The server's message.
        message: String,
    },
    /// Any other 4xx (400, 413, 415, 422): the request is refused as it is.
    #[error("the server refused the request ({status}): {message}")]
    Rejected {
        /// HTTP status.
        status: u16,
        /// The server's message.
        message: String,
    },
    /// The answer could not be read as what the API promises.
    #[error("the server's answer to {what} could not be read: {detail}; the server may be of another version")]
    Decode {
        /// Which request.
        what: String,
        /// The decoder's complaint.
        detail: String,
    },
}

impl ClientError {
    /// True when trying again later may succeed: network failures, timeouts,
    /// 5xx, 429 and 503. Everything else is permanent for this request.
    ///
    /// A body that does not decode counts as transient: a proxy's error page or
    /// a half-deployed server is fixed on the server side, and the client must
    /// resume by itself once it is.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ClientError::Network { .. }
                | ClientError::Timeout { .. }
                | ClientError::Server { .. }
                | ClientError::RateLimited { .. }
                | ClientError::Unavailable { .. }
                | ClientError::Decode { .. }
        )
    }

    /// True for a network-level failure (the server could not be reached at
    /// all), as opposed to a server that answered badly.
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            ClientError::Network { .. } | ClientError::Timeout { .. }
        )
    }

    /// The delay the server asked for, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ClientError::Server { retry_after, .. }
            | ClientError::RateLimited { retry_after, .. }
            | ClientError::Unavailable { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The server's own message for a refusal, suitable to show as it is.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            ClientError::Unauthorized { message }
            | ClientError::Forbidden { message }
            | ClientError::NotFound { message }
            | ClientError::Conflict { message }
            | ClientError::Gone { message }
            | ClientError::Rejected { message, .. }
            | ClientError::Server { message, .. }
            | ClientError::RateLimited { message, .. }
            | ClientError::Unavailable { message, .. } => Some(message),
            _ => None,
        }
    }
}
/// What a [`crate::session::Session`] operation can fail with.
#[derive(Debug, Error)]
pub enum SessionError {
    /// The cache could not be opened, read or written.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The server could not be asked, or refused.
    #[error(transparent)]
    Client(#[from] ClientError),
    /// The request needs the network and the server cannot be reached now.
    #[error("this needs the server, which cannot be reached now: {0}")]
    Offline(ClientError),
    /// What the user asked for is not valid as it is.
    #[error("{0}")]
    InvalidInput(String),
    /// The session is signed out: the token was refused.
    #[error("not signed in: sign in again")]
    SignedOut,
    /// A background task failed in a way that should not happen.
    #[error("internal error: {0}")]
    Internal(String),
}
