//! Errors of the command line and its exit codes. A message says what
//! happened and to what; a hint says what to do.

use hublot_core::{ClientError, SessionError};

/// Exit codes (documented in `--help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 1: anything else.
    Other = 1,
    /// 3: not signed in (no account, no token, or the token was refused).
    NotSignedIn = 3,
    /// 4: the server cannot be reached; what was written stays in the outbox.
    Offline = 4,
    /// 5: the server refused the request or answered something unreadable.
    Server = 5,
    /// 6: the local cache or data directory could not be used (disk full…).
    Storage = 6,
    /// 7: invalid input (too long, unknown id…).
    Input = 7,
}

/// An error to print, with its exit code.
#[derive(Debug)]
pub struct CliError {
    pub exit: Exit,
    pub message: String,
    pub hint: Option<String>,
}

impl CliError {
    /// An error with no hint.
    pub fn new(exit: Exit, message: impl Into<String>) -> CliError {
        CliError {
            exit,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> CliError {
        self.hint = Some(hint.into());
        self
    }
}

impl From<ClientError> for CliError {
    fn from(e: ClientError) -> CliError {
        let msg = e.to_string();
        match e {
            ClientError::Unauthorized { .. } => {
                CliError::new(Exit::NotSignedIn, msg).hint("sign in again with `hublot-cli login`")
            }
            ClientError::InvalidUrl { .. } => CliError::new(Exit::Input, msg),
            e if e.is_offline() => CliError::new(Exit::Offline, msg),
            _ => CliError::new(Exit::Server, msg),
        }
    }
}

impl From<SessionError> for CliError {
    fn from(e: SessionError) -> CliError {
        match e {
            SessionError::Client(c) | SessionError::Offline(c) => c.into(),
            SessionError::SignedOut => CliError::new(Exit::NotSignedIn, e.to_string())
                .hint("sign in again with `hublot-cli login`"),
            SessionError::InvalidInput(m) => CliError::new(Exit::Input, m),
            SessionError::Store(s) => {
                let exit = match s {
                    hublot_core::store::StoreError::NotFound(_)
                    | hublot_core::store::StoreError::Invalid(_) => Exit::Input,
                    _ => Exit::Storage,
                };
                CliError::new(exit, s.to_string())
            }
            SessionError::Internal(m) => CliError::new(Exit::Other, m),
        }
    }
}

impl From<hublot_core::store::StoreError> for CliError {
    fn from(e: hublot_core::store::StoreError) -> CliError {
        SessionError::Store(e).into()
    }
}
