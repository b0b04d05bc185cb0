//! The sign-in token goes through the real Secret Service (the harness runs an
//! unlocked gnome-keyring-daemon in a private D-Bus session).

use std::process::Command;

use hublot_app::secrets;

/// What `secret-tool` (libsecret, another client of the same service) sees.
fn secret_tool_lookup(account: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", secrets::SERVICE, "username", account])
        .output()
        .expect("secret-tool runs");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn token_round_trips_through_the_secret_service() {
    let account = secrets::account_name("http://127.0.0.1:4010/", "alice");
    assert_eq!(account, "alice@http://127.0.0.1:4010");
    secrets::delete_token(&account).unwrap();
    assert_eq!(secrets::load_token(&account).unwrap(), None);

    secrets::store_token(&account, "tok-first").unwrap();
    assert_eq!(
        secrets::load_token(&account).unwrap().as_deref(),
        Some("tok-first")
    );
    // It really is in the desktop's keyring, not in a process-local mock.
    assert_eq!(secret_tool_lookup(&account).as_deref(), Some("tok-first"));

    secrets::store_token(&account, "tok-second").unwrap();
    assert_eq!(
        secrets::load_token(&account).unwrap().as_deref(),
        Some("tok-second")
    );

    // Another account on the same server is kept apart.
    let other = secrets::account_name("http://127.0.0.1:4010", "bob");
    secrets::store_token(&other, "tok-bob").unwrap();
    assert_eq!(
        secrets::load_token(&account).unwrap().as_deref(),
        Some("tok-second")
    );

    // Sign out removes it; removing twice is fine.
    secrets::delete_token(&account).unwrap();
    secrets::delete_token(&account).unwrap();
    assert_eq!(secrets::load_token(&account).unwrap(), None);
    assert_eq!(secret_tool_lookup(&account), None);
    assert_eq!(
        secrets::load_token(&other).unwrap().as_deref(),
        Some("tok-bob")
    );
    secrets::delete_token(&other).unwrap();
}
