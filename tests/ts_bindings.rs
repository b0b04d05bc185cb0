//! Writes the TypeScript bindings of the shell's IPC types into
//! `ui/src/lib/bindings/`; CI runs it with `--features ts` and fails when the
//! committed bindings differ (`git diff --exit-code ui/src/lib/bindings`).
#![cfg(feature = "ts")]

use hublot_app::account::SessionInfo;
use hublot_app::commands::AppInfo;
use hublot_app::error::{AppError, ErrorCode};
use hublot_app::navigate::Navigate;
use hublot_app::settings::{Language, Settings, Theme};
use ts_rs::{Config, TS};

#[test]
fn export_typescript_bindings() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
    // JSON numbers, not bigint: ids and millisecond times stay below 2^53.
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    macro_rules! export {
        ($($t:ty),* $(,)?) => { $( <$t>::export_all(&cfg).expect(concat!("export ", stringify!($t))); )* };
    }
    export!(
        AppInfo,
        SessionInfo,
        Settings,
        Language,
        Theme,
        AppError,
        ErrorCode,
        Navigate
    );
}
