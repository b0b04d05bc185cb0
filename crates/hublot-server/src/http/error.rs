//! The one error shape, `hublot_api::ErrorBody`, for every refusal: ours, the
//! storage's, and axum's own rejections (bad JSON, wrong content type, bad
//! path or query, body too large).

use std::collections::BTreeMap;

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use hublot_api::{ErrorBody, ErrorCode};
use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, RefOr, ResponseBuilder};

use crate::storage::StoreError;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
    retry_after: Option<u64>,
}

impl ApiError {
    /// An error with the status of its code.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::from_u16(code.status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body: ErrorBody::new(code, message),
            retry_after: matches!(code, ErrorCode::RateLimited | ErrorCode::Unavailable)
                .then_some(1),
        }
    }

    /// An error with an explicit status (for statuses without their own code,
    /// such as 405), its code derived from the status.
    pub fn with_status(status: StatusCode, message: impl Into<String>) -> Self {
        let mut e = ApiError::new(ErrorCode::from_status(status.as_u16()), message);
        e.status = status;
        e
    }

    /// Sets `Retry-After`, in seconds.
    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs.max(1));
        self
    }

    /// 401 for a missing or bad token.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::Unauthorized, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let code = e.code();
        match code {
            ErrorCode::Internal => {
                tracing::error!(error = %e, "storage failure");
                ApiError::new(
                    code,
                    "the server failed to read or write its database; try again later",
                )
            }
            ErrorCode::Unavailable => {
                tracing::warn!(error = %e, "database busy");
                ApiError::new(code, "the server is busy; try again shortly")
            }
            _ => ApiError::new(code, e.to_string()),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        let status = r.status();
        let message = match &r {
            JsonRejection::MissingJsonContentType(_) => {
                "the request body must be JSON with `Content-Type: application/json`".to_string()
            }
            _ if status == StatusCode::PAYLOAD_TOO_LARGE => format!(
                "the request body is larger than {} bytes",
                hublot_api::limits::MAX_REQUEST_BYTES
            ),
            _ => r.body_text(),
        };
        ApiError::with_status(status, message)
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> Self {
        // A path that does not parse names nothing that exists.
        ApiError::new(ErrorCode::BadRequest, r.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::new(ErrorCode::BadRequest, r.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.status, axum::Json(self.body)).into_response();
        if let Some(secs) = self.retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;

/// A JSON object body, with our rejections. Every request body of the API is
/// an object: serde would also read a struct from an array, so arrays and
/// other values are refused here.
pub struct Json<T>(pub T);

impl<S, T> FromRequest<S> for Json<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(value) = axum::Json::<serde_json::Value>::from_request(req, state).await?;
        if !value.is_object() {
            return Err(ApiError::new(
                ErrorCode::Unprocessable,
                "the request body must be a JSON object",
            ));
        }
        serde_json::from_value(value).map(Json).map_err(|e| {
            ApiError::new(
                ErrorCode::Unprocessable,
                format!("the request body does not match: {e}"),
            )
        })
    }
}

/// `axum::extract::Path` with our rejection.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);

/// `axum::extract::Query` with our rejection.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

/// Turns any error answer that is not already ours (405 from the router, 413
/// from the body limit...) into an `ErrorBody`, keeping its status and headers.
pub async fn normalize_errors(res: Response) -> Response {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return res;
    }
    let message = match status {
        StatusCode::METHOD_NOT_ALLOWED => "this method is not allowed on this path".to_string(),
        StatusCode::NOT_FOUND => "no such route; see /v1/openapi.json".to_string(),
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "the request body is larger than {} bytes",
            hublot_api::limits::MAX_REQUEST_BYTES
        ),
        s => s
            .canonical_reason()
            .unwrap_or("request refused")
            .to_string(),
    };
    let (mut parts, _) = res.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let fresh = ApiError::with_status(status, message).into_response();
    let (fresh_parts, body) = fresh.into_parts();
    for (k, v) in fresh_parts.headers.iter() {
        parts.headers.insert(k.clone(), v.clone());
    }
    Response::from_parts(parts, body)
}

/// The error answers every route may give, for the OpenAPI document.
pub struct ErrorResponses;

impl utoipa::IntoResponses for ErrorResponses {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::response::Response>> {
        let statuses = [
            (
                "400",
                "Malformed request (bad JSON, wrong types, bad path or query)",
            ),
            (
                "401",
                "Missing or invalid bearer token, or wrong credentials",
            ),
            ("403", "Signed in, but not allowed to do this"),
            ("404", "No such thing, or not visible to this user"),
            ("405", "Method not allowed on this path"),
            ("409", "Conflicts with the current state"),
            ("410", "The sync cursor is older than what the server keeps"),
            ("413", "Request body too large"),
            ("415", "The request body is not application/json"),
            ("422", "Well-formed but refused"),
            ("429", "Too many requests; see Retry-After"),
            ("500", "The server failed"),
            ("503", "Overloaded or shutting down; see Retry-After"),
        ];
        statuses
            .into_iter()
            .map(|(status, description)| {
                let mut b = ResponseBuilder::new().description(description).content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                );
                if status == "429" || status == "503" {
                    b = b.header(
                        "Retry-After",
                        HeaderBuilder::new()
                            .schema(
                                utoipa::openapi::ObjectBuilder::new()
                                    .schema_type(utoipa::openapi::schema::Type::Integer),
                            )
                            .description(Some("Seconds to wait before retrying"))
                            .build(),
                    );
                }
                (status.to_string(), RefOr::T(b.build()))
            })
            .collect()
    }
}
