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
pub mod notify;
mod sender;
pub mod session;
pub mod store;
pub mod sync;
pub mod views;

pub use error::{ClientError, SessionError};
pub use session::{Session, SessionConfig};
