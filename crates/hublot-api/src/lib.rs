//! Wire types of the Hublot API v1.
//!
//! Every request, response, entity, change and error that crosses the network is
//! defined here and nowhere else, so the client (`hublot-core`) and the reference
//! server (`hublot-server`) cannot drift apart. The crate does no I/O.
//!
//! Conventions:
//! - identifiers are server-assigned positive integers ([`Id`]);
//! - times are milliseconds since the Unix epoch, UTC ([`Millis`]);
//! - writes that create something carry a client-generated [`uuid::Uuid`]
//!   `client_id`: sending the same one twice returns the first result;
//! - the change feed cursor is an opaque string ([`Cursor`]).
//!
//! Feature `openapi` derives `utoipa` schemas; feature `ts` derives `ts-rs`
//! TypeScript bindings.

pub mod entities;
pub mod error;
pub mod events;
pub mod limits;
pub mod requests;
pub mod sync;

pub use entities::*;
pub use error::*;
pub use events::*;
pub use requests::*;
pub use sync::*;

/// A server-assigned identifier of a user, group, post, comment or poll option.
pub type Id = i64;

/// A point in time: milliseconds since the Unix epoch, UTC.
pub type Millis = i64;

/// The path prefix of every route of this API version.
pub const API_PREFIX: &str = "/v1";
