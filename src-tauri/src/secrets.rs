//! The account tokens, kept in the operating system's keyring (Secret Service
//! on Linux, Keychain on macOS, Credential Manager on Windows) and never in a
//! file or a log.

use keyring::Entry;

/// Keyring service name under which every Hublot token is stored.
pub const SERVICE: &str = "fr.hublot.desktop";

/// Why a token could not be stored, read or removed.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// No keyring service is reachable or it is locked.
    #[error(
        "The system keyring is not available ({0}). Hublot keeps your sign-in token there: \
         start or unlock your keyring (for example GNOME Keyring or KWallet with its Secret \
         Service enabled), then sign in again."
    )]
    Unavailable(String),
    /// The keyring refused the operation.
    #[error("The system keyring refused to store or read the sign-in token: {0}")]
    Keyring(String),
}

/// The keyring entry of one account, named `login@server`.
fn entry(account: &str) -> Result<Entry, SecretError> {
    Entry::new(SERVICE, account).map_err(map_error)
}

/// The keyring account name of a login on a server.
pub fn account_name(server: &str, login: &str) -> String {
    format!("{login}@{}", server.trim_end_matches('/'))
}

/// Stores (or replaces) the token of an account.
pub fn store_token(account: &str, token: &str) -> Result<(), SecretError> {
    entry(account)?.set_password(token).map_err(map_error)
}

/// Reads the token of an account; `None` when there is none.
pub fn load_token(account: &str) -> Result<Option<String>, SecretError> {
    match entry(account)?.get_password() {
        Ok(token) => Ok(Some(token)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(map_error(e)),
    }
}

/// Removes the token of an account; removing a missing token is not an error.
pub fn delete_token(account: &str) -> Result<(), SecretError> {
    match entry(account)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(map_error(e)),
    }
}

fn map_error(e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::NoStorageAccess(inner) => SecretError::Unavailable(inner.to_string()),
        keyring::Error::PlatformFailure(inner) => SecretError::Unavailable(inner.to_string()),
        other => SecretError::Keyring(other.to_string()),
    }
}
