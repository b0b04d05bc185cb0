//! Where the command line keeps an account: the server and login in
//! `<data dir>/account.json`, the token in the OS keyring, or, for scripts
//! and CI machines with no secret service, in an environment variable.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fail::{CliError, Exit};

/// The keyring service name of Hublot tokens.
const KEYRING_SERVICE: &str = "hublot";

/// The signed-in account of a data directory.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Account {
    /// Server address.
    pub server: String,
    /// Login used to sign in.
    pub login: String,
}

impl Account {
    /// The key of this account (cache file name, keyring user).
    pub fn key(&self) -> String {
        hublot_core::session::account_key(&self.server, &self.login)
    }
}

/// The data directory: `--data-dir`, or the OS data directory.
pub fn data_dir(given: Option<&Path>) -> Result<PathBuf, CliError> {
    if let Some(d) = given {
        return Ok(d.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "hublot")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            CliError::new(Exit::Storage, "no data directory could be found")
                .hint("set HOME, or pass --data-dir DIR")
        })
}

fn account_file(dir: &Path) -> PathBuf {
    dir.join("account.json")
}

/// Reads the account of a data directory.
pub fn load(dir: &Path) -> Result<Account, CliError> {
    let path = account_file(dir);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            CliError::new(
                Exit::NotSignedIn,
                format!("no account is set up in {}", dir.display()),
            )
            .hint("run `hublot-cli login --server URL --login NAME` first")
        } else {
            CliError::new(
                Exit::Storage,
                format!("cannot read {}: {e}", path.display()),
            )
        }
    })?;
    serde_json::from_str(&text).map_err(|e| {
        CliError::new(Exit::Storage, format!("{} is damaged: {e}", path.display()))
            .hint("sign in again with `hublot-cli login`")
    })
}

/// Writes the account of a data directory.
pub fn save(dir: &Path, account: &Account) -> Result<(), CliError> {
    let path = account_file(dir);
    let io = |e: std::io::Error| {
        CliError::new(
            Exit::Storage,
            format!("cannot write {}: {e}", path.display()),
        )
        .hint("check the permissions of the data directory, or pass another --data-dir")
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let text = serde_json::to_string_pretty(account)
        .map_err(|e| CliError::new(Exit::Other, format!("cannot encode the account: {e}")))?;
    std::fs::write(&path, text).map_err(io)
}

/// Forgets the account of a data directory (the cache stays).
pub fn remove(dir: &Path) -> Result<(), CliError> {
    match std::fs::remove_file(account_file(dir)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(CliError::new(
            Exit::Storage,
            format!("cannot remove the account file: {e}"),
        )),
    }
}

/// The token: from the environment variable `env_var` when it is set,
/// otherwise from the OS keyring.
pub fn token(account: &Account, env_var: &str) -> Result<String, CliError> {
    if let Ok(t) = std::env::var(env_var) {
        if !t.trim().is_empty() {
            return Ok(t.trim().to_string());
        }
    }
    let entry = keyring::Entry::new(KEYRING_SERVICE, &account.key()).map_err(keyring_error)?;
    entry.get_password().map_err(|e| match e {
        keyring::Error::NoEntry => CliError::new(
            Exit::NotSignedIn,
            format!(
                "no token for {} on {} in the keyring",
                account.login, account.server
            ),
        )
        .hint(format!(
            "sign in again with `hublot-cli login`, or set {env_var}"
        )),
        other => keyring_error(other),
    })
}

/// Stores the token in the OS keyring.
pub fn store_token(account: &Account, token: &str) -> Result<(), CliError> {
    keyring::Entry::new(KEYRING_SERVICE, &account.key())
        .and_then(|e| e.set_password(token))
        .map_err(keyring_error)
}

/// Removes the token from the OS keyring (absent is fine).
pub fn delete_token(account: &Account) -> Result<(), CliError> {
    match keyring::Entry::new(KEYRING_SERVICE, &account.key()).and_then(|e| e.delete_credential()) {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(keyring_error(e)),
    }
}

fn keyring_error(e: keyring::Error) -> CliError {
    CliError::new(Exit::NotSignedIn, format!("the OS keyring cannot be used: {e}")).hint(
        "on a machine without a secret service, use `login --print-token` and pass the token in HUBLOT_TOKEN",
    )
}
