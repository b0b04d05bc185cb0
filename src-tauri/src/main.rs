//! The `hublot` binary: everything is in the `hublot_app` library so the
//! integration tests can drive the same code.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    hublot_app::run();
}
