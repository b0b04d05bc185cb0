//! The headless Hublot client.
//!
//! Everything the desktop app does that is not drawing a window or talking to
//! the operating system lives here, so it can be tested without a window:
//! the API client, the offline cache, the sync engine, the outbox and the
//! notification policy. This crate never depends on Tauri.

pub mod client;
pub mod error;
pub mod facts;
pub mod markdown;
pub mod store;
pub mod notify;
pub mod views;
