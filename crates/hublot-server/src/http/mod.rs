//! The HTTP API: routes, authentication, errors, the OpenAPI document.
//!
//! Handlers are thin: they extract, call one [`Storage`] operation off the
//! async runtime, and answer.

mod auth;
mod directory;
pub mod error;
mod events;
mod feed;
mod groups;
mod posts;
mod ratelimit;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::Router;
use hublot_api::limits::MAX_REQUEST_BYTES;
use hublot_api::User;
use sha2::{Digest, Sha256};
use tokio::sync::{watch, Semaphore};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::storage::{Storage, StoreResult};
use error::{ApiError, ApiResult};

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub storage: Arc<Storage>,
    /// Failed-login counters.
    pub limiter: Arc<ratelimit::LoginLimiter>,
    /// Becomes true when the server shuts down (ends event streams).
    pub shutdown: watch::Receiver<bool>,
    /// Interval of `heartbeat` events.
    pub heartbeat: Duration,
    /// Storage operations allowed to run at once ([`Storage::max_concurrent`]).
    pub db_slots: Arc<Semaphore>,
}

impl AppState {
    /// The state of a server on `storage`.
    pub fn new(
        storage: Arc<Storage>,
        shutdown: watch::Receiver<bool>,
        heartbeat: Duration,
    ) -> Self {
        AppState {
            storage,
            limiter: Arc::default(),
            shutdown,
            heartbeat,
            db_slots: Arc::new(Semaphore::new(Storage::max_concurrent())),
        }
    }

    /// Runs a storage operation on the blocking pool, at most
    /// [`Storage::max_concurrent`] at once: the others wait here, without a
    /// thread, rather than each taking a blocking thread and a fresh database
    /// connection (which is what made 200 concurrent clients slow).
    pub async fn db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Storage) -> StoreResult<T> + Send + 'static,
    ) -> ApiResult<T> {
        let Ok(permit) = self.db_slots.clone().acquire_owned().await else {
            return Err(ApiError::new(
                hublot_api::ErrorCode::Unavailable,
                "the server is shutting down; try again shortly",
            ));
        };
        let storage = self.storage.clone();
        let task = move || {
            let out = f(&storage);
            drop(permit);
            out
        };
        match tokio::task::spawn_blocking(task).await {
            Ok(r) => r.map_err(ApiError::from),
            Err(e) => {
                tracing::error!(error = %e, "storage task failed");
                Err(ApiError::new(
                    hublot_api::ErrorCode::Internal,
                    "the server failed; try again later",
                ))
            }
        }
    }
}

/// SHA-256 of a token, as stored.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The signed-in user of a request (from `Authorization: Bearer TOKEN`).
pub struct Session {
    /// Who.
    pub user: User,
    /// SHA-256 of the token (for logout).
    pub token_hash: Vec<u8>,
}

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                ApiError::unauthorized(
                    "sign in first: send `Authorization: Bearer TOKEN` (from /v1/auth/login)",
                )
            })?;
        let hash = token_hash(token);
        // Most requests come with a token the cache knows: no blocking trip.
        let user = match state.storage.cached_user_by_token(&hash) {
            Some(user) => Some(user),
            None => {
                let lookup = hash.clone();
                state.db(move |s| s.user_by_token(&lookup)).await?
            }
        };
        let user = user.ok_or_else(|| {
            ApiError::unauthorized(
                "this token is unknown, revoked or its account disabled; sign in again",
            )
        })?;
        Ok(Session {
            user,
            token_hash: hash,
        })
    }
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Hublot API",
        version = "1",
        description = "The API of Hublot, an enterprise social network. Errors are `{\"error\": {\"code\", \"message\"}}`; \
            429 and 503 carry Retry-After. Limits are in hublot_api::limits; request bodies are at most 262144 bytes."
    ),
    modifiers(&BearerAuth),
    components(schemas(hublot_api::ErrorBody, hublot_api::ErrorDetail, hublot_api::ErrorCode, hublot_api::EventPing))
)]
struct ApiDoc;

/// The routes and the OpenAPI document, built together so they cannot differ.
fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(directory::me))
        .routes(routes!(directory::list_users))
        .routes(routes!(directory::get_user))
        .routes(routes!(groups::list_groups, groups::create_group))
        .routes(routes!(groups::get_group, groups::edit_group))
        .routes(routes!(groups::join))
        .routes(routes!(groups::leave))
        .routes(routes!(groups::members, groups::add_member))
        .routes(routes!(groups::follow))
        .routes(routes!(groups::read_marker))
        .routes(routes!(groups::post_page))
        .routes(routes!(posts::create_post))
        .routes(routes!(
            posts::get_post,
            posts::edit_post,
            posts::delete_post
        ))
        .routes(routes!(posts::pin))
        .routes(routes!(posts::create_comment))
        .routes(routes!(posts::edit_comment, posts::delete_comment))
        .routes(routes!(posts::set_reaction, posts::remove_reaction))
        .routes(routes!(posts::vote))
        .routes(routes!(feed::bootstrap))
        .routes(routes!(feed::sync))
        .routes(routes!(events::events))
        .split_for_parts()
}

/// The OpenAPI document of the API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = routes();
    doc.paths.paths.insert(
        "/v1/openapi.json".to_string(),
        utoipa::openapi::path::PathItem::new(
            utoipa::openapi::HttpMethod::Get,
            utoipa::openapi::path::OperationBuilder::new()
                .operation_id(Some("openapi"))
                .summary(Some("This document"))
                .tag("meta")
                .response("200", ResponseOk::json_object("The OpenAPI document")),
        ),
    );
    doc
}

struct ResponseOk;

impl ResponseOk {
    fn json_object(description: &str) -> utoipa::openapi::response::Response {
        utoipa::openapi::ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                utoipa::openapi::ContentBuilder::new()
                    .schema(Some(
                        utoipa::openapi::ObjectBuilder::new()
                            .schema_type(utoipa::openapi::schema::Type::Object),
                    ))
                    .build(),
            )
            .build()
    }
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    let (router, _) = routes();
    let doc = Arc::new(openapi());
    router
        .route(
            "/v1/openapi.json",
            axum::routing::get(move || {
                let doc = doc.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .fallback(|| async {
            ApiError::with_status(StatusCode::NOT_FOUND, "no such route; see /v1/openapi.json")
        })
        .layer(axum::middleware::map_response(error::normalize_errors))
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .with_state(state)
}
