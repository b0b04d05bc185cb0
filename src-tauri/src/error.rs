//! The error every command rejects with: `AppError { code, message }`.

use serde::Serialize;

use hublot_core::error::{ClientError, SessionError};
use hublot_core::store::StoreError;

use crate::secrets::SecretError;
use crate::settings::SettingsError;

/// What kind of failure, for the UI to react to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "AppErrorCode"))]
pub enum ErrorCode {
    /// No account is signed in.
    NotSignedIn,
    /// The input was refused.
    InvalidInput,
    /// No such thing.
    NotFound,
    /// Not allowed.
    Forbidden,
    /// The server cannot be reached.
    Offline,
    /// The server failed.
    Server,
    /// The local cache or a file failed.
    Storage,
    /// The OS keyring failed.
    Keyring,
    /// Anything else.
    Internal,
}

/// A command's failure: a code and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[error("{message}")]
pub struct AppError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// What happened, for people.
    pub message: String,
}

impl AppError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError {
            code,
            message: message.into(),
        }
    }
}

impl From<SecretError> for AppError {
    fn from(e: SecretError) -> Self {
        AppError::new(ErrorCode::Keyring, e.to_string())
    }
}

impl From<SettingsError> for AppError {
    fn from(e: SettingsError) -> Self {
        AppError::new(ErrorCode::Storage, e.to_string())
    }
}

impl From<ClientError> for AppError {
    fn from(e: ClientError) -> Self {
        let code = match &e {
            ClientError::InvalidUrl { .. }
            | ClientError::Rejected { .. }
            | ClientError::Conflict { .. } => ErrorCode::InvalidInput,
            ClientError::Network { .. } | ClientError::Timeout { .. } => ErrorCode::Offline,
            ClientError::Unauthorized { .. } => ErrorCode::NotSignedIn,
            ClientError::Forbidden { .. } => ErrorCode::Forbidden,
            ClientError::NotFound { .. } => ErrorCode::NotFound,
            _ => ErrorCode::Server,
        };
        AppError::new(code, sentence(&e.to_string()))
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::Invalid(_) => ErrorCode::InvalidInput,
            StoreError::NotFound(_) => ErrorCode::NotFound,
            _ => ErrorCode::Storage,
        };
        AppError::new(code, sentence(&e.to_string()))
    }
}

impl From<SessionError> for AppError {
    fn from(e: SessionError) -> Self {
        match e {
            SessionError::Store(e) => e.into(),
            SessionError::Client(e) => e.into(),
            SessionError::Offline(e) => AppError::new(ErrorCode::Offline, sentence(&e.to_string())),
            SessionError::InvalidInput(m) => AppError::new(ErrorCode::InvalidInput, sentence(&m)),
            SessionError::SignedOut => AppError::new(ErrorCode::NotSignedIn, "Sign in again."),
            SessionError::Internal(m) => AppError::new(ErrorCode::Internal, sentence(&m)),
        }
    }
}

/// Core's messages are clauses; people read sentences.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let json = serde_json::to_string(&AppError::new(ErrorCode::NotSignedIn, "Sign in first."))
            .unwrap();
        assert_eq!(
            json,
            r#"{"code":"not_signed_in","message":"Sign in first."}"#
        );
    }
}
