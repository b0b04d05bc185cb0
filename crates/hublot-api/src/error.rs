//! The one error shape of the API: `{ "error": { "code", "message" } }`.

use serde::{Deserialize, Serialize};

/// Machine-readable error codes. Each maps to one HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the request is malformed (bad JSON, wrong types, bad query).
    BadRequest,
    /// 401: no valid bearer token, or wrong credentials.
    Unauthorized,
    /// 403: signed in, but not allowed to do this.
    Forbidden,
    /// 404: no such thing, or not visible to this user.
    NotFound,
    /// 409: conflicts with the current state (e.g. a `client_id` reused for another request).
    Conflict,
    /// 410: the sync cursor is older than what the server keeps: bootstrap again.
    Gone,
    /// 413: the request body is larger than [`crate::limits::MAX_REQUEST_BYTES`].
    PayloadTooLarge,
    /// 415: the request body is not `application/json`.
    UnsupportedMediaType,
    /// 422: well-formed but refused (too long, closed poll, deleted post...).
    Unprocessable,
    /// 429: too many requests; see `Retry-After`.
    RateLimited,
    /// 500: the server failed; retrying later may help.
    Internal,
    /// 503: the server is overloaded or shutting down; see `Retry-After`.
    Unavailable,
}

impl ErrorCode {
    /// The HTTP status this code is sent with.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::BadRequest => 400,
            ErrorCode::Unauthorized => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict => 409,
            ErrorCode::Gone => 410,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::Unprocessable => 422,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal => 500,
            ErrorCode::Unavailable => 503,
        }
    }

    /// The code that matches an HTTP status, for answers whose body is not ours
    /// (a proxy's error page, say).
    pub fn from_status(status: u16) -> ErrorCode {
        match status {
            400 => ErrorCode::BadRequest,
            401 => ErrorCode::Unauthorized,
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            409 => ErrorCode::Conflict,
            410 => ErrorCode::Gone,
            413 => ErrorCode::PayloadTooLarge,
            415 => ErrorCode::UnsupportedMediaType,
            422 => ErrorCode::Unprocessable,
            429 => ErrorCode::RateLimited,
            503 => ErrorCode::Unavailable,
            s if (400..500).contains(&s) => ErrorCode::BadRequest,
            _ => ErrorCode::Internal,
        }
    }
}

/// The body of every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// What went wrong, for programs (`code`) and for people (`message`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErrorDetail {
    /// Machine-readable code.
    pub code: ErrorCode,
    /// A sentence a person can act on.
    pub message: String,
}

impl ErrorBody {
    /// Builds an error body.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorBody {
            error: ErrorDetail {
                code,
                message: message.into(),
            },
        }
    }
}
