//! Sign in and out.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use base64::Engine;
use hublot_api::{ErrorCode, LoginRequest, LoginResponse};
use rand::RngCore;

use super::error::{ApiError, ApiResult, ErrorResponses, Json};
use super::{token_hash, AppState, Session};
use crate::password;

/// Sign in with a handle (or e-mail) and a password; answers a bearer token.
#[utoipa::path(post, path = "/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse, description = "Signed in"), ErrorResponses))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Json(req): Json<LoginRequest>,
) -> ApiResult<axum::Json<LoginResponse>> {
    let account = format!("account:{}", req.login.trim().to_lowercase());
    let keys = [account.clone(), format!("address:{}", addr.ip())];
    if let Some(secs) = state.limiter.blocked(&keys) {
        return Err(ApiError::new(
            ErrorCode::RateLimited,
            "too many failed sign-ins; wait and try again",
        )
        .retry_after(secs));
    }
    let login = req.login.clone();
    let found = state.db(move |s| s.credentials(&login)).await?;
    let password = req.password;
    let ok = match found {
        Some((user, hash)) if !user.disabled => {
            let good = tokio::task::spawn_blocking(move || password::verify(&password, &hash))
                .await
                .unwrap_or(false);
            good.then_some(user)
        }
        _ => None,
    };
    let Some(user) = ok else {
        state.limiter.fail(&keys);
        return Err(ApiError::unauthorized(
            "wrong login or password, or the account is disabled",
        ));
    };
    state.limiter.clear(&account);
    let mut raw = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut raw);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    let hash = token_hash(&token);
    let id = user.id;
    state.db(move |s| s.add_token(id, &hash)).await?;
    Ok(axum::Json(LoginResponse { token, user }))
}

/// Revoke the token of this request.
#[utoipa::path(post, path = "/v1/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out"), ErrorResponses), security(("bearer" = [])))]
pub async fn logout(State(state): State<AppState>, session: Session) -> ApiResult<StatusCode> {
    let hash = session.token_hash;
    state.db(move |s| s.delete_token(&hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}
